package org.bgpmgmt.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * One server of the end-to-end comparison, run as a process of its own (behind {@code launcher},
 * e.g. {@code taskset -c 1}, which execs it in place) and stopped after its turn.
 */
abstract class ServerUnderTest implements AutoCloseable {
    final String name;
    final List<String> launcher;
    Process process;
    Endpoint endpoint;

    ServerUnderTest(final String name, final List<String> launcher) {
        this.name = name;
        this.launcher = launcher;
    }

    abstract void start() throws IOException;

    /** The server process's CPU time so far (all threads, user + system) in ns, or -1 when unknown. */
    long cpuNanos() {
        return process == null ? -1 : ProcessCpu.nanos(process.pid());
    }

    /** {@code command} behind the launcher. */
    final List<String> launch(final List<String> command) {
        final List<String> all = new java.util.ArrayList<>(launcher);
        all.addAll(command);
        return all;
    }

    /** Bytes allocated so far on the server's loop thread, or -1 when unknown. */
    long allocatedBytes() throws IOException {
        return -1;
    }

    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A Java server of this module, speaking {@code ServerProcess}'s stdin/stdout protocol. */
    static final class JavaServer extends ServerUnderTest {
        private final String mainClass;
        private BufferedReader out;
        private Writer in;

        private final String[] extra;

        JavaServer(final String name, final List<String> launcher, final String mainClass, final String... extra) {
            super(name, launcher);
            this.mainClass = mainClass;
            this.extra = extra;
        }

        @Override
        void start() throws IOException {
            final String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            final List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), mainClass, "--listen", "127.0.0.1:0"));
            cmd.addAll(List.of(extra));
            process = new ProcessBuilder(launch(cmd)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    endpoint = Endpoint.parse(line.substring(6).trim());
                    return;
                }
            }
            throw new IOException(name + " exited before it was ready");
        }

        /** Heap used after GC, direct buffer bytes, loop thread CPU nanoseconds. */
        long[] heap() throws IOException {
            in.write("heap\n");
            in.flush();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("HEAP ")) {
                    final String[] f = line.split(" ");
                    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
                }
            }
            throw new IOException(name + " exited");
        }

        @Override
        long allocatedBytes() throws IOException {
            in.write("stats\n");
            in.flush();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("STATS ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
            throw new IOException(name + " exited");
        }

        @Override
        public void close() throws IOException {
            if (process != null && process.isAlive()) {
                try {
                    in.write("stop\n");
                    in.flush();
                } catch (IOException e) {
                    // gone already
                }
            }
            super.close();
        }
    }

    /** FRR's bfdd 8.4.4, in C, listening for data planes; configured with no peers, so it only echoes. */
    static final class Bfdd extends ServerUnderTest {
        static final Path BFDD = Paths.get("/usr/lib/frr/bfdd");
        private Path dir;

        Bfdd(final List<String> launcher) {
            super("FRR bfdd", launcher);
        }

        static boolean available() {
            return Files.isExecutable(BFDD);
        }

        @Override
        void start() throws IOException {
            final int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            dir = Files.createTempDirectory("bfdd-bench-");
            final Path conf = dir.resolve("bfdd.conf");
            Files.writeString(conf, "bfd\n!\n");
            final UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            for (Path p : List.of(dir, conf)) {
                final PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName("frr"));
                view.setGroup(users.lookupPrincipalByGroupName("frr"));
            }
            process = new ProcessBuilder(launch(List.of(BFDD.toString(), "-f", conf.toString(), "--dplaneaddr",
                "ipv4:127.0.0.1:" + port, "-i", dir.resolve("bfdd.pid").toString(), "--vty_socket", dir.toString(),
                "--bfdctl", dir.resolve("bfdd.sock").toString(), "-z", dir.resolve("zserv.api").toString(), "-P", "0",
                "--log", "file:" + dir.resolve("bfdd.log")))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bfdd.out").toFile()).start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!listening(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("bfdd did not listen on " + port + ": " + Files.readString(dir.resolve("bfdd.out")));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            endpoint = Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }

        /** True when /proc/net/tcp has {@code port} on 127.0.0.1 in LISTEN, without connecting to it. */
        private static boolean listening(final int port) throws IOException {
            final String local = String.format("0100007F:%04X", port);
            try (Stream<String> lines = Files.lines(Paths.get("/proc/net/tcp"))) {
                return lines.anyMatch(l -> {
                    final String[] f = l.trim().split("\\s+");
                    return f.length > 3 && f[1].equals(local) && f[3].equals("0A");
                });
            }
        }

        @Override
        public void close() throws IOException {
            super.close();
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
