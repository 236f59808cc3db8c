package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountingTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("acct").clock(clock)
        .warningInterval(Duration.ZERO));

    @AfterEach
    void close() {
        loop.close();
    }

    private TaskStats row(final String name) {
        return TaskRows.row(loop, name);
    }

    private void handleReader(final TaskHandle self) {
    }

    @Test
    void shouldNameTasksByHandleByNamedTaskOrReadably() {
        loop.runOnce(0);
        loop.addEvent(self -> { }, null, 0, new TaskHandle("bfd_dplane_read"));
        loop.addEvent(Task.named("named", self -> { }), null, 0, null);
        loop.addEvent(self -> { }, null, 0, null);
        loop.addEvent(this::handleReader, null, 0, null);
        loop.runOnce(0);
        final List<String> names = loop.taskStats().stream().map(TaskStats::name).toList();
        assertEquals(List.of("bfd_dplane_read", "lambda in AccountingTest", "named"), names);
        assertEquals(2, row("lambda in AccountingTest").calls());
        names.forEach(n -> assertFalse(n.contains("$$"), "synthetic name " + n));
    }

    @Test
    void shouldCountCallsAndWallTimeAndRenderTheTable() {
        loop.runOnce(0);
        final TaskHandle h = new TaskHandle("work");
        for (int i = 0; i < 3; i++) {
            loop.addEvent(self -> clock.advance(Duration.ofMillis(2)), null, 0, h);
            loop.runOnce(0);
        }
        final TaskStats work = row("work");
        assertEquals(3, work.calls());
        assertEquals(Duration.ofMillis(6).toNanos(), work.wall().totalNanos());
        assertEquals(Duration.ofMillis(2).toNanos(), work.wall().maxNanos());
        assertEquals("E", work.kinds());
        final String table = loop.showCpu();
        assertTrue(table.contains("Invoked"), table);
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("3 ") && l.endsWith(" work")), table);
    }

    @Test
    void shouldTimeCpuWhenEnabled() {
        // Real clocks: a task's CPU share is bounded by its wall time, which a manual clock keeps at 0.
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("acct-cpu"));
        loop.runOnce(0);
        loop.addEvent(self -> {
            long x = 0;
            for (int i = 0; i < 5_000_000; i++) {
                x += i * 31L ^ x;
            }
            self.loop().hashCode();
            if (x == 42) {
                throw new AssertionError();
            }
        }, null, 0, new TaskHandle("spin"));
        loop.runOnce(0);
        final TaskStats spin = loop.taskStats().stream().filter(s -> s.name().equals("spin")).findFirst().orElseThrow();
        loop.close();
        assertTrue(spin.cpu().totalNanos() > 0, "no CPU time recorded");
        assertTrue(spin.cpu().totalNanos() <= spin.wall().totalNanos(), "CPU share within wall time: " + spin);
    }

    @Test
    void shouldFlagBlockedTasksLateTimersAndStarvedWorkAndEmitJfr() throws Exception {
        final Path file = Files.createTempFile("slow-task", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("org.bgpmgmt.SlowTask");
            recording.start();
            loop.runOnce(0);
            loop.addEvent(self -> clock.advance(Duration.ofSeconds(6)), null, 0, new TaskHandle("blocker"));
            loop.addEvent(self -> { }, null, 0, new TaskHandle("starved"));
            loop.addTimerMillis(1, self -> { }, null, new TaskHandle("late"));
            loop.runOnce(0);
            loop.runOnce(0);
            recording.stop();
            recording.dump(file);
            assertEquals(1, row("blocker").faults().wallHogs());
            assertEquals(1, row("starved").faults().starved(), "waited 6 s behind the blocker");
            assertEquals(1, row("late").faults().late(), "a 1 ms timer ran 6 s late");
            final List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("org.bgpmgmt.SlowTask")
                && "blocker".equals(e.getString("task"))), "no JFR SlowTask event: " + events);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldTellALongTaskToYield() {
        final boolean[] answers = new boolean[3];
        loop.runOnce(0);
        loop.addEvent(self -> {
            answers[0] = loop.shouldYield();
            clock.advance(Duration.ofMillis(11));
            answers[1] = loop.shouldYield();
        }, null, 0, null);
        loop.addEvent(self -> {
            clock.advance(Duration.ofMillis(11));
            answers[2] = loop.shouldYield();
        }, null, 0, new TaskHandle("patient").yieldTime(Duration.ofMillis(50)));
        loop.runOnce(0);
        assertFalse(answers[0]);
        assertTrue(answers[1], "10 ms default slot used up");
        assertFalse(answers[2], "its own 50 ms slot is not used up");
    }

    @Test
    void shouldTimeConsecutiveRunsOfOneShortTimerAsGroupsAndTimeOthersAlone() {
        loop.runOnce(0);
        final Task tick = Task.named("tick", self -> clock.advance(100));
        final Task slow = Task.named("slow", self -> clock.advance(5_000));
        for (int i = 0; i < 200; i++) {
            loop.addTimerMillis(0, tick, null, null);
        }
        for (int i = 0; i < 10; i++) {
            loop.addTimerMillis(0, slow, null, null);
        }
        final long before = clock.reads();
        loop.runOnce(0);
        final long reads = clock.reads() - before;
        assertEquals(200, row("tick").calls());
        assertEquals(200 * 100, row("tick").wall().totalNanos());
        assertEquals(100, row("tick").wall().maxNanos());
        assertEquals(10, row("slow").calls());
        assertEquals(5_000, row("slow").wall().maxNanos(), "a task over 1 us is timed run by run");
        // tick: one read alone, then groups of 64 (4); slow: one read per run (10); the turn: a few.
        assertTrue(reads <= 1 + 4 + 10 + 4, "210 runs cost " + reads + " clock reads");
        assertTrue(reads >= 15, "the slow task's runs were grouped: " + reads + " clock reads");
    }
}
