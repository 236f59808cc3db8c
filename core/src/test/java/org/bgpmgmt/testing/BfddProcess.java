package org.bgpmgmt.testing;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test fixture: a private FRR 8.4 {@code bfdd} in distributed (data plane) mode, listening for a
 * data plane on a free TCP port of 127.0.0.1, with its config, pid file, log, vty socket and
 * control socket in a temporary directory of its own. Nothing system-wide is touched: the control
 * socket ({@code --bfdctl}) and the zebra socket ({@code -z}) are redirected into that directory
 * too, and the vty TCP port is off ({@code -P 0}).
 *
 * <p>bfdd runs in the foreground as a child of this JVM (not {@code -d}), so the JVM reaps it and
 * {@link #close()} can wait for its exit; it drops privileges to the {@code frr} user itself, so
 * the directory and config are handed to that user. In data plane mode bfdd 8.4.4 binds no BFD
 * UDP ports (3784/4784), only one ephemeral source port per session, so several instances can run
 * side by side.
 *
 * <p>Readiness: the pid file names our child, the vty socket exists, and the data plane port is
 * in LISTEN state in {@code /proc/net/tcp} on a socket that is one of bfdd's own descriptors
 * ({@code /proc/PID/fd}). The port is never probed with a connect, since bfdd would take that
 * connection for a data plane and send it its sessions. bfdd does not exit when it cannot bind the
 * port (it logs {@code bfd_dplane_init: failed to bind socket} and runs on), so start fails fast
 * on that log line.
 *
 * <p>Always use it in try-with-resources. A JVM shutdown hook kills the process and removes the
 * directory should the JVM exit without {@link #close()}.
 */
public final class BfddProcess implements AutoCloseable {

    static final Path BFDD = Paths.get("/usr/lib/frr/bfdd");
    static final Path VTYSH = Paths.get("/usr/bin/vtysh");

    private static final String LOOPBACK = "127.0.0.1";
    private static final String FRR_USER = "frr";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration VTYSH_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private final Path dir;
    private final Path config;
    private final Path pidFile;
    private final Path logFile;
    private final Path outFile;
    private final Path vtySocket;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;
    private boolean closed;

    private BfddProcess(Path dir, int port, Process process, Thread shutdownHook) {
        this.dir = dir;
        this.config = dir.resolve("bfdd.conf");
        this.pidFile = dir.resolve("bfdd.pid");
        this.logFile = dir.resolve("bfdd.log");
        this.outFile = dir.resolve("bfdd.out");
        this.vtySocket = dir.resolve("bfdd.vty");
        this.port = port;
        this.process = process;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Lets an interop test run only with bfdd: fails when {@code CI} is set and bfdd is missing,
     * and otherwise skips loudly, naming the package to install.
     */
    public static void requireForTest() {
        if (available()) {
            return;
        }
        final String message = "FRR bfdd/vtysh not installed (" + BFDD + ", " + VTYSH + "): apt-get install -y frr";
        if (System.getenv("CI") != null) {
            org.junit.jupiter.api.Assertions.fail(message + " -- required when CI is set");
        }
        System.err.println("\n*** SKIPPING bfdd interop tests: " + message + " ***\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
    }

    /** Returns whether bfdd and vtysh are installed (Debian package {@code frr}). */
    public static boolean available() {
        return Files.isExecutable(BFDD) && Files.isExecutable(VTYSH);
    }

    /** Starts bfdd with one {@code peer ...} line per element, e.g. {@code "127.0.0.2 local-address 127.0.0.1"}. */
    public static BfddProcess start(String... peers) throws IOException {
        return start(List.of(peers));
    }

    /**
     * Starts bfdd configured with {@code peers}, each the rest of a {@code peer} line such as
     * {@code "127.0.0.2 local-address 127.0.0.1"}, and waits (at most 10 s) until it is ready.
     *
     * @throws IOException if bfdd is not installed, exits or does not become ready; the message
     *     carries bfdd's output and log
     */
    public static BfddProcess start(List<String> peers) throws IOException {
        if (!available()) {
            throw new IOException(BFDD + " or " + VTYSH + " missing: apt-get install -y frr");
        }
        StringBuilder conf = new StringBuilder("bfd\n");
        for (String peer : peers) {
            if (peer.isBlank() || peer.indexOf('\n') >= 0 || peer.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("bad peer line: \"" + peer + "\"");
            }
            conf.append(" peer ").append(peer.strip()).append("\n exit\n");
        }
        conf.append("!\n");

        Path dir = Files.createTempDirectory("bfdd-fixture-");
        Process process = null;
        Thread hook = null;
        try {
            Path config = dir.resolve("bfdd.conf");
            Files.writeString(config, conf, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
            handToFrr(dir, config);

            int port = freePort();
            List<String> command = List.of(
                    BFDD.toString(),
                    "-f", config.toString(),
                    "--dplaneaddr", "ipv4:" + LOOPBACK + ":" + port,
                    "-i", dir.resolve("bfdd.pid").toString(),
                    "--vty_socket", dir.toString(),
                    "--bfdctl", dir.resolve("bfdd.sock").toString(),
                    "-z", dir.resolve("zserv.api").toString(),
                    "-P", "0",
                    "--log", "file:" + dir.resolve("bfdd.log"));
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("bfdd.out").toFile())
                    .start();
            Process started = process;
            hook = new Thread(() -> {
                try {
                    terminate(started);
                } catch (IOException e) {
                    // best effort while the JVM exits
                }
                deleteQuietly(dir);
            }, "bfdd-fixture-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);

            BfddProcess bfdd = new BfddProcess(dir, port, process, hook);
            bfdd.awaitReady(String.join(" ", command));
            return bfdd;
        } catch (IOException | RuntimeException | Error e) {
            if (process != null) {
                try {
                    terminate(process);
                } catch (IOException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
            if (hook != null) {
                removeHook(hook);
            }
            deleteQuietly(dir);
            throw e;
        }
    }

    /** Returns the TCP port bfdd listens on for a data plane. */
    public int port() {
        return port;
    }

    /** Returns 127.0.0.1:{@link #port()}. */
    public InetSocketAddress dplaneAddress() {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** Returns bfdd's pid. */
    public long pid() {
        return process.pid();
    }

    /** Returns the private directory holding config, pid file, log and sockets. */
    public Path directory() {
        return dir;
    }

    /**
     * Runs {@code vtysh -c command} against this bfdd (at most 10 s) and returns its standard
     * output.
     *
     * @throws IOException if vtysh fails or times out; the message carries its output
     */
    public String vtysh(String command) throws IOException {
        Path out = Files.createTempFile(dir, "vtysh-", ".out");
        Path err = Files.createTempFile(dir, "vtysh-", ".err");
        try {
            Process vtysh = new ProcessBuilder(
                            VTYSH.toString(), "--vty_socket", dir.toString(), "-d", "bfdd", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean exited;
            try {
                exited = vtysh.waitFor(VTYSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                vtysh.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted running vtysh -c \"" + command + "\"");
            }
            if (!exited) {
                vtysh.destroyForcibly();
                throw new IOException("vtysh -c \"" + command + "\" did not finish within "
                        + VTYSH_TIMEOUT.toSeconds() + " s; stdout: " + read(out) + "; stderr: " + read(err));
            }
            String stdout = read(out);
            if (vtysh.exitValue() != 0) {
                throw new IOException("vtysh -c \"" + command + "\" exited with " + vtysh.exitValue()
                        + "; stderr: " + read(err).strip() + "; stdout: " + stdout.strip());
            }
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Returns the content of bfdd's log file ("" if there is none yet). */
    public String log() {
        return read(logFile);
    }

    /**
     * Stops bfdd with SIGTERM to the pid in its pid file (SIGKILL if it has not exited within 5 s),
     * waits for it to exit and deletes the directory. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            stop();
        } catch (IOException e) {
            failure = e;
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        removeHook(shutdownHook);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "bfdd[pid " + process.pid() + ", dplane " + LOOPBACK + ":" + port + ", dir " + dir + "]";
    }

    private void stop() throws IOException {
        long pid = pidFromFile().orElse(process.pid());
        if (pid != process.pid()) {
            // Should not happen in the foreground; stop whatever the pid file names as well.
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        terminate(process);
    }

    /**
     * SIGTERM, then SIGKILL after 5 s; waits for the exit. SIGTERM first lets bfdd remove its
     * /var/tmp/frr/bfdd.PID crash-log directory, which a SIGKILL leaves behind.
     */
    private static void terminate(Process process) throws IOException {
        process.destroy(); // SIGTERM
        try {
            if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroyForcibly(); // SIGKILL
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("bfdd pid " + process.pid() + " survived SIGKILL");
            }
            throw new IOException("bfdd pid " + process.pid() + " ignored SIGTERM for "
                    + STOP_TIMEOUT.toSeconds() + " s and was killed with SIGKILL");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted stopping bfdd pid " + process.pid());
        }
    }

    private void awaitReady(String commandLine) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("bfdd exited with status " + process.exitValue()
                        + " during start-up" + diagnostics(commandLine));
            }
            String log = log();
            if (log.contains("bfd_dplane_init: failed")) {
                // bfdd goes on running without a data plane listener, e.g. when the port was taken.
                throw new IOException("bfdd could not listen on " + LOOPBACK + ":" + port
                        + diagnostics(commandLine));
            }
            Optional<Long> pid = pidFromFile();
            if (pid.isPresent() && pid.get() == process.pid()
                    && Files.exists(vtySocket) && listensItself(port)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("bfdd not ready within " + START_TIMEOUT.toSeconds() + " s (pid file "
                        + pid.map(String::valueOf).orElse("missing") + ", vty socket "
                        + (Files.exists(vtySocket) ? "present" : "missing") + ", port " + port
                        + (listening(port) ? " listening" : " not listening")
                        + (listensItself(port) ? " by bfdd" : "") + ")"
                        + diagnostics(commandLine));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for bfdd");
            }
        }
    }

    private String diagnostics(String commandLine) {
        String others = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != process.pid())
                .filter(p -> p.info().command().map(c -> c.endsWith("/bfdd")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("bfdd"))
                .collect(Collectors.joining("; "));
        return "\n  command: " + commandLine
                + "\n  output: " + read(outFile).strip()
                + "\n  log: " + read(logFile).strip()
                + (others.isEmpty() ? "" : "\n  other bfdd processes (stale? kill them): " + others);
    }

    private Optional<Long> pidFromFile() {
        String text = read(pidFile).strip();
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty(); // being written
        }
    }

    /** Returns whether a TCP socket is in LISTEN state on {@code port}, from /proc/net/tcp{,6}. */
    public static boolean listening(int port) {
        return !listeningInodes(port).isEmpty();
    }

    /**
     * Returns whether the socket listening on {@code port} is one of bfdd's own file descriptors
     * (another process may hold the port, and bfdd then runs on without a listener).
     */
    private boolean listensItself(int port) {
        List<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return false;
        }
        Path fds = Paths.get("/proc", Long.toString(process.pid()), "fd");
        try (Stream<Path> list = Files.list(fds)) {
            return list.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return inodes.stream().anyMatch(inode -> target.equals("socket:[" + inode + "]"));
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false; // not readable yet (bfdd changing its credentials) or gone
        }
    }

    /** Returns the socket inodes in LISTEN state on {@code port}, from /proc/net/tcp{,6}. */
    private static List<String> listeningInodes(int port) {
        List<String> inodes = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Paths.get(table), StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.strip().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...;
                // local_address is HEXADDR:HEXPORT, st 0A = LISTEN
                if (fields.length > 9 && fields[3].equals("0A") && fields[1].endsWith(":" + hexPort)) {
                    inodes.add(fields[9]);
                }
            }
        }
        return inodes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** bfdd drops to the frr user: give it the directory; fall back to a world-writable one. */
    private static void handToFrr(Path dir, Path config) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        try {
            UserPrincipal user = lookup.lookupPrincipalByName(FRR_USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(FRR_USER);
            for (Path path : List.of(dir, config)) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        } catch (IOException e) {
            // Not root (or no frr user): bfdd will then likely fail to drop privileges and say so.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toCollection(ArrayList::new));
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // best effort: called while already failing or from the shutdown hook
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }
}
