package org.bgpmgmt.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;

/**
 * The examples' entry point: {@code java -jar examples/target/bgpmgmt-examples.jar [COMMAND] [options]}.
 * Commands: {@code demo} (the default), {@code server}, {@code client}, {@code dataplane},
 * {@code echo}; each takes {@code --help}. Exit codes: 0 success, 1 failure, 2 bad command line.
 */
public final class Main {
    private static final String COMMANDS = """
        usage: java -jar bgpmgmt-examples.jar [COMMAND] [options]

        commands:
          demo       one control plane and three data planes in one JVM, each step checked (default)
          server     a long-running BgpMgmt server (--listen ADDR, --role control|dataplane)
          client     a long-running BgpMgmt client (--connect ADDR, --role control|dataplane)
          dataplane  a distributed data plane for a real FRR bfdd (--connect ADDR)
          echo       an echo server and client on one event loop
          admin      send show commands to a daemon's admin endpoint (admin unix:PATH "show event cpu")
          metrics    print the Prometheus scrape of a control and a data plane

        ADDR is HOST:PORT, [IPV6]:PORT or unix:PATH. COMMAND --help describes its options.
        """;

    private Main() {
    }

    /**
     * Runs a sub-command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final String command = args.length == 0 || args[0].startsWith("--") ? "demo" : args[0];
        final String[] rest = args.length == 0 || args[0].startsWith("--") ? args
            : Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("help")) {
            out.print(COMMANDS);
            return 0;
        }
        if (command.equals("admin")) {
            return AdminCommand.run(rest, out, err); // positional arguments: its own parsing
        }
        final Args spec;
        switch (command) {
            case "demo":
                spec = DemoCommand.args();
                break;
            case "server":
                spec = Endpoints.serverArgs();
                break;
            case "client":
                spec = Endpoints.clientArgs();
                break;
            case "dataplane":
                spec = Endpoints.dataplaneArgs();
                break;
            case "metrics":
                spec = MetricsCommand.args();
                break;
            case "echo":
                spec = new Args("echo", "An echo server and client on one event loop over 127.0.0.1.")
                    .option("--count", "10000", "round trips the client makes");
                break;
            default:
                err.println("unknown command: " + command);
                err.print(COMMANDS);
                return 2;
        }
        try {
            spec.parse(rest);
            if (spec.has("--help")) {
                out.print(spec.usage());
                return 0;
            }
            Logging.configure(spec.has("--verbose"), !command.equals("demo") && !command.equals("echo")
                && !command.equals("metrics"));
            switch (command) {
                case "demo":
                    return DemoCommand.run(spec, out);
                case "server":
                    return Endpoints.server(spec, out);
                case "client":
                    return Endpoints.client(spec, out);
                case "dataplane":
                    return Endpoints.dataplane(spec, out);
                case "metrics":
                    return MetricsCommand.run(spec, out);
                default:
                    return echo(spec.integer("--count", 1, 100_000_000), out, err);
            }
        } catch (Args.UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(command + " failed: " + e);
            return 1;
        }
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
