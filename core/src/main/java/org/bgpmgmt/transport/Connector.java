package org.bgpmgmt.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.mgmt.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client mode (bfdd's {@code bfd_dplane_client_connect}): a non-blocking connect through a
 * connect task, and on failure or loss a reconnect timer with exponential backoff and jitter. One
 * connection, made by the {@link Opener}, is reused across reconnects, with fresh buffers each
 * time. Loop thread only.
 *
 * @param <C> the context's connection type
 */
public final class Connector<C> {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final EventLoop loop;
    private final String name;
    private final Backoff backoff;
    private final TlsSettings tls;
    private final Opener<C> opener;
    private final Endpoint endpoint;
    private final C connection;
    private final List<C> connections;
    private final TlsHandshake.Outcome outcome = new Handshakes();
    private final TaskHandle connectTask;
    private final TaskHandle reconnectTimer;
    private final Task connect = this::connect;
    private final Task finishConnect = this::finishConnect;
    private SocketChannel connecting;
    private TlsHandshake handshake;
    private int failures;
    private long connectFailures;
    private boolean up; // open, from its opening until closed() says it went down
    private boolean closed;

    /**
     * Configures a client and makes its one connection; no socket is opened yet.
     *
     * @param loop the loop its tasks run on
     * @param name the context's name, for task names and logs
     * @param endpoint where to connect
     * @param backoff the waits between attempts
     * @param tls TLS for a TCP endpoint, or null
     * @param opener makes the connection and opens it on each connect
     */
    public Connector(final EventLoop loop, final String name, final Endpoint endpoint, final Backoff backoff,
                     final TlsSettings tls, final Opener<C> opener) {
        this.loop = loop;
        this.name = name;
        this.backoff = backoff;
        this.tls = tls;
        this.opener = opener;
        this.endpoint = endpoint;
        this.connection = opener.newConnection();
        this.connections = List.of(connection);
        this.connectTask = new TaskHandle(name + "_connect");
        this.reconnectTimer = new TaskHandle(name + "_reconnect");
    }

    /**
     * Returns the one connection, reused across reconnects; listed even while down. Any thread.
     *
     * @return a list of one
     */
    public List<C> connections() {
        return connections;
    }

    /**
     * Returns the connect attempts that failed (a failed TLS handshake is counted as a TLS failure). Loop
     * thread only.
     *
     * @return the count
     */
    public long connectFailures() {
        return connectFailures;
    }

    /**
     * Returns where it connects. Any thread.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Makes the first connect attempt, now: the first moment a socket is touched. Loop thread only.
     *
     * @return where it connects
     */
    public Endpoint start() {
        connect(reconnectTimer);
        return endpoint;
    }

    private void connect(final TaskHandle self) {
        if (closed || up) {
            return;
        }
        SocketChannel socket = null;
        try {
            socket = endpoint.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            socket.configureBlocking(false);
            if (!endpoint.isUnix()) {
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (socket.connect(endpoint.address())) {
                connected(socket);
            } else {
                connecting = socket;
                loop.addConnect(socket, finishConnect, this, connectTask);
            }
        } catch (IOException e) {
            if (socket != null) {
                Acceptor.closeQuietly(socket);
            }
            failed(e);
        }
    }

    private void finishConnect(final TaskHandle self) {
        final SocketChannel socket = connecting;
        connecting = null;
        try {
            if (socket.finishConnect()) {
                connected(socket);
                return;
            }
            throw new IOException("connect did not finish");
        } catch (IOException e) {
            Acceptor.closeQuietly(socket);
            failed(e);
        }
    }

    private void connected(final SocketChannel socket) {
        if (tls == null) {
            open(new PlainTransport(socket));
            return;
        }
        handshake = new TlsHandshake(loop, name, tls, socket, true, (InetSocketAddress) endpoint.address(),
            endpoint.toString(), outcome);
        handshake.start();
    }

    /** Connected (and authenticated, with TLS): the backoff starts again from the configured delay. */
    private void open(final Transport transport) {
        failures = 0;
        up = true;
        LOG.info("{}: connected to {}", name, endpoint);
        opener.open(connection, transport, endpoint.toString());
    }

    /** A handshake's end, in a class of its own so that the connector's public face stays its own. */
    private final class Handshakes implements TlsHandshake.Outcome {
        @Override
        public void handshaken(final TlsHandshake h, final TlsTransport transport) {
            handshake = null;
            open(transport);
        }

        @Override
        public void handshakeFailed(final TlsHandshake h, final String reason) {
            handshake = null;
            opener.handshakeFailed(h.peer(), reason);
            scheduleReconnect(); // the same backoff as a failed connect: a misconfigured peer is not hammered
        }
    }

    private void failed(final IOException e) {
        connectFailures++;
        LOG.info("{}: connect to {} failed: {}", name, endpoint, e.getMessage());
        scheduleReconnect();
    }

    /**
     * Hears that the connection went down and arms a reconnect. Loop thread only.
     */
    public void closed() {
        up = false;
        scheduleReconnect();
    }

    /** Arms the reconnect timer: the configured delay doubled per failure, capped, with jitter. */
    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        final long base = backoff.delayMillis();
        final long delay = Math.min(backoff.maxDelayMillis(), base << Math.min(failures, 20));
        failures++;
        final double spread = backoff.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        final long jittered = Math.max(1, Math.round(delay * (1 + spread)));
        loop.addTimerMillis(jittered, connect, this, reconnectTimer);
    }

    /** Stops connecting for good: no attempt and no handshake outlives this. Loop thread only. */
    public void close() {
        closed = true;
        loop.cancel(reconnectTimer);
        loop.cancel(connectTask);
        if (connecting != null) {
            Acceptor.closeQuietly(connecting);
            connecting = null;
        }
        if (handshake != null) {
            handshake.abandon();
            handshake = null;
        }
    }
}
