package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.util.List;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.transport.Acceptor;
import org.bgpmgmt.transport.Backoff;
import org.bgpmgmt.transport.Connector;
import org.bgpmgmt.transport.Opener;
import org.bgpmgmt.transport.Transport;

/**
 * A context's one socket end, server or client: how it starts, where it is, its connections and
 * their counters. The sockets themselves live in {@code org.bgpmgmt.transport}; this is the
 * {@link Opener} they hand ready streams to, so the transport needs nothing of {@link Connection}
 * beyond what this package-private class does with it. Loop thread only, except {@link #endpoint()}.
 */
final class Sockets implements Opener<Connection> {
    private final Dispatch dispatch;
    private final EventLoop loop;
    private final Settings settings;
    private final Acceptor<Connection> acceptor;
    private final Connector<Connection> connector;

    Sockets(final Dispatch dispatch, final EventLoop loop, final Settings s, final Endpoint listen,
            final Endpoint connect) {
        this.dispatch = dispatch;
        this.loop = loop;
        this.settings = s; // set before the Connector below, which makes its connection through this
        if (s.tls != null && (listen != null ? listen : connect).isUnix()) {
            throw new IllegalArgumentException("TLS is for TCP endpoints; unix socket " + (listen != null ? listen
                : connect) + " is owner-only already");
        }
        this.acceptor = listen == null ? null
            : new Acceptor<>(loop, s.name, listen, s.maxConnections, s.allowedUids, s.tls, this);
        this.connector = connect == null ? null : new Connector<>(loop, s.name, connect,
            new Backoff(s.reconnectDelayMillis, s.reconnectMaxDelayMillis, s.reconnectJitter), s.tls, this);
        dispatch.serve(acceptor, connector);
    }

    @Override
    public Connection newConnection() {
        return new Connection(dispatch, loop, settings);
    }

    @Override
    public void open(final Connection c, final Transport transport, final String peer) {
        c.open(transport, peer);
        dispatch.opened(c);
    }

    @Override
    public void handshakeFailed(final String peer, final String reason) {
        dispatch.tlsFailed(peer, reason);
    }

    /** Stops accepting and connecting: no new connection from here on. */
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (acceptor != null) {
            acceptor.close();
        }
    }

    boolean isServer() {
        return acceptor != null;
    }

    /** Binds (server) or makes the first connect attempt (client); the first socket touched. */
    Endpoint start() throws IOException {
        return acceptor != null ? acceptor.start() : connector.start();
    }

    /** Where a server listens (the real port once bound) or a client connects. Any thread. */
    Endpoint endpoint() {
        return acceptor != null ? acceptor.endpoint() : connector.endpoint();
    }

    /** The connections, the client's even while down. */
    List<Connection> connections() {
        return acceptor != null ? acceptor.connections() : connector.connections();
    }

    /** The connection that is up with the fewest catalog rows attached, or null. */
    Connection leastLoaded() {
        Connection best = null;
        for (Connection c : connections()) {
            if (c.isUp() && (best == null || c.attachedRows() < best.attachedRows())) {
                best = c;
            }
        }
        return best;
    }

    /** The first connection that is up, or null. */
    Connection firstUp() {
        for (Connection c : connections()) {
            if (c.isUp()) {
                return c;
            }
        }
        return null;
    }

    /** The counters of the context, its sockets and its connections. */
    ContextStats stats(final Settings s, final Dispatch dispatch, final ContextListeners listeners) {
        final List<Connection> all = connections();
        final ConnectionStats[] conns = new ConnectionStats[all.size()];
        for (int i = 0; i < conns.length; i++) {
            conns[i] = all.get(i).stats();
        }
        final boolean server = acceptor != null;
        return new ContextStats(s.name, server, endpoint().toString(), List.of(conns),
            new ContextStats.Admissions(server ? acceptor.accepted() : 0, server ? acceptor.rejected() : 0,
                server ? acceptor.refusedByCredentials() : 0, server ? 0 : connector.connectFailures()),
            new ContextStats.Closes(dispatch.protocolErrors, dispatch.idleCloses, dispatch.tlsFailures),
            listeners.errors);
    }
}
