package org.bgpmgmt.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end comparison: the raw NIO floor, this project's BgpMgmt server, a Netty 4.2 NIO
 * server and FRR's bfdd, each started as a process of its own and driven in turn by the same load
 * generator, rounds interleaved (A B C D A B C D ...). The figure that decides is the server's CPU
 * time per echoed message: with {@code --server-cpus 1} every server runs under
 * {@code taskset -c 1} while the load generator (started under {@code taskset -c 0} by
 * {@code run-e2e.sh}) keeps the other CPU, and the server process's utime + stime over the
 * measured window is divided by the replies received in it. Medians go to a Markdown table
 * ({@link E2eTable}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.E2eRunner [--rounds 5] [--warmup 2]
 *     [--duration 5] [--sessions 20000] [--server-cpus 1] [--servers raw,bgpmgmt,netty,bfdd,bgpmgmt-tls,netty-tls]
 *     [--scenarios fan-in,pipelined,ping-pong,many] [--out benchmarks/target/e2e.md]
 * </pre>
 *
 * {@code --servers} may also name {@code bgpmgmt-nocpu}, this project's server with
 * {@code cpuTiming(false)} (what the per-task thread-CPU clock read costs), and
 * {@code netty-adaptive}, the Netty peer on 4.2's default adaptive allocator. The TLS row,
 * {@code bgpmgmt-tls} and {@code netty-tls} (in the default list): the same servers under mutual
 * TLS 1.3 on the JDK's provider (this project's {@code TlsTransport}; Netty's {@code SslHandler}),
 * with key material made by keytool at the start of the run and a load generator that handshakes
 * each connection before the warm-up.
 */
public final class E2eRunner {
    static final String OURS = "bgpmgmt";
    static final String RAW = "raw NIO (floor)";
    static final String NETTY = "Netty 4.2 NIO";
    static final String BFDD = "FRR bfdd";
    private static final String SERVERS = "org.bgpmgmt.load.servers.";
    /** Marks a server of the TLS row: the load generator speaks mutual TLS 1.3 to it. */
    static final String TLS = " over TLS";
    private java.nio.file.Path tls;
    private javax.net.ssl.SSLContext clientTls;

    private final int rounds;
    private final List<String> launcher;
    private final List<String> serverKeys;
    private final List<E2eTable.Scenario> scenarios;
    private final Map<String, Map<String, E2eTable.Sample[]>> samples = new LinkedHashMap<>();
    private final List<Double> sessionRates = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private E2eRunner(final int rounds, final List<String> launcher, final List<String> serverKeys,
                      final List<E2eTable.Scenario> scenarios) {
        this.rounds = rounds;
        this.launcher = launcher;
        this.serverKeys = serverKeys;
        this.scenarios = scenarios;
    }

    /**
     * Runs the comparison, prints the table and writes it to {@code --out}; exits 1 when a server
     * failed a run (a wrong or missing reply voids it).
     *
     * @param args the command line
     * @throws Exception when a server cannot be started
     */
    public static void main(final String[] args) throws Exception {
        final int rounds = Integer.parseInt(LoadGenerator.value(args, "--rounds", "5"));
        final Duration warmup = seconds(LoadGenerator.value(args, "--warmup", "2"));
        final Duration duration = seconds(LoadGenerator.value(args, "--duration", "5"));
        final int sessions = Integer.parseInt(LoadGenerator.value(args, "--sessions", "20000"));
        final String serverCpus = LoadGenerator.value(args, "--server-cpus", "");
        final Path out = Paths.get(LoadGenerator.value(args, "--out", "benchmarks/target/e2e.md"));
        final List<String> keys = List.of(LoadGenerator.value(args, "--servers",
            "raw,bgpmgmt,netty,bfdd,bgpmgmt-tls,netty-tls").split(","));
        final List<E2eTable.Scenario> scenarios = E2eTable.Scenario.parse(
            LoadGenerator.value(args, "--scenarios", "fan-in,pipelined,ping-pong,many"));
        final List<String> launcher = serverCpus.isEmpty() ? List.of() : List.of("taskset", "-c", serverCpus);
        final E2eRunner runner = new E2eRunner(rounds, launcher, keys, scenarios);
        final double loadBefore = ProcessCpu.loadAverage();
        final List<String> order = runner.run(warmup, duration, sessions);
        final String conditions = E2eTable.conditions(serverCpus, rounds, warmup, duration, loadBefore,
            ProcessCpu.loadAverage());
        final String table = new E2eTable(order, scenarios, rounds, runner.samples).render(conditions)
            + runner.footer(sessions);
        System.out.println(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        if (!runner.failures.isEmpty()) {
            System.err.println("FAILED:\n  " + String.join("\n  ", runner.failures));
            System.exit(1);
        }
    }

    private static Duration seconds(final String text) {
        return Duration.ofMillis((long) (Double.parseDouble(text) * 1000));
    }

    private List<ServerUnderTest> servers() {
        final List<ServerUnderTest> all = new ArrayList<>();
        for (String key : serverKeys) {
            switch (key.trim()) {
                case "raw" -> all.add(new ServerUnderTest.JavaServer(RAW, launcher, SERVERS + "RawNioEchoServer"));
                case "bgpmgmt" -> all.add(new ServerUnderTest.JavaServer(OURS, launcher, SERVERS + "BgpMgmtServer"));
                case "bgpmgmt-nocpu" -> all.add(new ServerUnderTest.JavaServer(OURS + ", cpuTiming off", launcher,
                    SERVERS + "BgpMgmtServer", "--cpu-timing", "false"));
                case "netty" -> all.add(new ServerUnderTest.JavaServer(NETTY, launcher, SERVERS + "NettyEchoServer"));
                case "bgpmgmt-tls" -> all.add(new ServerUnderTest.JavaServer(OURS + TLS, launcher,
                    SERVERS + "BgpMgmtServer", "--tls", tlsDir().toString()));
                case "netty-tls" -> all.add(new ServerUnderTest.JavaServer(NETTY + TLS + " (SslHandler, JDK)", launcher,
                    SERVERS + "NettyEchoServer", "--tls", tlsDir().toString()));
                case "netty-adaptive" -> all.add(new ServerUnderTest.JavaServer(NETTY + ", adaptive allocator",
                    launcher, SERVERS + "NettyEchoServer", "--allocator", "adaptive"));
                case "bfdd" -> {
                    if (ServerUnderTest.Bfdd.available()) {
                        all.add(new ServerUnderTest.Bfdd(launcher));
                    } else {
                        System.err.println("*** FRR bfdd not installed (apt-get install -y frr): its rows stay out ***");
                    }
                }
                default -> throw new IllegalArgumentException("--servers: unknown server " + key
                    + " (raw, bgpmgmt, bgpmgmt-nocpu, netty, netty-adaptive, bfdd)");
            }
        }
        return all;
    }

    private List<String> run(final Duration warmup, final Duration duration, final int sessions) throws IOException {
        List<String> order = List.of();
        for (int round = 0; round < rounds; round++) {
            final List<ServerUnderTest> servers = servers();
            order = servers.stream().map(s -> s.name).toList();
            for (ServerUnderTest server : servers) {
                System.err.printf("round %d/%d: %s%n", round + 1, rounds, server.name);
                try (server) {
                    server.start();
                    for (E2eTable.Scenario sc : scenarios) {
                        runScenario(server, sc, round, warmup, duration);
                    }
                    if (server.name.equals(OURS) && sessions > 0) {
                        try {
                            sessionRates.add(SessionLoad.run(server.endpoint, sessions, Duration.ofSeconds(30))
                                .perSecond());
                        } catch (LoadFailure e) {
                            failures.add(server.name + " sessions: " + e.getMessage());
                        }
                    }
                }
            }
        }
        return order;
    }

    private void runScenario(final ServerUnderTest server, final E2eTable.Scenario sc, final int round,
                             final Duration warmup, final Duration duration) throws IOException {
        // CPU first at the start and first at the end, so the stats exchange stays outside the window.
        final long[] cpu = {-1, -1};
        final long[] alloc = {-1, -1};
        final Runnable start = () -> {
            cpu[0] = server.cpuNanos();
            alloc[0] = quietAllocated(server);
        };
        final Runnable end = () -> {
            cpu[1] = server.cpuNanos();
            alloc[1] = quietAllocated(server);
        };
        try {
            final EchoLoad.Result r = EchoLoad.run(new EchoLoad.Options(server.endpoint, sc.connections(),
                sc.window(), warmup, duration, Duration.ofSeconds(10), start, end,
                server.name.contains(TLS) ? clientTls : null));
            // Per message answered in the window, as counted (and checked) by the load generator.
            final double cpuPerMessage = cpu[0] < 0 || cpu[1] < 0 || r.messages() == 0 ? Double.NaN
                : (double) (cpu[1] - cpu[0]) / r.messages();
            final double allocPerMessage = alloc[0] < 0 || alloc[1] < 0 || r.messages() == 0 ? Double.NaN
                : (double) (alloc[1] - alloc[0]) / r.messages();
            samples.computeIfAbsent(server.name, k -> new LinkedHashMap<>())
                .computeIfAbsent(sc.name(), k -> new E2eTable.Sample[rounds])[round] =
                new E2eTable.Sample(r, cpuPerMessage, allocPerMessage);
            System.err.printf("  %s: %s, server CPU %.0f ns/msg%n", sc.name(),
                LoadGenerator.format(sc.connections(), sc.window(), r), cpuPerMessage);
        } catch (LoadFailure | IOException e) {
            failures.add(server.name + " " + sc.name() + ": " + e.getMessage());
            System.err.println("  " + sc.name() + ": FAILED " + e.getMessage());
        }
    }

    /** The run's key material, made with keytool at the first TLS server (docs/tls.md). */
    private java.nio.file.Path tlsDir() {
        if (tls == null) {
            try {
                tls = java.nio.file.Files.createTempDirectory("bgpmgmt-e2e-tls");
                org.bgpmgmt.load.servers.TlsMaterial.make(tls);
                clientTls = org.bgpmgmt.load.servers.TlsMaterial.client(tls);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot make the TLS key material", e);
            }
        }
        return tls;
    }

    private static long quietAllocated(final ServerUnderTest server) {
        try {
            return server.allocatedBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    private String footer(final int sessions) {
        final StringBuilder sb = new StringBuilder();
        if (!sessionRates.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nSessions (bgpmgmt): %d DP_ADD_SESSION pushed, each answered"
                + " with state up: median %.0f sessions per s.%n", sessions, E2eTable.median(sessionRates)));
        }
        if (!failures.isEmpty()) {
            sb.append("\nFAILED: ").append(String.join("; ", failures)).append('\n');
        }
        return sb.toString();
    }
}
