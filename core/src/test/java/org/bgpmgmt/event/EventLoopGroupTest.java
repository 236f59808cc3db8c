package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventLoopGroupTest {

    @Test
    void shouldLeaveTheCallersConfigUnchanged() {
        final EventLoopConfig config = new EventLoopConfig().name("grp");
        try (EventLoopGroup group = new EventLoopGroup(2, config)) {
            assertEquals("grp", config.name());
            assertEquals(List.of("grp-0", "grp-1"), group.loops().stream().map(EventLoop::name).toList());
        }
    }

    @Test
    void shouldReadTheConfigOnceAtConstruction() {
        final ManualClock clock = new ManualClock();
        final EventLoopConfig config = new EventLoopConfig().name("once").clock(clock);
        try (EventLoopGroup group = new EventLoopGroup(1, config)) {
            config.name("changed").clock(NanoClock.SYSTEM);
            final EventLoop loop = group.next();
            assertEquals("once-0", loop.name());
            assertSame(clock, loop.clock(), "a later change to the config does not reach a loop");
        }
    }

    @Test
    void shouldStopEveryLoopOnShutdown() {
        final EventLoopGroup group = new EventLoopGroup(3, new EventLoopConfig().name("stop"));
        assertTrue(group.shutdown(Duration.ofSeconds(10)));
        group.loops().forEach(l -> assertTrue(l.isTerminated(), l.name()));
    }
}
