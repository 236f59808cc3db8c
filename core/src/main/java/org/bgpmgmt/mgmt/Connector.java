package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client mode (bfdd's {@code bfd_dplane_client_connect}): a non-blocking connect through a
 * connect task, and on failure or loss a reconnect timer with exponential backoff and jitter. One
 * {@link Connection} is reused across reconnects, with fresh buffers each time. Loop thread only.
 */
final class Connector implements TlsHandshake.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final Dispatch dispatch;
    private final EventLoop loop;
    private final Settings config;
    private final Endpoint endpoint;
    private final Connection connection;
    private final List<Connection> connections;
    private final TaskHandle connectTask;
    private final TaskHandle reconnectTimer;
    private final Task connect = this::connect;
    private final Task finishConnect = this::finishConnect;
    private SocketChannel connecting;
    private TlsHandshake handshake;
    private int failures;
    private long connectFailures;
    private boolean closed;

    Connector(final Dispatch dispatch, final EventLoop loop, final Settings config, final Endpoint endpoint) {
        this.dispatch = dispatch;
        this.loop = loop;
        this.config = config;
        this.endpoint = endpoint;
        this.connection = new Connection(dispatch, loop, config);
        this.connections = List.of(connection);
        this.connectTask = new TaskHandle(config.name + "_connect");
        this.reconnectTimer = new TaskHandle(config.name + "_reconnect");
    }

    /** The one connection, reused across reconnects; listed even while down. */
    List<Connection> connections() {
        return connections;
    }

    long connectFailures() {
        return connectFailures;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Makes the first connect attempt, now: the first moment a socket is touched. Loop thread. */
    Endpoint start() {
        connect(reconnectTimer);
        return endpoint;
    }

    private void connect(final TaskHandle self) {
        if (closed || connection.isUp()) {
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
        if (config.tls == null) {
            open(new PlainTransport(socket));
            return;
        }
        handshake = new TlsHandshake(loop, config, socket, true, endpoint, endpoint.toString(), this);
        handshake.start();
    }

    /** Connected (and authenticated, with TLS): the backoff starts again from the configured delay. */
    private void open(final Transport transport) {
        failures = 0;
        LOG.info("{}: connected to {}", config.name, endpoint);
        connection.open(transport, endpoint.toString());
        dispatch.opened(connection);
    }

    @Override
    public void handshaken(final TlsHandshake h, final TlsTransport transport) {
        handshake = null;
        open(transport);
    }

    @Override
    public void handshakeFailed(final TlsHandshake h, final String reason) {
        handshake = null;
        dispatch.tlsFailed(h.peer(), reason);
        scheduleReconnect(); // the same backoff as a failed connect: a misconfigured peer is not hammered
    }

    private void failed(final IOException e) {
        connectFailures++;
        LOG.info("{}: connect to {} failed: {}", config.name, endpoint, e.getMessage());
        scheduleReconnect();
    }

    /** Arms the reconnect timer: the configured delay doubled per failure, capped, with jitter. */
    void scheduleReconnect() {
        if (closed) {
            return;
        }
        final long base = config.reconnectDelayMillis;
        final long delay = Math.min(config.reconnectMaxDelayMillis, base << Math.min(failures, 20));
        failures++;
        final double spread = config.reconnectJitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        final long jittered = Math.max(1, Math.round(delay * (1 + spread)));
        loop.addTimerMillis(jittered, connect, this, reconnectTimer);
    }

    void close() {
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
