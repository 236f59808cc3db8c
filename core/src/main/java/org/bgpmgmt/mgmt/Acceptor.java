package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server mode (bfdd's {@code bfd_dplane_accept}): the listening socket, its accept task, one
 * connection per accepted socket, and the connection limit. Nothing is bound before {@link #start}.
 * With TLS a socket becomes a connection only once its handshake is done; a handshake in progress
 * holds a slot under the limit until then, at most the handshake timeout. Loop thread only.
 */
final class Acceptor implements TlsHandshake.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int ACCEPTS_PER_TURN = 64;

    private final Dispatch dispatch;
    private final EventLoop loop;
    private final Settings config;
    private final Endpoint where;
    private ServerSocketChannel server;
    private volatile Endpoint endpoint;
    private final TaskHandle acceptTask;
    private final Task accept = this::accept;
    private final List<Connection> connections = new ArrayList<>();
    private final List<TlsHandshake> handshakes = new ArrayList<>();
    private long accepted;
    private long rejected;
    private long refusedByCredentials;
    private final java.util.Set<java.nio.file.attribute.UserPrincipal> allowedUsers;

    Acceptor(final Dispatch dispatch, final EventLoop loop, final Settings config, final Endpoint where) {
        this.dispatch = dispatch;
        this.loop = loop;
        this.config = config;
        this.where = where;
        this.endpoint = where;
        this.acceptTask = new TaskHandle(config.name + "_accept");
        this.allowedUsers = where.isUnix() && config.allowedUids != null ? principals(config.allowedUids) : null;
    }

    /** Binds and starts accepting: the first moment a socket is touched. Loop thread. */
    Endpoint start() throws IOException {
        if (where.isUnix()) {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                UnixSockets.bindOwnerOnly(server, where.path(), 128);
            } catch (IOException | RuntimeException e) {
                server.close();
                server = null;
                throw e;
            }
        } else {
            server = ServerSocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(where.address(), 1024);
            } catch (IOException | RuntimeException e) {
                server.close();
                server = null;
                throw e;
            }
            endpoint = Endpoint.tcp((InetSocketAddress) server.getLocalAddress());
        }
        loop.addAccept(server, accept, this, acceptTask);
        return endpoint;
    }

    List<Connection> connections() {
        return connections;
    }

    long accepted() {
        return accepted;
    }

    long rejected() {
        return rejected;
    }

    long refusedByCredentials() {
        return refusedByCredentials;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    private void accept(final TaskHandle self) {
        for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
            final SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                LOG.warn("{}: accept on {} failed: {}", config.name, endpoint, e.toString());
                break;
            }
            if (socket == null) {
                break;
            }
            admit(socket);
        }
        loop.addAccept(server, accept, this, self);
    }

    private void admit(final SocketChannel socket) {
        final String peer = peerOf(socket);
        if (connections.size() + handshakes.size() >= config.maxConnections) {
            rejected++;
            LOG.warn("{}: refused {}: at the limit of {} connections", config.name, peer, config.maxConnections);
            closeQuietly(socket);
            return;
        }
        if (allowedUsers != null && !credentialsAllowed(socket, peer)) {
            return;
        }
        try {
            socket.configureBlocking(false);
            if (!endpoint.isUnix()) {
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot set up {}: {}", config.name, peer, e.toString());
            closeQuietly(socket);
            return;
        }
        accepted++;
        if (config.tls != null) {
            final TlsHandshake h = new TlsHandshake(loop, config, socket, false, endpoint, peer, this);
            handshakes.add(h);
            h.start();
        } else {
            open(new PlainTransport(socket), peer);
        }
    }

    private void open(final Transport transport, final String peer) {
        final Connection c = new Connection(dispatch, loop, config);
        connections.add(c);
        c.open(transport, peer);
        dispatch.opened(c);
    }

    @Override
    public void handshaken(final TlsHandshake h, final TlsTransport transport) {
        handshakes.remove(h);
        open(transport, h.peer());
    }

    @Override
    public void handshakeFailed(final TlsHandshake h, final String reason) {
        handshakes.remove(h);
        dispatch.tlsFailed(h.peer(), reason);
    }

    /** Checks the peer's uid with SO_PEERCRED; a stranger is closed, logged and counted. */
    private boolean credentialsAllowed(final SocketChannel socket, final String peer) {
        java.nio.file.attribute.UserPrincipal user = null;
        try {
            user = socket.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{}: cannot read the credentials of {}: {}", config.name, peer, e.toString());
        }
        if (user != null && allowedUsers.contains(user)) {
            return true;
        }
        refusedByCredentials++;
        LOG.warn("{}: refused {}: user {} is not in the allowed uids {}", config.name, peer,
            user == null ? "unknown" : user.getName(), config.allowedUids);
        closeQuietly(socket);
        return false;
    }

    private static java.util.Set<java.nio.file.attribute.UserPrincipal> principals(final java.util.Set<Integer> uids) {
        final java.util.Set<java.nio.file.attribute.UserPrincipal> out = new java.util.HashSet<>();
        final java.nio.file.attribute.UserPrincipalLookupService lookup =
            java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
        for (int uid : uids) {
            try {
                // A numeric name resolves to that uid, and principals compare by uid.
                out.add(lookup.lookupPrincipalByName(Integer.toString(uid)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot resolve uid " + uid, e);
            }
        }
        return out;
    }

    void closed(final Connection c) {
        connections.remove(c);
    }

    /** Stops accepting and removes the unix socket file; connections are the context's to close. */
    void close() {
        loop.cancel(acceptTask);
        for (TlsHandshake h : handshakes) {
            h.abandon();
        }
        handshakes.clear();
        if (server == null) {
            return; // never bound
        }
        closeQuietly(server);
        server = null;
        if (endpoint.isUnix()) {
            try {
                Files.deleteIfExists(endpoint.path());
            } catch (IOException e) {
                LOG.warn("{}: cannot remove {}: {}", config.name, endpoint.path(), e.toString());
            }
        }
    }

    private String peerOf(final SocketChannel socket) {
        if (endpoint.isUnix()) {
            return endpoint.toString() + "#" + (accepted + rejected + 1);
        }
        try {
            final InetSocketAddress a = (InetSocketAddress) socket.getRemoteAddress();
            return Endpoint.tcp(a).toString();
        } catch (IOException e) {
            return "unknown peer";
        }
    }

    static void closeQuietly(final java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
