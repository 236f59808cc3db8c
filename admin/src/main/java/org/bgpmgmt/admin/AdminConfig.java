package org.bgpmgmt.admin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of an {@link AdminServer}: where it listens and who may connect. A mutable builder read
 * once by the server's constructor. Not thread-safe.
 *
 * <p>A unix socket (the default way) is created owner-only (mode 0600) and each peer's uid is
 * checked with {@code SO_PEERCRED} against the allow-list, which defaults to the process's own
 * uid. TCP listens on the loopback address only and has no credentials to check: use it where
 * every local user may read the figures.
 */
public final class AdminConfig {
    private String name = "bgpmgmt-admin";
    private Path unixPath;
    private int tcpPort = -1;
    private Set<Integer> allowedUids = Set.of();
    private int maxSessions = 4;
    private int maxLineLength = 1024;

    /** Creates a config with no address yet: set {@link #unix} or {@link #tcpLoopback}. */
    public AdminConfig() {
    }

    /**
     * Sets the name used in thread names and logs (default {@code bgpmgmt-admin}).
     *
     * @param name the name
     * @return this config
     */
    public AdminConfig name(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Listens on a unix socket at {@code path} (created at start, mode 0600, removed at close).
     *
     * @param path the socket file; it must not exist
     * @return this config
     */
    public AdminConfig unix(final Path path) {
        this.unixPath = Objects.requireNonNull(path, "path");
        this.tcpPort = -1;
        return this;
    }

    /**
     * Listens on TCP on the loopback address, at {@code port} (0: any free port).
     *
     * @param port the port, 0 to 65535
     * @return this config
     */
    public AdminConfig tcpLoopback(final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.tcpPort = port;
        this.unixPath = null;
        return this;
    }

    /**
     * Sets the uids allowed on the unix socket; empty (the default) allows the process's own uid.
     *
     * @param uids the uids
     * @return this config
     */
    public AdminConfig allowedUids(final Set<Integer> uids) {
        this.allowedUids = Set.copyOf(uids);
        return this;
    }

    /**
     * Sets how many admin sessions may be open at once (default 4); one more is told so and closed.
     *
     * @param max at least 1
     * @return this config
     */
    public AdminConfig maxSessions(final int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxSessions < 1: " + max);
        }
        this.maxSessions = max;
        return this;
    }

    String name() {
        return name;
    }

    Path unixPath() {
        return unixPath;
    }

    int tcpPort() {
        return tcpPort;
    }

    Set<Integer> allowedUids() {
        return allowedUids;
    }

    int maxSessions() {
        return maxSessions;
    }

    int maxLineLength() {
        return maxLineLength;
    }
}
