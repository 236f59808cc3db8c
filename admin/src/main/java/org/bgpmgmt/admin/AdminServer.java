package org.bgpmgmt.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a daemon's loops and contexts to operators: FRR's show commands over a
 * line protocol, answered from the server's own threads (one accepting, one per session), never
 * from the loops it reports, with figure reads that never wait on a loop, so it answers while a
 * task holds a loop.
 *
 * <p><b>Line protocol.</b> The client sends one command per line ({@code \n}-terminated, UTF-8, at
 * most 1024 bytes); the server answers each with its text, then one NUL byte, and keeps the
 * connection open for the next. A command ending in {@code json} is answered as JSON. An unknown
 * command is answered {@code % Unknown command: ...}. So {@code socat - UNIX-CONNECT:PATH} is a
 * usable console. Commands: {@code show event cpu [FILTER]}, {@code clear event cpu},
 * {@code show event timers}, {@code show event poll}, {@code show bfd distributed},
 * {@code show bfd peers [brief]}, {@code show watchdog}.
 *
 * <p><b>Who may connect.</b> A unix socket file gets mode 0600 and each peer's uid is checked with
 * {@code SO_PEERCRED} against {@link AdminConfig#allowedUids} (default: the process's own uid); a
 * stranger's connection is closed at once and logged. TCP binds the loopback address only.
 *
 * <p>Configure, then {@link #start()}; {@link #close()} is idempotent. Any thread.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final AdminConfig config;
    private final Commands commands = new Commands();
    private final Set<SocketChannel> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private volatile ServerSocketChannel server;
    private volatile boolean closed;
    private Set<UserPrincipal> allowed;

    /**
     * Creates a server that serves nothing until things are added and {@link #start()} is called.
     *
     * @param config where to listen and who may connect; read once
     */
    public AdminServer(final AdminConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.unixPath() == null && config.tcpPort() < 0) {
            throw new IllegalArgumentException("set AdminConfig.unix(path) or AdminConfig.tcpLoopback(port)");
        }
    }

    /**
     * Adds a loop to the {@code show event ...} and {@code show watchdog} answers. Any thread.
     *
     * @param loop the loop
     * @return this server
     */
    public AdminServer addLoop(final EventLoop loop) {
        commands.add(Objects.requireNonNull(loop, "loop"));
        return this;
    }

    /**
     * Adds a context to the {@code show bfd distributed} answer: its connections and counters. Any thread.
     *
     * @param context the context
     * @return this server
     */
    public AdminServer addContext(final BgpMgmtContext context) {
        commands.add(Objects.requireNonNull(context, "context"));
        return this;
    }

    /**
     * Adds a context's BFD sessions (either side's view) to the {@code show bfd peers [brief]} answers. Any
     * thread.
     *
     * @param sessions the view, from {@code BfdControlPlane.addTo} or {@code BfdDataPlane.addTo}
     * @return this server
     */
    public AdminServer addSessions(final org.bgpmgmt.bfd.BfdView sessions) {
        commands.add(Objects.requireNonNull(sessions, "sessions"));
        return this;
    }

    /**
     * Answers one command as a session would, without a socket (what the endpoint serves). Any thread.
     *
     * @param line the command line
     * @return the answer text, without the NUL terminator
     */
    public String answer(final String line) {
        return commands.answer(line);
    }

    /**
     * Binds the socket and starts the accepting thread. Any thread; once.
     *
     * @return this server
     * @throws UncheckedIOException when the socket cannot be bound
     * @throws IllegalStateException when started twice or after close
     */
    public synchronized AdminServer start() {
        if (server != null || closed) {
            throw new IllegalStateException("admin server " + config.name() + " is already started or closed");
        }
        try {
            server = config.unixPath() != null ? bindUnix(config.unixPath())
                : ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    config.tcpPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("admin server " + config.name() + " cannot bind", e);
        }
        final Thread t = new Thread(this::acceptLoop, config.name() + "-accept");
        t.setDaemon(true);
        t.start();
        return this;
    }

    private ServerSocketChannel bindUnix(final Path path) throws IOException {
        final ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        // A peer that connects before the chmod is still checked by uid below.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        final Set<UserPrincipal> principals = new HashSet<>();
        final var lookup = path.getFileSystem().getUserPrincipalLookupService();
        if (config.allowedUids().isEmpty()) {
            principals.add(Files.getOwner(path));
        }
        for (int uid : config.allowedUids()) {
            principals.add(lookup.lookupPrincipalByName(Integer.toString(uid)));
        }
        allowed = Set.copyOf(principals);
        return ch;
    }

    /**
     * Returns the address listened on. Any thread.
     *
     * @return the bound address
     * @throws IllegalStateException before {@link #start()}
     */
    public SocketAddress address() {
        final ServerSocketChannel s = server;
        if (s == null) {
            throw new IllegalStateException("admin server " + config.name() + " is not started");
        }
        try {
            return s.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            final SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("{}: accept failed: {}", config.name(), e.toString());
                continue;
            }
            if (!permitted(ch) || !admit(ch)) {
                closeQuietly(ch);
                continue;
            }
            final Runnable onEnd = () -> sessions.remove(ch);
            final AdminSession session = new AdminSession(ch, commands, config.maxLineLength(), onEnd);
            final Thread t = new Thread(session, config.name() + "-session-" + sessionIds.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private boolean permitted(final SocketChannel ch) {
        if (allowed == null) {
            return true; // TCP on loopback: no credentials to check
        }
        try {
            final UserPrincipal user = ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user();
            if (allowed.contains(user)) {
                return true;
            }
            LOG.warn("{}: refused an admin session: user {} is not allowed", config.name(), user.getName());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{}: refused an admin session: no peer credentials: {}", config.name(), e.toString());
        }
        return false;
    }

    private boolean admit(final SocketChannel ch) {
        if (sessions.size() < config.maxSessions()) {
            sessions.add(ch);
            return true;
        }
        try {
            ch.write(java.nio.ByteBuffer.wrap(("% Too many admin sessions (at most " + config.maxSessions() + ")\n\0")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // it is closed next anyway
        }
        return false;
    }

    /** Closes the socket and every session, and removes a unix socket file. Idempotent; any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            closeQuietly(server);
            for (SocketChannel ch : sessions) {
                closeQuietly(ch);
            }
            if (config.unixPath() != null) {
                try {
                    Files.deleteIfExists(config.unixPath());
                } catch (IOException e) {
                    LOG.warn("{}: cannot remove {}: {}", config.name(), config.unixPath(), e.toString());
                }
            }
        }
    }

    private static void closeQuietly(final java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
