package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnOrderTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoop loop = ManualClock.loop(clock);
    private final List<String> ran = new ArrayList<>();

    private Task record(final String what) {
        return self -> ran.add(what);
    }

    @Test
    void shouldRunEventsThenTimersThenIoEachInFifoOrder() throws IOException {
        final Pipe pipe = Pipe.open();
        try {
            loop.runOnce(0);
            loop.addRead(pipe.source(), record("read"), null, null);
            loop.addTimerMillis(5, record("timer2"), null, null);
            loop.addTimerMillis(1, record("timer1"), null, null);
            loop.addEvent(record("event1"), null, 0, null);
            loop.addEvent(record("event2"), null, 0, null);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            clock.advance(Duration.ofMillis(10));
            loop.runOnce(1000);
            assertEquals(List.of("event1", "event2", "timer1", "timer2", "read"), ran);
        } finally {
            pipe.source().close();
            pipe.sink().close();
            loop.close();
        }
    }

    @Test
    void shouldRunWorkAddedDuringATurnOnlyInTheNextTurn() {
        loop.runOnce(0);
        loop.addEvent(self -> {
            ran.add("first");
            loop.addEvent(record("added by event"), null, 0, null);
            loop.addTimerMillis(0, record("zero timer added by event"), null, null);
        }, null, 0, null);
        loop.runOnce(0);
        assertEquals(List.of("first"), ran);
        loop.runOnce(0);
        assertEquals(List.of("first", "added by event", "zero timer added by event"), ran);
        loop.close();
    }

    @Test
    void shouldNotStarveIoWithASelfReschedulingEvent() throws IOException {
        final Pipe pipe = Pipe.open();
        final TaskHandle spinner = new TaskHandle("spinner");
        final int[] spins = new int[1];
        final Task spin = new Task() {
            @Override
            public void run(final TaskHandle self) {
                spins[0]++;
                loop.addEvent(this, null, 0, spinner);
            }
        };
        try {
            loop.runOnce(0);
            loop.addEvent(spin, null, 0, spinner);
            loop.addRead(pipe.source(), record("read"), null, null);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            for (int i = 0; i < 3 && ran.isEmpty(); i++) {
                loop.runOnce(0);
            }
            assertEquals(List.of("read"), ran, "the read ran although the event re-added itself every turn");
            assertTrue(spins[0] <= 3, "one spin per turn, not a busy loop inside a turn: " + spins[0]);
        } finally {
            pipe.source().close();
            pipe.sink().close();
            loop.close();
        }
    }

    @Test
    void shouldNotWaitInSelectWhenEventsArePending() {
        loop.runOnce(0);
        loop.addEvent(record("event"), null, 0, null);
        final long start = System.nanoTime();
        loop.runOnce(10_000);
        assertEquals(List.of("event"), ran);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "the turn waited in select");
        loop.close();
    }

    @Test
    void shouldWaitInSelectOnlyUntilTheNextTimer() {
        final EventLoop real = new EventLoop(new EventLoopConfig().name("real-clock"));
        final List<String> seen = new ArrayList<>();
        real.runOnce(0);
        real.addTimerMillis(30, self -> seen.add("timer"), null, null);
        final long start = System.nanoTime();
        for (int i = 0; i < 50 && seen.isEmpty(); i++) {
            real.runOnce(10_000);
        }
        final long waited = System.nanoTime() - start;
        assertEquals(List.of("timer"), seen);
        assertTrue(waited >= Duration.ofMillis(29).toNanos(), "ran early: " + waited);
        assertTrue(waited < Duration.ofSeconds(5).toNanos(), "select did not end at the timer: " + waited);
        real.close();
    }

    @Test
    void shouldPassArgumentAndValueToTheTask() {
        final Object arg = new Object();
        final Object[] seen = new Object[2];
        loop.runOnce(0);
        loop.addEvent(self -> {
            seen[0] = self.arg();
            seen[1] = self.value();
        }, arg, 42, null);
        loop.runOnce(0);
        assertEquals(arg, seen[0]);
        assertEquals(42, seen[1]);
        loop.close();
    }

    @Test
    void shouldExecuteInlineAndAccountIt() {
        loop.runOnce(0);
        loop.addEvent(self -> {
            ran.add("before");
            loop.execute(Task.named("inline", s -> ran.add("inline " + s.value())), null, 7);
            ran.add("after");
        }, null, 0, new TaskHandle("outer"));
        loop.runOnce(0);
        assertEquals(List.of("before", "inline 7", "after"), ran);
        assertTrue(loop.taskStats().stream().anyMatch(s -> s.name().equals("inline") && s.calls() == 1
            && s.kinds().equals("X")));
        loop.close();
    }
}
