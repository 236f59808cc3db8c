package org.bgpmgmt.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;

/**
 * One socket's TLS handshake as tasks on the context's loop: a step runs whenever the socket is
 * ready in the direction the engine wants, and a timer on the loop's clock abandons a handshake
 * that is not done within the timeout. No thread waits. On success the socket and its {@link
 * TlsTransport} go to the owner's connection; on failure the socket is closed and the owner told why.
 * Loop thread only.
 */
final class TlsHandshake {
    /** What the owner (acceptor or connector) does with the outcome. */
    interface Outcome {
        /** The handshake finished: open a connection over {@code transport}. */
        void handshaken(TlsHandshake h, TlsTransport transport);

        /** The handshake failed and the socket is closed: count and log {@code reason}. */
        void handshakeFailed(TlsHandshake h, String reason);
    }

    private final EventLoop loop;
    private final TlsTransport transport;
    private final String peer;
    private final Outcome outcome;
    private final long timeoutNanos;
    private final TaskHandle stepTask;
    private final TaskHandle timeoutTimer;
    private final Task step = this::step;
    private final Task expire = this::expire;
    private boolean over;

    TlsHandshake(final EventLoop loop, final String name, final TlsSettings tls, final SocketChannel socket,
                 final boolean client, final InetSocketAddress remote, final String peer, final Outcome outcome) {
        this.loop = loop;
        this.transport = new TlsTransport(socket, tls.engine(client, remote));
        this.peer = peer;
        this.outcome = outcome;
        this.timeoutNanos = tls.handshakeTimeoutNanos;
        this.stepTask = new TaskHandle(name + "_tls_handshake");
        this.timeoutTimer = new TaskHandle(name + "_tls_timeout");
    }

    /** The peer as logs name it. */
    String peer() {
        return peer;
    }

    /** Arms the timeout and takes the first step (a client's hello goes out now). */
    void start() {
        loop.addTimer(Duration.ofNanos(timeoutNanos), expire, this, timeoutTimer);
        step(stepTask);
    }

    private void step(final TaskHandle self) {
        final int state;
        try {
            state = transport.handshake();
        } catch (IOException | RuntimeException e) {
            fail(Transport.reason(e));
            return;
        }
        if (state == TlsTransport.DONE) {
            over = true;
            loop.cancel(timeoutTimer);
            outcome.handshaken(this, transport);
        } else if (state == TlsTransport.WANT_READ) {
            loop.addRead(transport.channel(), step, this, self);
        } else {
            loop.addWrite(transport.channel(), step, this, self);
        }
    }

    private void expire(final TaskHandle self) {
        fail("handshake not finished within " + timeoutNanos / 1_000_000 + " ms (handshakeTimeout)");
    }

    private void fail(final String reason) {
        if (over) {
            return;
        }
        abandon();
        outcome.handshakeFailed(this, reason);
    }

    /** Stops the handshake and closes the socket without telling the owner: the context closes. */
    void abandon() {
        over = true;
        loop.cancel(stepTask);
        loop.cancel(timeoutTimer);
        Acceptor.closeQuietly(transport.channel());
    }
}
