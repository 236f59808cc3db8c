package org.bgpmgmt.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;

/**
 * The examples' entry point: {@code java -jar examples/target/bgpmgmt-examples.jar [echo] [--count N]}.
 * With no sub-command it runs the echo demo: a server and a client on one loop over 127.0.0.1.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs a sub-command.
     *
     * @param args the command line
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        int count = 10_000;
        int i = 0;
        if (i < args.length && args[i].equals("echo")) {
            i++;
        }
        for (; i < args.length; i++) {
            switch (args[i]) {
                case "--help":
                case "-h":
                    out.println("usage: bgpmgmt-examples [echo] [--count N]");
                    out.println("  echo       an echo server and client on one event loop over 127.0.0.1 (default)");
                    out.println("  --count N  how many round trips the client makes (default 10000)");
                    return 0;
                case "--count":
                    if (i + 1 >= args.length) {
                        err.println("--count needs a number");
                        return 2;
                    }
                    try {
                        count = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        err.println("--count: not a number: " + args[i]);
                        return 2;
                    }
                    if (count < 1) {
                        err.println("--count must be at least 1: " + count);
                        return 2;
                    }
                    break;
                default:
                    err.println("unknown argument: " + args[i] + " (try --help)");
                    return 2;
            }
        }
        return echo(count, out, err);
    }

    private static int echo(final int count, final PrintStream out, final PrintStream err) {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("echo-loop")).start();
             EchoServer server = new EchoServer(loop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            final EchoClient.Result r = EchoClient.run(loop, server.address(), count).get(60, TimeUnit.SECONDS);
            out.printf("echo: %d round trips over %s in %d ms: mean RTT %d us, max %d us%n", r.roundTrips(),
                server.address(), TimeUnit.NANOSECONDS.toMillis(r.elapsedNanos()), r.meanRttNanos() / 1000,
                r.maxRttNanos() / 1000);
            out.println();
            out.print(loop.showCpu());
            return loop.shutdown(Duration.ofSeconds(5)) ? 0 : 1;
        } catch (Exception e) {
            err.println("echo failed: " + e);
            return 1;
        }
    }
}
