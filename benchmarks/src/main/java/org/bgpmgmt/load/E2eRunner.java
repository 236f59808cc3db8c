package org.bgpmgmt.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end comparison: this project's BgpMgmt server, a Netty 4.2 NIO server, a raw NIO
 * loop and FRR's bfdd, each started as a process of its own and driven in turn by the same load
 * generator, rounds interleaved (A B C D A B C D ...), medians reported with ratios to this project.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.E2eRunner [--rounds 3] [--warmup 2]
 *     [--duration 5] [--sessions 20000] [--out benchmarks/target/e2e.md]
 * </pre>
 */
public final class E2eRunner {
    private record Scenario(String name, int connections, int window) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
        new Scenario("ping-pong", 1, 1),
        new Scenario("pipelined", 1, 64),
        new Scenario("fan-in", 16, 16),
        new Scenario("many connections", 1_000, 1));
    private static final String OURS = "bgpmgmt";

    private final Map<String, Map<String, List<EchoLoad.Result>>> echo = new LinkedHashMap<>();
    private final Map<String, List<Double>> allocation = new LinkedHashMap<>();
    private final List<Double> sessionRates = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private E2eRunner() {
    }

    /**
     * Runs the comparison and prints the table.
     *
     * @param args the command line
     * @throws Exception when a server cannot be started
     */
    public static void main(final String[] args) throws Exception {
        final int rounds = Integer.parseInt(LoadGenerator.value(args, "--rounds", "3"));
        final Duration warmup = seconds(LoadGenerator.value(args, "--warmup", "2"));
        final Duration duration = seconds(LoadGenerator.value(args, "--duration", "5"));
        final int sessions = Integer.parseInt(LoadGenerator.value(args, "--sessions", "20000"));
        final Path out = Paths.get(LoadGenerator.value(args, "--out", "benchmarks/target/e2e.md"));
        final E2eRunner runner = new E2eRunner();
        final String table = runner.run(rounds, warmup, duration, sessions);
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
        final List<ServerUnderTest> all = new ArrayList<>(List.of(
            new ServerUnderTest.JavaServer(OURS, "org.bgpmgmt.load.servers.BgpMgmtServer"),
            new ServerUnderTest.JavaServer("Netty NIO", "org.bgpmgmt.load.servers.NettyEchoServer"),
            new ServerUnderTest.JavaServer("raw NIO", "org.bgpmgmt.load.servers.RawNioEchoServer")));
        if (ServerUnderTest.Bfdd.available()) {
            all.add(new ServerUnderTest.Bfdd());
        } else {
            System.err.println("*** FRR bfdd not installed (apt-get install -y frr): its column stays empty ***");
        }
        return all;
    }

    private String run(final int rounds, final Duration warmup, final Duration duration, final int sessions)
        throws IOException {
        List<String> order = null;
        for (int round = 1; round <= rounds; round++) {
            final List<ServerUnderTest> servers = servers();
            order = servers.stream().map(s -> s.name).toList();
            for (ServerUnderTest server : servers) {
                System.err.printf("round %d/%d: %s%n", round, rounds, server.name);
                try (server) {
                    server.start();
                    for (Scenario sc : SCENARIOS) {
                        runScenario(server, sc, warmup, duration);
                    }
                    if (server.name.equals(OURS) && sessions > 0) {
                        try {
                            sessionRates.add(SessionLoad.run(server.endpoint, sessions, Duration.ofSeconds(30)).perSecond());
                        } catch (LoadFailure e) {
                            failures.add(server.name + " sessions: " + e.getMessage());
                        }
                    }
                }
            }
        }
        return render(order, rounds, duration);
    }

    private void runScenario(final ServerUnderTest server, final Scenario sc, final Duration warmup,
                             final Duration duration) throws IOException {
        final long[][] stats = new long[2][];
        final Runnable start = () -> stats[0] = quietStats(server);
        final Runnable end = () -> stats[1] = quietStats(server);
        try {
            final EchoLoad.Result r = EchoLoad.run(new EchoLoad.Options(server.endpoint, sc.connections(), sc.window(),
                warmup, duration, Duration.ofSeconds(10), start, end));
            echo.computeIfAbsent(server.name, k -> new LinkedHashMap<>()).computeIfAbsent(sc.name(), k -> new ArrayList<>())
                .add(r);
            System.err.println("  " + sc.name() + ": " + LoadGenerator.format(sc.connections(), sc.window(), r));
            if (sc.name().equals("fan-in") && stats[0] != null && stats[1] != null && stats[1][1] > stats[0][1]) {
                allocation.computeIfAbsent(server.name, k -> new ArrayList<>())
                    .add((double) (stats[1][0] - stats[0][0]) / (stats[1][1] - stats[0][1]));
            }
        } catch (LoadFailure | IOException e) {
            failures.add(server.name + " " + sc.name() + ": " + e.getMessage());
            System.err.println("  " + sc.name() + ": FAILED " + e.getMessage());
        }
    }

    private static long[] quietStats(final ServerUnderTest server) {
        try {
            return server.stats();
        } catch (IOException e) {
            return null;
        }
    }

    private String render(final List<String> servers, final int rounds, final Duration duration) {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "End-to-end bfddp echo, %s, %d cores, JDK %s; medians of %d rounds of %d s"
                + " (servers interleaved).%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"), rounds, duration.toSeconds()));
        sb.append("| scenario | metric |");
        for (String s : servers) {
            sb.append(' ').append(s).append(" |");
        }
        for (String s : servers) {
            if (!s.equals(OURS)) {
                sb.append(" ours / ").append(s).append(" |");
            }
        }
        sb.append('\n').append("|---|---|").append("---:|".repeat(2 * servers.size() - 1)).append('\n');
        for (Scenario sc : SCENARIOS) {
            row(sb, servers, sc.name(), "msg/s", r -> r.perSecond(), "%.0f");
            row(sb, servers, sc.name(), "p50 us", r -> r.p50Nanos() / 1e3, "%.1f");
            row(sb, servers, sc.name(), "p99 us", r -> r.p99Nanos() / 1e3, "%.1f");
            if (sc.connections() == 1 && sc.window() == 1) {
                row(sb, servers, sc.name(), "p99.9 us", r -> r.p999Nanos() / 1e3, "%.1f");
                row(sb, servers, sc.name(), "max us", r -> r.maxNanos() / 1e3, "%.1f");
            }
        }
        sb.append("| fan-in | server alloc B/msg |");
        final Map<String, Double> alloc = new LinkedHashMap<>();
        for (String s : servers) {
            final List<Double> v = allocation.get(s);
            alloc.put(s, v == null ? Double.NaN : median(v));
            sb.append(v == null ? " n/a |" : String.format(Locale.ROOT, " %.2f |", median(v)));
        }
        sb.append(" |".repeat(servers.size() - 1)).append('\n');
        if (!sessionRates.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "| sessions | DP_ADD_SESSION to state up, per s | %.0f |",
                median(sessionRates))).append(" |".repeat(2 * servers.size() - 2)).append('\n');
        }
        if (!failures.isEmpty()) {
            sb.append("\nFAILED: ").append(String.join("; ", failures)).append('\n');
        }
        return sb.toString();
    }

    private void row(final StringBuilder sb, final List<String> servers, final String scenario, final String metric,
                     final ToDoubleFunction<EchoLoad.Result> f, final String fmt) {
        sb.append("| ").append(scenario).append(" | ").append(metric).append(" |");
        final Map<String, Double> values = new LinkedHashMap<>();
        for (String s : servers) {
            final List<EchoLoad.Result> rs = echo.getOrDefault(s, Map.of()).get(scenario);
            final double v = rs == null ? Double.NaN : median(rs.stream().map(f::applyAsDouble).toList());
            values.put(s, v);
            sb.append(' ').append(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, fmt, v)).append(" |");
        }
        final double ours = values.getOrDefault(OURS, Double.NaN);
        for (String s : servers) {
            if (!s.equals(OURS)) {
                final double ratio = ours / values.get(s);
                sb.append(Double.isNaN(ratio) ? " n/a |" : String.format(Locale.ROOT, " %.2f |", ratio));
            }
        }
        sb.append('\n');
    }

    private static double median(final List<Double> values) {
        final double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
