package org.bgpmgmt.load;

import java.time.Duration;
import java.util.Locale;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The bfddp load generator's command line.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.LoadGenerator \
 *     --target 127.0.0.1:50700 [--connections 16] [--window 16] [--warmup 2] [--duration 10]
 * java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.LoadGenerator \
 *     --target 127.0.0.1:50700 --sessions 10000
 * </pre>
 *
 * Exit codes: 0 done, 1 a wrong or missing reply (the run is void), 2 bad arguments.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /**
     * Runs one workload and prints one line of results.
     *
     * @param args the command line
     */
    public static void main(final String[] args) {
        System.exit(run(args));
    }

    static int run(final String[] args) {
        final Endpoint target;
        final int connections;
        final int window;
        final int sessions;
        final Duration warmup;
        final Duration duration;
        try {
            if (args.length == 0 || has(args, "--help")) {
                System.out.println("usage: LoadGenerator --target HOST:PORT|[IPV6]:PORT|unix:PATH [--connections C]"
                    + " [--window W] [--warmup SECONDS] [--duration SECONDS] | --sessions S");
                return args.length == 0 ? 2 : 0;
            }
            target = Endpoint.parse(value(args, "--target", null));
            connections = positive(value(args, "--connections", "16"), "--connections");
            window = positive(value(args, "--window", "16"), "--window");
            sessions = Integer.parseInt(value(args, "--sessions", "0"));
            warmup = Duration.ofMillis((long) (Double.parseDouble(value(args, "--warmup", "2")) * 1000));
            duration = Duration.ofMillis((long) (Double.parseDouble(value(args, "--duration", "10")) * 1000));
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            return 2;
        }
        try {
            if (sessions > 0) {
                final SessionLoad.Result r = SessionLoad.run(target, sessions, Duration.ofSeconds(30));
                System.out.printf(Locale.ROOT, "sessions %d in %.3f s: %.0f sessions/s%n", r.sessions(), r.seconds(),
                    r.perSecond());
            } else {
                final EchoLoad.Result r = EchoLoad.run(new EchoLoad.Options(target, connections, window, warmup,
                    duration, Duration.ofSeconds(10)));
                System.out.println(format(connections, window, r));
            }
            return 0;
        } catch (LoadFailure e) {
            System.err.println("LoadGenerator: FAILED: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            return 1;
        }
    }

    static String format(final int connections, final int window, final EchoLoad.Result r) {
        return String.format(Locale.ROOT, "echo c=%d w=%d: %.0f msg/s, rtt p50 %.1f us, p99 %.1f us, p99.9 %.1f us,"
                + " max %.1f us (%d messages%s)", connections, window, r.perSecond(), r.p50Nanos() / 1e3,
            r.p99Nanos() / 1e3, r.p999Nanos() / 1e3, r.maxNanos() / 1e3, r.messages(),
            r.zeroIdReplies() > 0 ? ", " + r.zeroIdReplies() + " replies with id 0" : "");
    }

    private static boolean has(final String[] args, final String name) {
        for (String a : args) {
            if (a.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static String value(final String[] args, final String name, final String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }

    private static int positive(final String text, final String name) {
        final int v = Integer.parseInt(text);
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + v);
        }
        return v;
    }
}
