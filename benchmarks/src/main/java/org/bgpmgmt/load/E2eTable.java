package org.bgpmgmt.load;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the end-to-end samples as Markdown that pastes into the docs as is: a line stating the
 * conditions, one table with every server's medians and its ratios to the raw floor, and one with
 * this project's ratios to each peer. A ratio is the median of the per-round ratios (the servers
 * of one round run back to back, so pairing them cancels most of the drift of a shared machine);
 * it can differ a little from the ratio of the two medians. Not thread-safe.
 */
final class E2eTable {
    /** One workload: {@code connections} connections with {@code window} echoes in flight on each. */
    record Scenario(String key, String name, int connections, int window) {
        private static final List<Scenario> ALL = List.of(
            new Scenario("fan-in", "fan-in 16 × 16", 16, 16),
            new Scenario("pipelined", "pipelined 1 × 64", 1, 64),
            new Scenario("ping-pong", "ping-pong 1 × 1", 1, 1),
            new Scenario("many", "many connections 1000 × 1", 1_000, 1));

        /** The scenarios named in {@code csv}, in the order given. */
        static List<Scenario> parse(final String csv) {
            final List<Scenario> out = new ArrayList<>();
            for (String key : csv.split(",")) {
                out.add(ALL.stream().filter(s -> s.key.equals(key.trim())).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("--scenarios: unknown scenario " + key
                        + " (fan-in, pipelined, ping-pong, many)")));
            }
            return out;
        }
    }

    /** One measured window: the load generator's result, server CPU ns and allocated bytes per reply. */
    record Sample(EchoLoad.Result echo, double cpuNanosPerMessage, double allocBytesPerMessage) {
        double throughput() {
            return echo.perSecond();
        }
    }

    private final List<String> servers;
    private final List<Scenario> scenarios;
    private final int rounds;
    private final Map<String, Map<String, Sample[]>> samples;

    E2eTable(final List<String> servers, final List<Scenario> scenarios, final int rounds,
             final Map<String, Map<String, Sample[]>> samples) {
        this.servers = servers;
        this.scenarios = scenarios;
        this.rounds = rounds;
        this.samples = samples;
    }

    /** The sentence stating how and under what load the figures were taken. */
    static String conditions(final String serverCpus, final int rounds, final Duration warmup, final Duration duration,
                             final double loadBefore, final double loadAfter) {
        final String pinning = serverCpus.isEmpty() ? "servers and load generator not pinned"
            : "each server pinned to CPU " + serverCpus + " (`taskset -c " + serverCpus + "`), the load generator to CPU "
                + ProcessCpu.allowedCpus();
        return String.format(Locale.ROOT, "End-to-end bfddp echo (24-byte ECHO_REQUEST answered by a 24-byte"
                + " ECHO_REPLY), %s, %d CPUs online, JDK %s; %s; medians of %d interleaved rounds, each %.1f s of"
                + " warm-up then %.1f s measured; 1-minute load average %.2f before, %.2f after.",
            LocalDate.now(), onlineCpus(), System.getProperty("java.version"), pinning, rounds,
            warmup.toMillis() / 1e3, duration.toMillis() / 1e3, loadBefore, loadAfter);
    }

    private static int onlineCpus() {
        try {
            final String online = java.nio.file.Files.readString(java.nio.file.Paths.get(
                "/sys/devices/system/cpu/online")).trim();
            int n = 0;
            for (String range : online.split(",")) {
                final String[] ends = range.split("-");
                n += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
            return n;
        } catch (java.io.IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The conditions line, the per-server table and this project's ratios to each peer. */
    String render(final String conditions) {
        final StringBuilder sb = new StringBuilder(conditions).append("\n\n");
        sb.append("| scenario | server | msg/s | server CPU ns/msg | msg/s vs floor | CPU/msg vs floor"
            + " | p50 µs | p99 µs | server alloc B/msg |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario sc : scenarios) {
            for (String s : servers) {
                sb.append("| ").append(sc.name()).append(" | ").append(s).append(" | ")
                    .append(fmt("%.0f", median(s, sc, Sample::throughput))).append(" | ")
                    .append(fmt("%.0f", median(s, sc, Sample::cpuNanosPerMessage))).append(" | ")
                    .append(fmt("%.2f", ratio(s, E2eRunner.RAW, sc, Sample::throughput))).append(" | ")
                    .append(fmt("%.2f", ratio(s, E2eRunner.RAW, sc, Sample::cpuNanosPerMessage))).append(" | ")
                    .append(fmt("%.1f", median(s, sc, x -> x.echo().p50Nanos() / 1e3))).append(" | ")
                    .append(fmt("%.1f", median(s, sc, x -> x.echo().p99Nanos() / 1e3))).append(" | ")
                    .append(fmt("%.2f", median(s, sc, Sample::allocBytesPerMessage))).append(" |\n");
            }
        }
        renderPeers(sb);
        return sb.toString();
    }

    private void renderPeers(final StringBuilder sb) {
        final List<String> peers = servers.stream().filter(s -> !s.startsWith(E2eRunner.OURS)).toList();
        final List<String> ours = servers.stream().filter(s -> s.startsWith(E2eRunner.OURS)).toList();
        if (peers.isEmpty() || ours.isEmpty()) {
            return;
        }
        sb.append("\n| scenario | server |");
        for (String p : peers) {
            sb.append(" msg/s vs ").append(p).append(" | CPU/msg vs ").append(p).append(" |");
        }
        sb.append("\n|---|---|").append("---:|".repeat(2 * peers.size())).append('\n');
        for (Scenario sc : scenarios) {
            for (String o : ours) {
                sb.append("| ").append(sc.name()).append(" | ").append(o).append(" |");
                for (String p : peers) {
                    sb.append(' ').append(fmt("%.2f", ratio(o, p, sc, Sample::throughput))).append(" | ")
                        .append(fmt("%.2f", ratio(o, p, sc, Sample::cpuNanosPerMessage))).append(" |");
                }
                sb.append('\n');
            }
        }
    }

    private Sample[] of(final String server, final Scenario sc) {
        return samples.getOrDefault(server, Map.of()).getOrDefault(sc.name(), new Sample[rounds]);
    }

    private double median(final String server, final Scenario sc, final ToDoubleFunction<Sample> f) {
        final List<Double> v = new ArrayList<>();
        for (Sample x : of(server, sc)) {
            if (x != null && !Double.isNaN(f.applyAsDouble(x))) {
                v.add(f.applyAsDouble(x));
            }
        }
        return median(v);
    }

    /** The median over rounds of {@code a}'s figure divided by {@code b}'s in the same round. */
    private double ratio(final String a, final String b, final Scenario sc, final ToDoubleFunction<Sample> f) {
        final Sample[] x = of(a, sc);
        final Sample[] y = of(b, sc);
        final List<Double> v = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (x[i] != null && y[i] != null) {
                final double r = f.applyAsDouble(x[i]) / f.applyAsDouble(y[i]);
                if (!Double.isNaN(r) && !Double.isInfinite(r)) {
                    v.add(r);
                }
            }
        }
        return median(v);
    }

    static double median(final List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        final double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(final String format, final double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
