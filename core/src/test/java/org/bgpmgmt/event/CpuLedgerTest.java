package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CPU accounting on two manual clocks: the loop's wall clock and the loop thread's CPU clock. */
class CpuLedgerTest {
    private final ManualClock wall = new ManualClock();
    private final ManualClock cpu = new ManualClock();
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("ledger").clock(wall).cpuClock(cpu)
        .cpuHogThreshold(Duration.ofSeconds(5)).wallHogThreshold(Duration.ofSeconds(60))
        .warningInterval(Duration.ZERO));

    @AfterEach
    void close() {
        loop.close();
    }

    private TaskStats row(final String name) {
        return TaskRows.row(loop, name);
    }

    /** A task that takes {@code wallMicros} of wall time, of which it spends {@code cpuMicros} on CPU. */
    private Task burn(final long wallMicros, final long cpuMicros) {
        return self -> {
            wall.advance(Duration.ofNanos(wallMicros * 1000));
            cpu.advance(cpuMicros * 1000);
        };
    }

    @Test
    void shouldReadTheCpuClockAboutTwicePerTurnNotOncePerTask() {
        loop.runOnce(0);
        final long before = cpu.reads();
        for (int i = 0; i < 50; i++) {
            loop.addEvent(burn(10, 5), null, 0, new TaskHandle("short-" + (i % 5)));
        }
        loop.runOnce(0);
        assertTrue(cpu.reads() - before <= 2, "50 short tasks cost " + (cpu.reads() - before) + " CPU clock reads");
        assertEquals(50, loop.taskStats().stream().mapToLong(TaskStats::calls).sum());
    }

    @Test
    void shouldShareATurnsCpuByWallTime() {
        loop.runOnce(0);
        loop.addEvent(burn(100, 30), null, 0, new TaskHandle("a"));
        loop.addEvent(burn(200, 60), null, 0, new TaskHandle("b"));
        loop.addEvent(burn(300, 210), null, 0, new TaskHandle("c"));
        loop.runOnce(0);
        // 300 us of CPU over 600 us of wall: each is charged half its wall time.
        assertEquals(50_000, row("a").cpu().totalNanos());
        assertEquals(100_000, row("b").cpu().totalNanos());
        assertEquals(150_000, row("c").cpu().totalNanos());
    }

    @Test
    void shouldTimeALongTaskExactlyAndCatchACpuHogBehindBlockedTasks() {
        loop.runOnce(0);
        // Blocked tasks before the hog hold wall time but burn nothing: they must not dilute it.
        for (int i = 0; i < 20; i++) {
            loop.addEvent(burn(900, 0), null, 0, new TaskHandle("blocked"));
        }
        loop.addEvent(burn(6_000_000, 5_500_000), null, 0, new TaskHandle("hog"));
        loop.addEvent(burn(2_000_000, 0), null, 0, new TaskHandle("sleeper"));
        loop.runOnce(0);
        final TaskStats hog = row("hog");
        assertEquals(1, hog.faults().cpuHogs(), "5.5 s of CPU over a 5 s threshold");
        assertEquals(5_500_000_000L, hog.cpu().maxNanos(), "a long task is timed exactly");
        assertEquals(0, row("blocked").cpu().totalNanos());
        assertEquals(0, row("sleeper").faults().cpuHogs());
        assertEquals(0, row("sleeper").cpu().totalNanos());
    }

    @Test
    void shouldNotFlagATaskUnderTheCpuThreshold() {
        loop.runOnce(0);
        loop.addEvent(burn(100, 100), null, 0, new TaskHandle("busy-before"));
        loop.addEvent(burn(5_000_000, 4_900_000), null, 0, new TaskHandle("heavy"));
        loop.runOnce(0);
        assertEquals(0, row("heavy").faults().cpuHogs());
        // The long task is charged first, up to its wall time: at most the 100 us before it too.
        assertEquals(4_900_100_000L, row("heavy").cpu().maxNanos());
        assertEquals(0, row("busy-before").cpu().totalNanos());
    }

    @Test
    void shouldNeverChargeATaskMoreCpuThanItsWallTime() {
        loop.runOnce(0);
        cpu.advance(1_000_000); // loop overhead between turns: nobody's task
        loop.addEvent(burn(10, 10), null, 0, new TaskHandle("tiny"));
        loop.runOnce(0);
        assertEquals(10_000, row("tiny").cpu().totalNanos());
    }

    @Test
    void shouldCarryASegmentOfOneTaskAcrossTurnsWithoutReadingTheCpuClock() {
        loop.runOnce(0);
        final TaskHandle reader = new TaskHandle("reader");
        loop.addEvent(burn(10, 4), null, 0, reader);
        loop.runOnce(0);
        final long afterFirst = cpu.reads();
        for (int i = 0; i < 9; i++) {
            loop.addEvent(burn(10, 4), null, 0, reader);
            loop.runOnce(0);
        }
        assertEquals(afterFirst, cpu.reads(), "one task per turn, 100 us of wall: the segment spans the turns");
        assertEquals(10, row("reader").calls());
        assertEquals(40_000, row("reader").cpu().totalNanos(), "reading the figures accounts every run");
    }

    @Test
    void shouldCloseACarriedSegmentBeforeATaskOfAnotherName() {
        loop.runOnce(0);
        loop.addEvent(burn(100, 100), null, 0, new TaskHandle("a"));
        loop.runOnce(0);
        loop.addEvent(burn(100, 0), null, 0, new TaskHandle("b"));
        loop.runOnce(0);
        // Had the two shared one segment, each would show 50 us.
        assertEquals(100_000, row("a").cpu().totalNanos());
        assertEquals(0, row("b").cpu().totalNanos());
    }

    @Test
    void shouldCloseACarriedSegmentOnceItSpansAMillisecond() {
        loop.runOnce(0);
        final TaskHandle reader = new TaskHandle("reader");
        final long[] reads = new long[3];
        for (int i = 0; i < 3; i++) {
            loop.addEvent(burn(10, 10), null, 0, reader);
            loop.runOnce(0);
            reads[i] = cpu.reads();
            wall.advance(Duration.ofNanos(600_000)); // the loop's own time between turns
        }
        assertEquals(reads[0], reads[1], "620 us after the segment began: still carried");
        assertEquals(reads[1] + 1, reads[2], "1.2 ms after it began: closed before the third run");
        assertEquals(30_000, row("reader").cpu().totalNanos());
    }

    @Test
    void shouldCountANamedTaskFromZeroAfterTheTableIsCleared() {
        loop.runOnce(0);
        final TaskHandle reader = new TaskHandle("reader");
        loop.addEvent(burn(10, 4), null, 0, reader);
        loop.runOnce(0); // the run sits in a segment carried into the next turn
        loop.clearCpu();
        loop.runOnce(0);
        assertTrue(loop.taskStats().stream().noneMatch(s -> s.name().equals("reader")),
            "a run from before the clear landed after it: " + loop.taskStats());
        loop.addEvent(burn(10, 4), null, 0, reader);
        loop.runOnce(0);
        assertEquals(1, row("reader").calls(), "the runs after the clear count from zero");
    }
}
