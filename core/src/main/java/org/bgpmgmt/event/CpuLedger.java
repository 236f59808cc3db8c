package org.bgpmgmt.event;

import java.util.Arrays;

/**
 * Per-task CPU time without a thread-CPU clock read per task. On Linux that clock
 * ({@code CLOCK_THREAD_CPUTIME_ID}) is a system call with no vDSO shortcut, which used to cost a
 * quarter of a small task; the wall clock is cheap.
 *
 * <p><b>How.</b> Runs are written into a ledger with their wall time. The CPU clock is read only
 * to close a <em>segment</em> of the ledger, which holds the runs since the previous read:
 * <ul>
 *   <li>after a task whose wall time reached {@link #SEGMENT_NANOS};</li>
 *   <li>before a task when the open segment began {@link #SEGMENT_NANOS} or more ago (wall time,
 *       the loop's own work between tasks included) or already holds that much task wall time;</li>
 *   <li>at the end of a turn that ran tasks of more than one name (row of {@code show event cpu}),
 *       or holds {@link #SPAN_RUNS} entries (a run, or a group of runs of one short task);</li>
 *   <li>before a task of another name than the runs of a segment carried over from an earlier
 *       turn;</li>
 *   <li>when the figures are read ({@link #flush}).</li>
 * </ul>
 * So a segment carried across turns holds runs of one name only, and sharing its CPU among them
 * changes nothing in that row's totals: a loop that runs one task per turn, such as one busy
 * connection's read task, reads the CPU clock about once per millisecond instead of once per
 * turn. The CPU time a segment used is then shared out:
 * <ul>
 *   <li>a segment closed by a long task gives that task the segment's CPU up to its own wall
 *       time, and the tasks before it (which began less than {@link #SEGMENT_NANOS} of wall time
 *       before it) share what is left;</li>
 *   <li>otherwise every task gets the segment's CPU in proportion to its wall time;</li>
 *   <li>no task is given more CPU than its wall time; what is left over is the loop's own work
 *       between tasks (select, taking in submissions) and is not charged to any task.</li>
 * </ul>
 * So a busy loop reads the CPU clock at most about twice per turn instead of once per task, a
 * task that runs alone in its segment (every long task) is timed exactly, and a task that burns
 * more CPU than the hog threshold is always flagged: its own segment starts at most
 * {@link #SEGMENT_NANOS} of wall time before it, so it is charged at least its true CPU time
 * minus that much and at most its wall time, and whatever it burned is in the segment. Short
 * tasks sharing a segment get an estimate, exact when one of them dominates the segment.
 *
 * <p>Loop thread only.
 */
final class CpuLedger {
    /** The wall time after which a segment is closed: bounds the error of a hog's figure. */
    static final long SEGMENT_NANOS = 1_000_000;
    /** The runs after which a segment is closed at the end of a turn: it never grows for carrying. */
    static final int SPAN_RUNS = 32;

    private final NanoClock cpu;
    private final Accounting accounting;
    private TaskCounters[] rows = new TaskCounters[64];
    private TaskKind[] kinds = new TaskKind[64];
    private long[] walls = new long[64];
    private int[] runs = new int[64];
    private int size;
    private long segmentWall;
    private long segmentStart; // wall clock at the read that opened the segment
    private boolean mixed; // the segment holds runs of more than one row
    private boolean carried; // the segment was left open at the end of a turn
    private long cpuMark;
    private boolean marked;
    private long reads;

    CpuLedger(final NanoClock cpu, final Accounting accounting) {
        this.cpu = cpu;
        this.accounting = accounting;
    }

    /**
     * Before a top-level task of {@code row}: closes a segment that already spans enough wall
     * time, or one carried over from an earlier turn with runs of another row.
     */
    void beforeTask(final TaskCounters row, final long now) {
        if (!marked) {
            cpuMark = read(); // the first read happens on the loop thread, whose clock this is
            segmentStart = now;
            marked = true;
        } else if (now - segmentStart >= SEGMENT_NANOS || segmentWall >= SEGMENT_NANOS
            || carried && row != rows[0]) {
            close(now, false);
        }
    }

    /**
     * Writes down one run. A nested run ({@link EventLoop#execute} inside a task) is part of the
     * outer task's wall time, so it takes no part in the sharing and is charged at the same rate.
     */
    void ran(final TaskCounters row, final TaskKind kind, final long wallNanos, final boolean inner,
             final long end, final int count) {
        if (size == walls.length) {
            grow();
        }
        if (size > 0 && row != rows[0]) {
            mixed = true;
        }
        rows[size] = row;
        kinds[size] = kind;
        walls[size] = wallNanos;
        runs[size] = count;
        size++;
        if (!inner) {
            segmentWall += wallNanos;
            if (wallNanos >= SEGMENT_NANOS) {
                close(end, true);
            }
        }
    }

    /**
     * At the end of a turn: closes the open segment when it holds runs of more than one row, many
     * runs, or a millisecond's worth; else carries it into the next turn.
     */
    void endTurn(final long now) {
        if (size == 0) {
            return;
        }
        if (mixed || size >= SPAN_RUNS || now - segmentStart >= SEGMENT_NANOS) {
            close(now, false);
        } else {
            carried = true;
        }
    }

    /** Closes the open segment, if it holds anything: every run so far is accounted. */
    void flush(final long now) {
        if (size > 0) {
            close(now, false);
        }
    }

    long reads() {
        return reads;
    }

    private long read() {
        reads++;
        return cpu.nanoTime();
    }

    private void close(final long now, final boolean byLongTask) {
        final long mark = read();
        long cpuLeft = Math.max(0, mark - cpuMark);
        cpuMark = mark;
        long wallLeft = segmentWall;
        final int last = size - 1;
        long lastCpu = -1;
        if (byLongTask) {
            // The long task is the last entry and top level: it takes its share first.
            lastCpu = Math.min(walls[last], cpuLeft);
            cpuLeft -= lastCpu;
            wallLeft -= walls[last];
        }
        final double rate = wallLeft > 0 ? (double) cpuLeft / wallLeft : 0;
        for (int i = 0; i < size; i++) {
            final long cpuNanos = i == last && byLongTask ? lastCpu : Math.min(walls[i], (long) (walls[i] * rate));
            accounting.ran(rows[i], kinds[i], walls[i], cpuNanos, now, runs[i]);
            rows[i] = null;
        }
        size = 0;
        segmentWall = 0;
        segmentStart = now;
        mixed = false;
        carried = false;
    }

    private void grow() {
        final int n = walls.length * 2;
        rows = Arrays.copyOf(rows, n);
        kinds = Arrays.copyOf(kinds, n);
        walls = Arrays.copyOf(walls, n);
        runs = Arrays.copyOf(runs, n);
    }
}
