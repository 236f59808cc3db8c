package org.bgpmgmt.transport;

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
import org.bgpmgmt.mgmt.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server mode (bfdd's {@code bfd_dplane_accept}): the listening socket, its accept task, one
 * connection per accepted socket, and the connection limit. Nothing is bound before {@link #start}.
 * With TLS a socket becomes a connection only once its handshake is done; a handshake in progress
 * holds a slot under the limit until then, at most the handshake timeout. Connections are made and
 * opened by the {@link Opener}. Loop thread only.
 *
 * @param <C> the context's connection type
 */
public final class Acceptor<C> {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int ACCEPTS_PER_TURN = 64;

    private final EventLoop loop;
    private final String name;
    private final int maxConnections;
    private final java.util.Set<Integer> allowedUids;
    private final TlsSettings tls;
    private final Opener<C> opener;
    private final Endpoint where;
    private ServerSocketChannel server;
    private volatile Endpoint endpoint;
    private final TaskHandle acceptTask;
    private final Task accept = this::accept;
    private final List<C> connections = new ArrayList<>();
    private final List<TlsHandshake> handshakes = new ArrayList<>();
    private final TlsHandshake.Outcome outcome = new Handshakes();
    private long accepted;
    private long rejected;
    private long refusedByCredentials;
    private final java.util.Set<java.nio.file.attribute.UserPrincipal> allowedUsers;

    /**
     * Configures a server; nothing is bound yet.
     *
     * @param loop the loop its tasks run on
     * @param name the context's name, for task names and logs
     * @param where where to listen
     * @param maxConnections connections (and handshakes) at once; one more is closed at once
     * @param allowedUids the uids a unix-socket peer may have, or null for the owner's rule only
     * @param tls TLS for a TCP endpoint, or null
     * @param opener makes and opens the connections
     * @throws IllegalArgumentException when a uid does not resolve
     */
    public Acceptor(final EventLoop loop, final String name, final Endpoint where, final int maxConnections,
                    final java.util.Set<Integer> allowedUids, final TlsSettings tls, final Opener<C> opener) {
        this.loop = loop;
        this.name = name;
        this.maxConnections = maxConnections;
        this.allowedUids = allowedUids;
        this.tls = tls;
        this.opener = opener;
        this.where = where;
        this.endpoint = where;
        this.acceptTask = new TaskHandle(name + "_accept");
        this.allowedUsers = where.isUnix() && allowedUids != null ? principals(allowedUids) : null;
    }

    /**
     * Binds and starts accepting: the first moment a socket is touched. Loop thread only.
     *
     * @return where it listens, with the real port once bound
     * @throws IOException when the bind fails
     */
    public Endpoint start() throws IOException {
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

    /**
     * Returns the open connections, in the order accepted; live, not a copy. Loop thread only.
     *
     * @return the connections
     */
    public List<C> connections() {
        return connections;
    }

    /**
     * Returns the sockets accepted, whether or not they became connections. Loop thread only.
     *
     * @return the count
     */
    public long accepted() {
        return accepted;
    }

    /**
     * Returns the sockets closed at once because the limit was reached. Loop thread only.
     *
     * @return the count
     */
    public long rejected() {
        return rejected;
    }

    /**
     * Returns the unix-socket peers closed because their uid is not allowed. Loop thread only.
     *
     * @return the count
     */
    public long refusedByCredentials() {
        return refusedByCredentials;
    }

    /**
     * Returns where it listens: the real port once bound. Any thread.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return endpoint;
    }

    private void accept(final TaskHandle self) {
        for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
            final SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                LOG.warn("{}: accept on {} failed: {}", name, endpoint, e.toString());
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
        if (connections.size() + handshakes.size() >= maxConnections) {
            rejected++;
            LOG.warn("{}: refused {}: at the limit of {} connections", name, peer, maxConnections);
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
            LOG.warn("{}: cannot set up {}: {}", name, peer, e.toString());
            closeQuietly(socket);
            return;
        }
        accepted++;
        if (tls != null) {
            final TlsHandshake h = new TlsHandshake(loop, name, tls, socket, false,
                (InetSocketAddress) endpoint.address(), peer, outcome);
            handshakes.add(h);
            h.start();
        } else {
            open(new PlainTransport(socket), peer);
        }
    }

    private void open(final Transport transport, final String peer) {
        final C c = opener.newConnection();
        connections.add(c); // before it opens: a failing first flush removes it again through closed()
        opener.open(c, transport, peer);
    }

    /** A handshake's end, in a class of its own so that the acceptor's public face stays its own. */
    private final class Handshakes implements TlsHandshake.Outcome {
        @Override
        public void handshaken(final TlsHandshake h, final TlsTransport transport) {
            handshakes.remove(h);
            open(transport, h.peer());
        }

        @Override
        public void handshakeFailed(final TlsHandshake h, final String reason) {
            handshakes.remove(h);
            opener.handshakeFailed(h.peer(), reason);
        }
    }

    /** Checks the peer's uid with SO_PEERCRED; a stranger is closed, logged and counted. */
    private boolean credentialsAllowed(final SocketChannel socket, final String peer) {
        java.nio.file.attribute.UserPrincipal user = null;
        try {
            user = socket.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{}: cannot read the credentials of {}: {}", name, peer, e.toString());
        }
        if (user != null && allowedUsers.contains(user)) {
            return true;
        }
        refusedByCredentials++;
        LOG.warn("{}: refused {}: user {} is not in the allowed uids {}", name, peer,
            user == null ? "unknown" : user.getName(), allowedUids);
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

    /**
     * Forgets a connection that has closed, freeing its slot. Loop thread only.
     *
     * @param c the connection
     */
    public void closed(final C c) {
        connections.remove(c);
    }

    /** Stops accepting and removes the unix socket file; connections are the context's to close. Loop thread only. */
    public void close() {
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
                LOG.warn("{}: cannot remove {}: {}", name, endpoint.path(), e.toString());
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
