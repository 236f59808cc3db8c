package org.bgpmgmt.event;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-name task accounting and the loop's warnings (FRR {@code show event cpu}, "CPU HOG",
 * late timers, starvation).
 *
 * <p>Warnings of one class are rate-limited to one per interval; the counters count every case.
 * Loop thread only.
 */
final class Accounting {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final int SLOW = 0;
    private static final int LATE = 1;
    private static final int STARVED = 2;
    private static final int FAILED = 3;

    private final String loopName;
    private final HashMap<String, TaskCounters> rows = new HashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTiming;
    /** Null when CPU timing is off: then no CPU clock is ever read. */
    private final CpuLedger ledger;
    private final long cpuHogNanos;
    private final long wallHogNanos;
    private final long lateNanos;
    private final long starvationNanos;
    private final long intervalNanos;
    private final long[] lastWarning = new long[4];
    private final boolean[] warned = new boolean[4];
    private final long[] suppressed = new long[4];

    Accounting(final EventLoopConfig config) {
        this.loopName = config.name();
        final NanoClock cpuClock = config.cpuClock() != null ? config.cpuClock()
            : threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime : null;
        this.cpuTiming = config.cpuTiming() && cpuClock != null;
        this.ledger = cpuTiming ? new CpuLedger(cpuClock, this) : null;
        this.cpuHogNanos = config.cpuHogNanos();
        this.wallHogNanos = config.wallHogNanos();
        this.lateNanos = config.lateTimerNanos();
        this.starvationNanos = config.starvationNanos();
        this.intervalNanos = config.warningIntervalNanos();
    }

    TaskCounters row(final String name) {
        TaskCounters row = rows.get(name);
        if (row == null) {
            row = new TaskCounters(name);
            rows.put(name, row);
        }
        return row;
    }

    /** Before a top-level task of {@code row} starts (a task of the turn, or work run between turns). */
    void taskStarting(final TaskCounters row, final long now) {
        if (ledger != null) {
            ledger.beforeTask(row, now);
        }
    }

    /**
     * After a run: accounts it now when CPU timing is off, else writes it into the ledger, which
     * accounts it with its CPU share when its segment closes (by the end of the turn).
     */
    void taskRan(final TaskCounters row, final TaskKind kind, final long wallNanos, final boolean nested,
                 final long end) {
        taskRan(row, kind, wallNanos, nested, end, 1);
    }

    /** {@link #taskRan} for {@code runs} runs of one task timed as a group (see {@link BareEvents}). */
    void taskRan(final TaskCounters row, final TaskKind kind, final long wallNanos, final boolean nested,
                 final long end, final int runs) {
        if (ledger != null) {
            ledger.ran(row, kind, wallNanos, nested, end, runs);
        } else {
            ran(row, kind, wallNanos, 0, end, runs);
        }
    }

    /**
     * At the end of a turn: runs so far are accounted with their CPU share, except those of a
     * segment the ledger carries into the next turn (see {@link CpuLedger}).
     */
    void turnEnded(final long now) {
        if (ledger != null) {
            ledger.endTurn(now);
        }
    }

    /** Accounts every run so far, with its CPU share: before the figures are read, and at the stop. */
    void flush(final long now) {
        if (ledger != null) {
            ledger.flush(now);
        }
    }

    long cpuClockReads() {
        return ledger == null ? 0 : ledger.reads();
    }

    /**
     * Records a run (or a group of runs, whose time bounds each of them) and flags it when over a
     * threshold.
     */
    void ran(final TaskCounters row, final TaskKind kind, final long wallNanos, final long cpuNanos,
             final long now, final int runs) {
        row.record(kind, wallNanos, cpuNanos, runs);
        final boolean cpuHog = cpuNanos > cpuHogNanos;
        if (!cpuHog && wallNanos <= wallHogNanos) {
            return;
        }
        if (cpuHog) {
            row.cpuHogs++;
        } else {
            row.wallHogs++;
        }
        if (allowed(SLOW, now)) {
            LOG.warn("{}: {} task {} ran {} ms wall, {} ms cpu (threshold {} ms){}", loopName,
                cpuHog ? "CPU HOG:" : "slow (blocked?):", row.name(), wallNanos / 1_000_000,
                cpuNanos / 1_000_000, (cpuHog ? cpuHogNanos : wallHogNanos) / 1_000_000, suppressedNote(SLOW));
        }
        final SlowTaskEvent event = new SlowTaskEvent();
        if (event.isEnabled()) {
            event.loop = loopName;
            event.task = row.name();
            event.kind = String.valueOf(kind.code());
            event.wallTime = wallNanos;
            event.cpuTime = cpuNanos;
            event.commit();
        }
    }

    void checkStarved(final TaskCounters row, final long waitedNanos, final long now) {
        if (waitedNanos <= starvationNanos) {
            return;
        }
        row.starved++;
        if (allowed(STARVED, now)) {
            LOG.warn("{}: ready task {} waited {} ms to run (bound {} ms){}", loopName, row.name(),
                waitedNanos / 1_000_000, starvationNanos / 1_000_000, suppressedNote(STARVED));
        }
    }

    void checkLate(final TaskCounters row, final long lateByNanos, final long now) {
        if (lateByNanos <= lateNanos) {
            return;
        }
        row.late++;
        if (allowed(LATE, now)) {
            LOG.warn("{}: timer {} ran {} ms late (bound {} ms){}", loopName, row.name(),
                lateByNanos / 1_000_000, lateNanos / 1_000_000, suppressedNote(LATE));
        }
    }

    void failed(final TaskCounters row, final Throwable failure, final long now) {
        row.errors++;
        if (allowed(FAILED, now)) {
            LOG.warn("{}: task {} failed{}", loopName, row.name(), suppressedNote(FAILED), failure);
        }
    }

    private boolean allowed(final int kind, final long now) {
        if (warned[kind] && now - lastWarning[kind] < intervalNanos) {
            suppressed[kind]++;
            return false;
        }
        warned[kind] = true;
        lastWarning[kind] = now;
        return true;
    }

    private String suppressedNote(final int kind) {
        final long n = suppressed[kind];
        suppressed[kind] = 0;
        return n == 0 ? "" : " (" + n + " similar warnings suppressed)";
    }

    List<TaskStats> snapshot() {
        final List<TaskStats> out = new ArrayList<>(rows.size());
        for (TaskCounters row : rows.values()) {
            if (row.calls > 0) { // a row is made when its first run starts: show it once it has run
                out.add(row.snapshot());
            }
        }
        out.sort(Comparator.comparing(TaskStats::name));
        return out;
    }

    void reset() {
        for (TaskCounters row : rows.values()) {
            row.clear(); // not rows.clear(): handles cache their row, which would then count unseen
        }
    }

    /** Renders the rows as a table in the spirit of FRR's {@code show event cpu}. */
    static String render(final String loopName, final boolean cpuTiming, final List<TaskStats> rows) {
        final StringBuilder sb = new StringBuilder(256 + rows.size() * 120);
        sb.append("Event statistics for ").append(loopName)
            .append(cpuTiming ? "" : " (CPU timing off)").append(":\n\n");
        sb.append(String.format(Locale.ROOT, "%12s %10s %10s %10s %10s %10s %6s %5s %5s %5s %5s %-5s %s%n",
            "Invoked", "Total ms", "CPU avg us", "CPU max us", "Wall avg us", "Wall max us",
            "Errors", "CPU!", "Wall!", "Starv", "Late", "Type", "Task"));
        for (TaskStats r : rows) {
            final long calls = Math.max(1, r.calls());
            final TaskStats.Timing cpu = r.cpu();
            final TaskStats.Timing wall = r.wall();
            final TaskStats.Faults f = r.faults();
            sb.append(String.format(Locale.ROOT, "%12d %10d %10d %10d %10d %10d %6d %5d %5d %5d %5d %-5s %s%n",
                r.calls(), (cpuTiming ? cpu.totalNanos() : wall.totalNanos()) / 1_000_000,
                cpu.totalNanos() / calls / 1000, cpu.maxNanos() / 1000,
                wall.totalNanos() / calls / 1000, wall.maxNanos() / 1000,
                f.errors(), f.cpuHogs(), f.wallHogs(), f.starved(), f.late(), r.kinds(), r.name()));
        }
        return sb.toString();
    }

    boolean cpuTiming() {
        return cpuTiming;
    }
}
