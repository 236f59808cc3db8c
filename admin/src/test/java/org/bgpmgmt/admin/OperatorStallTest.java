package org.bgpmgmt.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.RemoteSystem;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.LoopTables;
import org.bgpmgmt.event.Stall;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.event.TaskStats;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ContextStats;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.micrometer.BgpMgmtMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's acceptance check: a task holds the control plane's loop for 8 s, as a blocking call
 * in a listener would; meanwhile every figure read answers within a generous bound, the watchdog
 * reports the task with its stack within its threshold plus 1 s, the admin endpoint answers every
 * command in text and JSON matching the context's own figures, and the Micrometer meters match.
 * The bounds are liveness checks (a read that waited for the loop would take seconds), not speeds.
 */
@Timeout(120)
class OperatorStallTest {
    private static final long STALL_MS = 8_000;
    private static final long THRESHOLD_MS = 1_000;
    /** The bound for one figure read, measured per read. */
    private static final long READ_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** One admin round trip: a socket, a thread hop and the text; still far below the stall. */
    private static final long ADMIN_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    private final List<Stall> stalls = new CopyOnWriteArrayList<>();
    private volatile long stallReportedAt;
    private volatile long blockerStartedAt;

    private static <T> T timed(final String what, final long boundNanos, final Callable<T> read) throws Exception {
        final long t0 = System.nanoTime();
        final T value = read.call();
        final long took = System.nanoTime() - t0;
        assertTrue(took < boundNanos, what + " took " + took / 1_000_000 + " ms while the loop was stuck");
        return value;
    }

    private static void await(final String what, final Callable<Boolean> condition) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
            Thread.sleep(5); // polling a condition, never synchronising on time
        }
    }

    @Test
    void shouldAnswerEveryFigureAndCommandWhileALoopIsStuck() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("op-control")
            .watchdogThreshold(Duration.ofMillis(THRESHOLD_MS)).stallHandler(s -> {
                stallReportedAt = System.nanoTime();
                stalls.add(s);
            })).start();
        final EventLoop dataLoop = new EventLoop(new EventLoopConfig().name("op-data")).start();
        final Endpoint bfd = Endpoint.parse("unix:" + dir.resolve("bfd.sock"));
        final BgpMgmtContext control = BgpMgmtContext.server(loop, bfd,
            new BgpMgmtConfig().name("op-control"));
        final BfdControlPlane cp = BfdControlPlane.addTo(control);
        final BgpMgmtContext data = BgpMgmtContext.client(dataLoop, bfd,
            new BgpMgmtConfig().name("op-data"));
        final BfdDataPlane dp = BfdDataPlane.addTo(data);
        final AdminServer admin = new AdminServer(new AdminConfig().unix(dir.resolve("admin.sock")))
            .addLoop(loop).addLoop(dataLoop).addContext(control).addContext(data)
            .addSessions(cp).addSessions(dp);
        try {
            control.start().get(10, TimeUnit.SECONDS);
            data.start().get(10, TimeUnit.SECONDS);
            cp.updateSession(BfdSession.builder(7).addresses(InetAddress.getByName("192.0.2.1"),
                InetAddress.getByName("192.0.2.2")).detectMultiplier(3).build()).get(10, TimeUnit.SECONDS);
            await("the data plane has the session", () -> dp.sessions().size() == 1);
            dp.reportState(new StateReport(7, BfdState.UP, BfdDiagnostic.NONE, new RemoteSystem(9, 0, 0, 0, 0, 3)))
                .get(10, TimeUnit.SECONDS);
            await("the control plane hears it up", () -> cp.sessionState(7) != null && cp.sessionState(7).isUp());
            admin.start();
            final ObjectName loopBean = loop.registerMBean();
            final ObjectName contextBean = control.registerMBean();
            try (AdminClient client = AdminClient.connect("unix:" + dir.resolve("admin.sock"),
                Duration.ofSeconds(10))) {
                // One untimed round first: the first call of each read loads classes, which is no wait on the loop.
                figuresAnswer(loop, control, cp, loopBean, contextBean, Long.MAX_VALUE);
                ask(client, "show event poll"); // the tables' first publication, as an operator's first look makes
                stall(loop);
                final ContextStats stats = figuresAnswer(loop, control, cp, loopBean, contextBean, READ_BOUND_NANOS);
                watchdogReported(loop);
                metersMatch(loop, control, cp);
                adminAnswers(client, loop, control, data, stats);
                assertEquals("", ask(client, "clear event cpu"), "answered at once, applied at the loop's next turn");
                assertTrue(loop.taskStats().stream().anyMatch(t -> t.calls() > 0), "not cleared while stuck");
                assertTrue(loop.gauges().running() != null, "all of it happened during the stall");
                await("the stall ends", () -> loop.gauges().running() == null);
                await("the table is cleared", () -> loop.taskStats().stream()
                    .noneMatch(t -> t.name().equals("blocking_listener")));
            }
        } finally {
            admin.close();
            data.close();
            control.close();
            dataLoop.close();
            loop.close();
        }
        assertTrue(Files.notExists(dir.resolve("admin.sock")), "the admin socket file is removed");
    }

    private void stall(final EventLoop loop) throws Exception {
        loop.taskStats(); // figures published before the stall
        loop.addEvent(self -> {
            blockerStartedAt = System.nanoTime();
            Thread.sleep(STALL_MS);
        }, null, 0, new TaskHandle("blocking_listener"));
        await("the blocker runs", () -> "blocking_listener".equals(EventViews.runningTask(loop.gauges())));
    }

    private static ContextStats figuresAnswer(final EventLoop loop, final BgpMgmtContext control,
                                              final BfdControlPlane cp,
                                              final ObjectName loopBean, final ObjectName contextBean,
                                              final long bound) throws Exception {
        final var server = ManagementFactory.getPlatformMBeanServer();
        ContextStats stats = null;
        for (int round = 0; round < 3; round++) {
            timed("taskStats", bound, loop::taskStats);
            timed("showCpu", bound, loop::showCpu);
            timed("gauges", bound, loop::gauges);
            stats = timed("context stats", bound, control::stats);
            timed("sessions", bound, cp::sessions);
            timed("bfd stats", bound, cp::stats);
            timed("connections", bound, control::connections);
            timed("showDistributed", bound, control::showDistributed);
            assertEquals(BfdState.UP, timed("sessionState", bound, () -> cp.sessionState(7)).state());
            timed("JMX loop TasksRun", bound, () -> server.getAttribute(loopBean, "TasksRun"));
            timed("JMX loop CpuTable", bound, () -> server.getAttribute(loopBean, "CpuTable"));
            timed("JMX context ConnectionsUp", bound, () -> server.getAttribute(contextBean, "ConnectionsUp"));
        }
        assertEquals(1, cp.stats().sessions());
        assertEquals(1, cp.sessions().size());
        assertEquals(1, stats.connections().size());
        return stats;
    }

    private void watchdogReported(final EventLoop loop) throws Exception {
        await("the watchdog reports the stall", () -> !stalls.isEmpty());
        final Stall stall = stalls.get(0);
        assertEquals("op-control", stall.loop());
        assertEquals("blocking_listener", stall.task());
        assertEquals('E', stall.kind());
        final long after = stallReportedAt - blockerStartedAt;
        assertTrue(after <= TimeUnit.MILLISECONDS.toNanos(THRESHOLD_MS + 1_000),
            "reported " + after / 1_000_000 + " ms into the stall");
        assertTrue(stall.stackText().contains("java.lang.Thread.sleep"), stall.stackText());
        assertTrue(stall.stackText().contains("OperatorStallTest"), stall.stackText());
        assertEquals(1, loop.stalls());
    }

    private static String ask(final AdminClient client, final String command) throws Exception {
        return timed("admin " + command, ADMIN_BOUND_NANOS, () -> client.send(command));
    }

    private static void eventTables(final AdminClient client, final EventLoop loop) throws Exception {
        final String timers = ask(client, "show event timers");
        assertTrue(timers.contains("Showing timers for op-control"), timers);
        final Map<String, Object> timersJson = JsonTree.object(JsonTree.parse(ask(client, "show event timers json")),
            "op-control");
        assertEquals((long) loop.gauges().waiting().timers(), timersJson.get("timers"));
        final List<LoopTables.TimerRow> timerRows = loop.tables().timers();
        assertEquals(timerRows.size(), ((List<?>) timersJson.get("scheduled")).size());
        timerRows.forEach(t -> assertTrue(timers.contains("  " + t.task() + " "), timers));
        final String poll = ask(client, "show event poll");
        assertTrue(poll.contains("Running: blocking_listener"), poll);
        final List<LoopTables.PollRow> pollRows = loop.tables().poll();
        assertTrue(!pollRows.isEmpty(), "the contexts' connections wait for reads");
        pollRows.forEach(r -> assertTrue(poll.contains("events:" + String.join(",", r.events())) && poll.contains(
            String.join(" ", r.tasks()) + "\n"), poll));
        final List<?> channels = (List<?>) JsonTree.object(JsonTree.parse(ask(client, "show event poll json")),
            "op-control").get("channels");
        assertEquals(pollRows.size(), channels.size());
        assertEquals(pollRows.get(0).tasks(), ((Map<?, ?>) channels.get(0)).get("tasks"));
    }

    private static void adminAnswers(final AdminClient client, final EventLoop loop, final BgpMgmtContext control,
                                     final BgpMgmtContext data, final ContextStats stats) throws Exception {
        final List<TaskStats> rows = loop.taskStats();
        final String cpu = ask(client, "show event cpu");
        assertTrue(cpu.contains("Showing statistics for pthread op-control"), cpu);
        final Object cpuJson = JsonTree.parse(ask(client, "show event cpu json"));
        for (TaskStats row : rows) {
            assertTrue(cpu.contains(row.name()), cpu);
            assertEquals(row.calls(), JsonTree.object(cpuJson, "op-control", row.name()).get("totalCalls"));
        }
        final String events = ask(client, "show event cpu E");
        rows.stream().filter(r -> !r.kinds().contains("E")).forEach(r -> assertTrue(!events.contains(" " + r.name()
            + "\n"), "filtered out: " + r.name()));
        eventTables(client, loop);
        final Map<String, Object> poll = JsonTree.object(JsonTree.parse(ask(client, "show event poll json")),
            "op-control");
        assertEquals("blocking_listener", poll.get("running"));
        assertEquals((long) loop.gauges().waiting().channels(), poll.get("count"));
        assertEquals(control.showDistributed() + data.showDistributed(), ask(client, "show bfd distributed"));
        final List<?> dist = (List<?>) JsonTree.parse(ask(client, "show bfd distributed json"));
        final Map<?, ?> first = (Map<?, ?>) dist.get(0);
        assertEquals("op-control", first.get("name"));
        final Map<?, ?> firstConnection = (Map<?, ?>) ((List<?>) first.get("connections")).get(0);
        assertEquals(stats.connections().get(0).output().messages(), firstConnection.get("outputMessages"));
        assertEquals((long) stats.connections().get(0).rows(), firstConnection.get("rows"));
        final String bfdPeers = ask(client, "show bfd peers");
        assertTrue(bfdPeers.contains("peer 192.0.2.2 local-address 192.0.2.1"), bfdPeers);
        assertTrue(bfdPeers.contains("\t\tStatus: up\n"), bfdPeers);
        final String brief = ask(client, "show bfd peers brief");
        assertTrue(brief.contains("Session count: 2"), "one on each side");
        assertTrue(brief.contains(" Status "), brief);
        assertTrue(brief.lines().filter(l -> l.startsWith("7 ")).allMatch(l -> l.split(" +")[3].equals("up"))
            && brief.lines().filter(l -> l.startsWith("7 ")).count() == 2, brief);
        final List<?> peers = (List<?>) JsonTree.parse(ask(client, "show bfd peers json"));
        assertEquals(7L, ((Map<?, ?>) peers.get(0)).get("id"));
        assertEquals("up", ((Map<?, ?>) peers.get(0)).get("status"));
        final String watchdog = ask(client, "show watchdog");
        assertTrue(watchdog.contains("Last stall: task blocking_listener"), watchdog);
        final Map<String, Object> wd = JsonTree.object(JsonTree.parse(ask(client, "show watchdog json")),
            "op-control");
        assertEquals(loop.stalls(), wd.get("stalls"));
        assertEquals("blocking_listener", JsonTree.object(wd, "lastStall").get("task"));
        assertEquals("% Unknown command: show foo\n", ask(client, "show foo"));
        assertTrue(ask(client, "show watchdog").startsWith("Watchdog for op-control"), "the session stays open");
    }

    private static void metersMatch(final EventLoop loop, final BgpMgmtContext control, final BfdControlPlane cp) {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new BgpMgmtMetrics().loop(loop).context(control).bfd(cp).bindTo(registry);
        final List<TaskStats> rows = loop.taskStats();
        final List<String> checked = new ArrayList<>();
        for (TaskStats row : rows) {
            final FunctionTimer t = registry.get("bgpmgmt.loop.task").tag("loop", "op-control")
                .tag("task", row.name()).functionTimer();
            assertEquals(row.calls(), (long) t.count(), row.name());
            assertEquals(row.wall().totalNanos(), t.totalTime(TimeUnit.NANOSECONDS), 1.0, row.name());
            checked.add(row.name());
        }
        assertTrue(!checked.isEmpty());
        assertEquals(1.0, registry.get("bgpmgmt.loop.utilization").tag("loop", "op-control").gauge().value(),
            "a stall longer than a window is full utilization");
        assertEquals((double) loop.stalls(), registry.get("bgpmgmt.loop.stalls").functionCounter().count());
        assertEquals(cp.stats().sessions(),
            registry.get("bgpmgmt.bfd.sessions").tag("context", "op-control").gauge().value());
        assertNotNull(registry.get("bgpmgmt.context.output.messages").functionCounter());
    }
}
