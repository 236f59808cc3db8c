package org.bgpmgmt.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.bfd.SessionCounters;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.ContextStats;
import org.bgpmgmt.mgmt.Endpoint;
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
        final BgpMgmtConfig config = TlsOptions.apply(args, config("server"));
        return serve(args, out, controlPlane(args), loop -> BgpMgmtContext.server(loop, at, config));
    }

    static int client(final Args args, final PrintStream out) throws Exception {
        final Endpoint to = parse(args.string("--connect"));
        final BgpMgmtConfig config = TlsOptions.apply(args, config("client"));
        return serve(args, out, controlPlane(args), loop -> BgpMgmtContext.client(loop, to, config));
    }

    static int dataplane(final Args args, final PrintStream out) throws Exception {
        final Endpoint to = parse(args.string("--connect"));
        return serve(args, out, false, loop -> BgpMgmtContext.client(loop, to, config("dataplane")));
    }

    private interface Opener {
        BgpMgmtContext open(EventLoop loop) throws Exception;
    }

    private static int serve(final Args args, final PrintStream out, final boolean controlPlane,
                             final Opener opener) throws Exception {
        final BfdState state = state(args);
        final Duration every = args.seconds("--stats");
        final long runMillis = (long) (Double.parseDouble(args.string("--duration")) * 1000);
        final int sessions = args.declares("--sessions") ? args.integer("--sessions", 0, 1_000_000) : 0;
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt")).start();
        final BgpMgmtContext context = opener.open(loop); // configured here, started below
        final BfdView bfd = controlPlane ? pushSessions(context, sessions) : reportSessions(context, state);
        try {
            context.start().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            loop.close();
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        final org.bgpmgmt.admin.AdminServer admin = AdminCommand.serve(args.string("--admin"), loop, context, bfd);
        final CountDownLatch stop = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            LOG.info("stopping: flushing queued output and closing");
            if (admin != null) {
                admin.close();
            }
            out.println(args.command() + ": stopping; " + StatsTask.line(context, bfd));
            context.close();
            loop.shutdown(Duration.ofSeconds(5));
            stop.countDown();
        }, "bgpmgmt-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        loop.addTimerMillis(every.toMillis(), new StatsTask(context, bfd, every.toMillis()), context,
            new TaskHandle("examples_stats"));
        out.println(args.command() + ": " + context.endpoint() + " as "
            + (controlPlane ? "control plane" : "data plane") + "; stop with Ctrl-C"
            + (admin != null ? "; admin endpoint " + admin.address() : ""));
        if (runMillis > 0) {
            Thread.sleep(runMillis);
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        }
        stop.await();
        return 0;
    }

    /** The control plane's view, with {@code sessions} sessions in its table before start: the first resync. */
    private static BfdControlPlane pushSessions(final BgpMgmtContext context, final int sessions)
        throws Exception {
        final BfdControlPlane cp = BfdControlPlane.addTo(context);
        final List<CompletableFuture<Void>> pushed = new ArrayList<>(sessions);
        for (int lid = 1; lid <= sessions; lid++) {
            pushed.add(cp.updateSession(BfdSession.builder(lid).addresses(InetAddress.getByName("192.0.2.1"),
                InetAddress.getByName("198.51.100." + (lid % 250 + 1))).build()));
        }
        // One bounded wait for them all, rather than a cross-thread round trip per session.
        CompletableFuture.allOf(pushed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return cp;
    }

    /** The data plane's view: every session received is given zero counters and reported in {@code state}. */
    private static BfdDataPlane reportSessions(final BgpMgmtContext context, final BfdState state) {
        final BfdDataPlane dp = BfdDataPlane.addTo(context);
        return dp.addListener(new SessionListener() {
            @Override
            public void sessionReceived(final BfdSession session, final boolean added) {
                LOG.info("session {} {}: reporting {}", added ? "added" : "updated", session, stateName(state));
                // On the loop thread both run at once; chain, never wait, here.
                dp.updateCounters(SessionCounters.zero(session.lid()))
                    .thenCompose(known -> dp.reportState(StateReport.of(session.lid(), state, BfdDiagnostic.NONE)))
                    .exceptionally(failed -> {
                        LOG.warn("session {}: reporting {} failed", session, stateName(state), failed);
                        return false;
                    });
            }

            @Override
            public void sessionDeleted(final BfdSession session) {
                LOG.info("session deleted: {}", session);
            }
        });
    }

    /** Logs one line of counters, then re-adds itself: a one-shot timer used as a periodic one. */
    private static final class StatsTask implements org.bgpmgmt.event.Task {
        private final BgpMgmtContext context;
        private final BfdView bfd;
        private final long everyMillis;

        StatsTask(final BgpMgmtContext context, final BfdView bfd, final long everyMillis) {
            this.context = context;
            this.bfd = bfd;
            this.everyMillis = everyMillis;
        }

        @Override
        public void run(final TaskHandle self) {
            LOG.info("stats: {}", line(context, bfd));
            context.loop().addTimerMillis(everyMillis, this, context, self);
        }

        static String line(final BgpMgmtContext context, final BfdView bfd) {
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
                + " %d protocol errors", up, bfd.stats().sessions(), in, out, s.closes().protocolErrors());
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

    /** The {@code --role} option: true for the control plane. */
    private static boolean controlPlane(final Args args) throws Args.UsageException {
        final String r = args.string("--role");
        switch (r) {
            case "control":
                return true;
            case "dataplane":
                return false;
            default:
                throw new Args.UsageException("--role must be control or dataplane, got " + r);
        }
    }

    private static BfdState state(final Args args) throws Args.UsageException {
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

    /** The {@code --state} word for a state: the inverse of {@link #state}. */
    private static String stateName(final BfdState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static BgpMgmtConfig config(final String name) {
        return new BgpMgmtConfig().name(name);
    }
}
