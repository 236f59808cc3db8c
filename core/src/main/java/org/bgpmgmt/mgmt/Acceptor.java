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
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server mode (bfdd's {@code bfd_dplane_accept}): the listening socket, its accept task, one
 * connection per accepted socket, and the connection limit. Loop thread only, except the bind.
 */
final class Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int ACCEPTS_PER_TURN = 64;

    private final BgpMgmtContext context;
    private final BgpMgmtConfig config;
    private final ServerSocketChannel server;
    private final Endpoint endpoint;
    private final TaskHandle acceptTask;
    private final Task accept = this::accept;
    final List<Connection> connections = new ArrayList<>();
    long accepted;
    long rejected;
    long refusedByCredentials;
    private final java.util.Set<java.nio.file.attribute.UserPrincipal> allowedUsers;

    /** Binds at once, on the caller's thread, so that a bad address fails the constructor. */
    Acceptor(final BgpMgmtContext context, final BgpMgmtConfig config, final Endpoint where) throws IOException {
        this.context = context;
        this.config = config;
        this.acceptTask = new TaskHandle(config.name() + "_accept");
        this.allowedUsers = where.isUnix() && config.allowedUids() != null ? principals(config.allowedUids()) : null;
        if (where.isUnix()) {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                UnixSockets.bindOwnerOnly(server, where.path(), 128);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            endpoint = where;
        } else {
            server = ServerSocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(where.address(), 1024);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            endpoint = Endpoint.tcp((InetSocketAddress) server.getLocalAddress());
        }
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void start() {
        context.loop().addAccept(server, accept, this, acceptTask);
    }

    private void accept(final TaskHandle self) {
        for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
            final SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                LOG.warn("{}: accept on {} failed: {}", context.name(), endpoint, e.toString());
                break;
            }
            if (socket == null) {
                break;
            }
            admit(socket);
        }
        context.loop().addAccept(server, accept, this, self);
    }

    private void admit(final SocketChannel socket) {
        final String peer = peerOf(socket);
        if (connections.size() >= config.maxConnections()) {
            rejected++;
            LOG.warn("{}: refused {}: at the limit of {} connections", context.name(), peer, config.maxConnections());
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
            LOG.warn("{}: cannot set up {}: {}", context.name(), peer, e.toString());
            closeQuietly(socket);
            return;
        }
        accepted++;
        final Connection c = new Connection(context, config);
        connections.add(c);
        c.open(socket, peer);
        context.connectionOpened(c);
    }

    /** Checks the peer's uid with SO_PEERCRED; a stranger is closed, logged and counted. */
    private boolean credentialsAllowed(final SocketChannel socket, final String peer) {
        java.nio.file.attribute.UserPrincipal user = null;
        try {
            user = socket.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{}: cannot read the credentials of {}: {}", context.name(), peer, e.toString());
        }
        if (user != null && allowedUsers.contains(user)) {
            return true;
        }
        refusedByCredentials++;
        LOG.warn("{}: refused {}: user {} is not in the allowed uids {}", context.name(), peer,
            user == null ? "unknown" : user.getName(), config.allowedUids());
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
        context.loop().cancel(acceptTask);
        closeQuietly(server);
        if (endpoint.isUnix()) {
            try {
                Files.deleteIfExists(endpoint.path());
            } catch (IOException e) {
                LOG.warn("{}: cannot remove {}: {}", context.name(), endpoint.path(), e.toString());
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
