package org.bgpmgmt.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.mgmt.BfdSession;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.ContextStats;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.Role;
import org.bgpmgmt.mgmt.SessionCounters;
import org.bgpmgmt.mgmt.SessionListener;
import org.bgpmgmt.wire.BfdState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running sub-commands: {@code server}, {@code client} and {@code dataplane}. Each runs
 * one context until SIGINT or SIGTERM (or {@code --duration}), then closes it, flushing what is
 * queued, and logs one line of counters every {@code --stats} seconds.
 */
final class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger("org.bgpmgmt.examples");
    private static final String ADMIN_HELP = "unix:PATH or 127.0.0.1:PORT: serve show commands there (off when empty)";

    private Endpoints() {
    }

    static Args serverArgs() {
        return TlsOptions.declare(common(new Args("server", "A long-running BgpMgmt server of either role.")
            .option("--listen", "127.0.0.1:50700", "HOST:PORT, [IPV6]:PORT or unix:PATH to listen on")));
    }

    static Args clientArgs() {
        return TlsOptions.declare(common(new Args("client",
            "A long-running BgpMgmt client of either role; reconnects with backoff.")
            .option("--connect", "127.0.0.1:50700", "HOST:PORT, [IPV6]:PORT or unix:PATH to connect to")));
    }

    static Args dataplaneArgs() {
        return new Args("dataplane", "A distributed data plane for a real FRR bfdd (bfdd --dplaneaddr ...).")
            .option("--connect", "127.0.0.1:50700", "bfdd's data-plane address")
            .option("--state", "up", "state to report for every session bfdd pushes: up, down, init, admin-down")
            .option("--stats", "10", "seconds between stats lines")
            .option("--duration", "0", "seconds to run; 0 runs until SIGINT or SIGTERM")
            .option("--admin", "", ADMIN_HELP);
    }

    private static Args common(final Args args) {
        return args.option("--role", "control", "control (push sessions, like bfdd) or dataplane")
            .option("--sessions", "0", "control role: sessions to push at start")
            .option("--stats", "10", "seconds between stats lines")
            .option("--duration", "0", "seconds to run; 0 runs until SIGINT or SIGTERM")
            .option("--admin", "", ADMIN_HELP);
    }

    static int server(final Args args, final PrintStream out) throws Exception {
        final Endpoint at = parse(args.string("--listen"));
        final BgpMgmtConfig config = TlsOptions.apply(args, config("server", role(args)));
        return serve(args, out, role(args), loop -> BgpMgmtContext.server(loop, at, config));
    }

    static int client(final Args args, final PrintStream out) throws Exception {
        final Endpoint to = parse(args.string("--connect"));
        final BgpMgmtConfig config = TlsOptions.apply(args, config("client", role(args)));
        return serve(args, out, role(args), loop -> BgpMgmtContext.client(loop, to, config));
    }

    static int dataplane(final Args args, final PrintStream out) throws Exception {
        final Endpoint to = parse(args.string("--connect"));
        return serve(args, out, Role.DATA_PLANE,
            loop -> BgpMgmtContext.client(loop, to, config("dataplane", Role.DATA_PLANE)));
    }

    private interface Opener {
        BgpMgmtContext open(EventLoop loop) throws Exception;
    }

    private static int serve(final Args args, final PrintStream out, final Role role, final Opener opener)
        throws Exception {
        final int state = state(args);
        final Duration every = args.seconds("--stats");
        final long runMillis = (long) (Double.parseDouble(args.string("--duration")) * 1000);
        final int sessions = args.declares("--sessions") ? args.integer("--sessions", 0, 1_000_000) : 0;
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt")).start();
        final BgpMgmtContext context = opener.open(loop); // configured here, started below
        if (role == Role.DATA_PLANE) {
            context.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    LOG.info("session {} {}: reporting {}", added ? "added" : "updated", session, stateName(state));
                    context.updateCounters(SessionCounters.zero(session.lid()));
                    context.reportState(session.lid(), state, 0);
                }

                @Override
                public void sessionDeleted(final BfdSession session) {
                    LOG.info("session deleted: {}", session);
                }
            });
        } else {
            for (int lid = 1; lid <= sessions; lid++) {
                context.updateSession(BfdSession.builder(lid).addresses(InetAddress.getByName("192.0.2.1"),
                    InetAddress.getByName("198.51.100." + (lid % 250 + 1))).build());
            }
        }
        try {
            context.start().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            loop.close();
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        final org.bgpmgmt.admin.AdminServer admin = AdminCommand.serve(args.string("--admin"), loop, context);
        final CountDownLatch stop = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            LOG.info("stopping: flushing queued output and closing");
            if (admin != null) {
                admin.close();
            }
            out.println(args.command() + ": stopping; " + StatsTask.line(context));
            context.close();
            loop.shutdown(Duration.ofSeconds(5));
            stop.countDown();
        }, "bgpmgmt-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        loop.addTimerMillis(every.toMillis(), new StatsTask(context, every.toMillis()), context,
            new TaskHandle("examples_stats"));
        out.println(args.command() + ": " + context.endpoint() + " as " + role + "; stop with Ctrl-C"
            + (admin != null ? "; admin endpoint " + admin.address() : ""));
        if (runMillis > 0) {
            Thread.sleep(runMillis);
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        }
        stop.await();
        return 0;
    }

    /** Logs one line of counters, then re-adds itself: a one-shot timer used as a periodic one. */
    private static final class StatsTask implements org.bgpmgmt.event.Task {
        private final BgpMgmtContext context;
        private final long everyMillis;

        StatsTask(final BgpMgmtContext context, final long everyMillis) {
            this.context = context;
            this.everyMillis = everyMillis;
        }

        @Override
        public void run(final TaskHandle self) {
            LOG.info("stats: {}", line(context));
            context.loop().addTimerMillis(everyMillis, this, context, self);
        }

        static String line(final BgpMgmtContext context) {
            final ContextStats s = context.stats();
            long in = 0;
            long out = 0;
            int up = 0;
            for (ConnectionStats c : s.connections()) {
                in += c.input().messages();
                out += c.output().messages();
                up += c.up() ? 1 : 0;
            }
            return String.format(Locale.ROOT, "%d connection(s) up, %d sessions, %d messages in, %d out,"
                + " %d protocol errors", up, s.sessions(), in, out, s.protocolErrors());
        }

        @Override
        public String name() {
            return "examples_stats";
        }
    }

    private static Endpoint parse(final String text) throws Args.UsageException {
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    private static Role role(final Args args) throws Args.UsageException {
        final String r = args.string("--role");
        switch (r) {
            case "control":
                return Role.CONTROL_PLANE;
            case "dataplane":
                return Role.DATA_PLANE;
            default:
                throw new Args.UsageException("--role must be control or dataplane, got " + r);
        }
    }

    private static int state(final Args args) throws Args.UsageException {
        if (!args.has("--state")) {
            return BfdState.UP;
        }
        switch (args.string("--state")) {
            case "up":
                return BfdState.UP;
            case "down":
                return BfdState.DOWN;
            case "init":
                return BfdState.INIT;
            case "admin-down":
                return BfdState.ADMIN_DOWN;
            default:
                throw new Args.UsageException("--state must be up, down, init or admin-down, got "
                    + args.string("--state"));
        }
    }

    private static String stateName(final int state) {
        return new String[] {"admin-down", "down", "init", "up"}[state];
    }

    private static BgpMgmtConfig config(final String name, final Role role) {
        return new BgpMgmtConfig().name(name).role(role);
    }
}
