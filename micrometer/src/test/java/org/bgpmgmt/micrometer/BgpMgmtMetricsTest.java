package org.bgpmgmt.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.net.InetAddress;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskStats;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BgpMgmtMetricsTest {
    private static final Task WORK = Task.named("bfd_dplane_read", self -> { });

    @Test
    void shouldBindGaugesCountersAndOneTimerPerTaskMatchingTheFigures() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("mm")).start()) {
            for (int i = 0; i < 3; i++) {
                loop.addEvent(WORK, null, 0, null);
            }
            loop.addTimerSeconds(60, self -> { }, null, null);
            loop.submit(() -> null).get(10, TimeUnit.SECONDS);
            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            final BgpMgmtMetrics metrics = new BgpMgmtMetrics().loop(loop);
            metrics.bindTo(registry);
            final TaskStats row = loop.taskStats().stream().filter(t -> t.name().equals("bfd_dplane_read"))
                .findFirst().orElseThrow();
            final FunctionTimer timer = registry.get("bgpmgmt.loop.task").tag("task", "bfd_dplane_read")
                .functionTimer();
            assertEquals(3, (long) timer.count());
            assertEquals(row.wall().totalNanos(), timer.totalTime(TimeUnit.NANOSECONDS), 1.0);
            assertEquals(1.0, registry.get("bgpmgmt.loop.timers").tag("loop", "mm").gauge().value());
            assertTrue(registry.get("bgpmgmt.loop.turns").functionCounter().count() >= 1);
            assertEquals(0.0, registry.get("bgpmgmt.loop.stalls").functionCounter().count());
            loop.addEvent(Task.named("later", self -> { }), null, 0, null);
            loop.submit(() -> null).get(10, TimeUnit.SECONDS);
            metrics.refreshTasks();
            assertEquals(1, (long) registry.get("bgpmgmt.loop.task").tag("task", "later").functionTimer().count());
        }
    }

    @Test
    void shouldCountTheSessionsOfABfdView() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("mm-bfd")).start()) {
            final BgpMgmtContext context = BgpMgmtContext.server(loop, Endpoint.tcp("127.0.0.1", 0),
                new BgpMgmtConfig().name("cp"));
            final BfdControlPlane bfd = BfdControlPlane.addTo(context);
            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new BgpMgmtMetrics().context(context).bfd(bfd).bindTo(registry);
            bfd.updateSession(BfdSession.builder(7).addresses(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("127.0.0.2")).build()).get(10, TimeUnit.SECONDS);
            assertEquals(1.0, registry.get("bgpmgmt.bfd.sessions").tag("context", "cp").tag("side", "control-plane")
                .gauge().value());
            assertEquals(0.0, registry.get("bgpmgmt.bfd.malformed").functionCounter().count());
            assertEquals(0.0, registry.get("bgpmgmt.context.protocol.errors").tag("context", "cp")
                .functionCounter().count());
        }
    }
}
