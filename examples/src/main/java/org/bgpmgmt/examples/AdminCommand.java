package org.bgpmgmt.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.bgpmgmt.admin.AdminClient;
import org.bgpmgmt.admin.AdminConfig;
import org.bgpmgmt.admin.AdminServer;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.mgmt.BgpMgmtContext;

/**
 * The admin side of the examples: {@code admin TARGET "COMMAND"...} sends commands to a running
 * daemon's admin endpoint and prints the answers; {@link #serve} starts the endpoint of a
 * long-running command behind its {@code --admin ADDR} option.
 */
final class AdminCommand {
    static final String USAGE = """
        usage: java -jar bgpmgmt-examples.jar admin TARGET COMMAND...

        Sends each COMMAND to the admin endpoint at TARGET (unix:PATH or HOST:PORT) and prints the answer,
        e.g. admin unix:/run/bgpmgmt/admin.sock "show event cpu" "show watchdog json".
        Exit codes: 0 answered, 1 an answer was an error (%...) or the endpoint failed, 2 bad command line.
        """;

    private AdminCommand() {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length < 2 || args[0].equals("--help")) {
            (args.length > 0 && args[0].equals("--help") ? out : err).print(USAGE);
            return args.length > 0 && args[0].equals("--help") ? 0 : 2;
        }
        int code = 0;
        try (AdminClient client = AdminClient.connect(args[0], Duration.ofSeconds(10))) {
            for (int i = 1; i < args.length; i++) {
                final String answer = client.send(args[i]);
                out.print(answer);
                code |= answer.startsWith("%") ? 1 : 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println("admin " + args[0] + " failed: " + e);
            return 1;
        }
        return code;
    }

    /**
     * Starts an admin endpoint for {@code loop}, {@code context} and its BFD sessions {@code bfd} at
     * {@code address}, or returns null when the address is empty (the option's default: off).
     */
    static AdminServer serve(final String address, final EventLoop loop, final BgpMgmtContext context,
                             final BfdView bfd) {
        if (address.isEmpty()) {
            return null;
        }
        final AdminConfig config = new AdminConfig();
        if (address.startsWith("unix:")) {
            config.unix(Path.of(address.substring(5)));
        } else {
            config.tcpLoopback(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        }
        return new AdminServer(config).addLoop(loop).addContext(context).addSessions(bfd).start();
    }
}
