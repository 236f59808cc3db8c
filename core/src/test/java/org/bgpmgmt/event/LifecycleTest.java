package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LifecycleTest {

    @Test
    void shouldRunDueWorkAndCancelTheRestOnShutdown() throws Exception {
        final List<String> ran = new ArrayList<>();
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("stopping")).start();
        final TaskHandle later = new TaskHandle("later");
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        loop.addEvent(self -> {
            inside.countDown();
            release.await();
        }, null, 0, null);
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        loop.addEvent(self -> ran.add("due event"), null, 0, null);
        loop.addTimerSeconds(3600, self -> ran.add("hour timer"), null, later);
        final Thread stopper = new Thread(() -> loop.shutdown(Duration.ofSeconds(10)));
        stopper.start();
        while (!loop.isShutdown()) {
            Thread.onSpinWait();
        }
        assertThrows(RejectedExecutionException.class, () -> loop.addEvent(self -> ran.add("late"), null, 0, null));
        release.countDown();
        stopper.join();
        assertTrue(loop.isTerminated());
        assertEquals(List.of("due event"), ran);
        assertFalse(later.isScheduled(), "the rest is cancelled");
        assertFalse(loop.scheduler().selectorOpen());
    }

    @Test
    void shouldLeaveNoThreadBehind() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("no-leak-thread")).start();
        final Thread[] loopThread = new Thread[1];
        final CountDownLatch seen = new CountDownLatch(1);
        loop.addEvent(self -> {
            loopThread[0] = Thread.currentThread();
            seen.countDown();
        }, null, 0, null);
        assertTrue(seen.await(10, TimeUnit.SECONDS));
        assertEquals("no-leak-thread", loopThread[0].getName());
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        loopThread[0].join(10_000);
        assertFalse(loopThread[0].isAlive());
    }

    @Test
    void shouldCloseIdempotentlyAndRejectWorkAfterwards() {
        final EventLoop loop = new EventLoop();
        loop.close();
        loop.close();
        assertTrue(loop.isTerminated());
        final RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
            () -> loop.addTimerMillis(1, self -> { }, null, null));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertEquals(0, loop.cancelByArg("anything"), "a stopped loop has nothing to cancel");
    }

    @Test
    void shouldRunTheLoopOnTheCallersThread() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("embedded"));
        final Thread caller = new Thread(loop::run, "my-daemon-main");
        final CountDownLatch seen = new CountDownLatch(1);
        final String[] name = new String[1];
        loop.addEvent(self -> {
            name[0] = Thread.currentThread().getName();
            seen.countDown();
        }, null, 0, null);
        caller.start();
        assertTrue(seen.await(10, TimeUnit.SECONDS));
        assertEquals("my-daemon-main", name[0]);
        assertThrows(IllegalStateException.class, loop::run);
        assertThrows(IllegalStateException.class, loop::start);
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        caller.join(10_000);
        assertFalse(caller.isAlive());
    }

    @Test
    void shouldIsolateAFailingTask() throws Exception {
        final AtomicInteger after = new AtomicInteger();
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("isolation")).start()) {
            final CountDownLatch done = new CountDownLatch(1);
            loop.addEvent(Task.named("thrower", self -> {
                throw new IllegalStateException("boom");
            }), null, 0, null);
            loop.addEvent(self -> {
                after.incrementAndGet();
                done.countDown();
            }, null, 0, null);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1, after.get());
            final TaskStats thrower = loop.taskStats().stream().filter(s -> s.name().equals("thrower"))
                .findFirst().orElseThrow();
            assertEquals(1, thrower.faults().errors());
            assertEquals(1, thrower.calls());
        }
    }

    @Test
    void shouldRefuseLoopOnlyCallsFromOtherThreads() {
        try (EventLoop loop = new EventLoop()) {
            final IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.execute(self -> { }, null, 0));
            assertTrue(e.getMessage().contains("execute"), e.getMessage());
            assertThrows(IllegalStateException.class, loop::shouldYield);
        }
    }

    @Test
    void shouldPickLoopsRoundRobinAndKeepChannelsOnTheirLoop() throws Exception {
        try (EventLoopGroup group = new EventLoopGroup(2, new EventLoopConfig().name("group"))) {
            final EventLoop a = group.next();
            final EventLoop b = group.next();
            assertEquals(List.of(a, b), group.loops());
            assertEquals(a, group.next());
            assertEquals("group-0", a.name());
            final java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            try {
                a.addRead(pipe.source(), self -> { }, null, null);
                final CountDownLatch fence = new CountDownLatch(1);
                a.addEvent(self -> fence.countDown(), null, 0, null);
                assertTrue(fence.await(10, TimeUnit.SECONDS));
                final CountDownLatch failed = new CountDownLatch(1);
                b.addEvent(self -> {
                    try {
                        b.addRead(pipe.source(), s -> { }, null, null);
                    } catch (IllegalStateException e) {
                        failed.countDown();
                    }
                }, null, 0, null);
                assertTrue(failed.await(10, TimeUnit.SECONDS), "a channel moved to another loop");
            } finally {
                pipe.source().close();
                pipe.sink().close();
            }
            assertTrue(group.shutdown(Duration.ofSeconds(10)));
        }
    }
}
