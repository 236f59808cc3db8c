package org.bgpmgmt.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What the loop publishes about itself for other threads, with no lock and no allocation: the turn
 * counter, when the last turn began, which task is running since when, the time spent in tasks,
 * and the sizes of the timer heap and the selector.
 *
 * <p>The loop thread is the only writer; every other thread reads. The running task is published
 * as a sequence lock: {@link #taskSeq} is odd while a task runs, and a reader that sees the same odd
 * value before and after reading the task's fields has a consistent view. On x86 each write is a
 * plain store, so the loop pays two stores per task and a few per turn, and the watchdog thread
 * that reads them costs the loop nothing.
 */
final class LoopPulse {
    /** The length of one utilization window. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    private static final VarHandle SEQ;
    private static final VarHandle LONG;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(LoopPulse.class, "taskSeq", long.class);
            LONG = MethodHandles.arrayElementVarHandle(long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int TURNS = 0;
    private static final int LAST_TURN = 1;
    private static final int BUSY = 2;
    private static final int TIMERS = 3;
    private static final int CHANNELS = 4;
    /** Utilization of the last closed window, in parts per million. */
    private static final int UTILIZATION_PPM = 5;
    private static final int SIZE = 6;

    private final long[] figures = new long[SIZE];
    private long taskSeq;
    private long taskStart;
    private TaskCounters taskRow;
    private TaskKind taskKind;
    /** Loop thread only: the window being measured. */
    private long windowStart = Long.MIN_VALUE;
    private long windowBusy;

    // ------------------------------------------------------------ writers (loop thread only)

    void turnStarted(final long now) {
        set(TURNS, figures[TURNS] + 1);
        set(LAST_TURN, now);
        if (windowStart == Long.MIN_VALUE) {
            windowStart = now;
            windowBusy = figures[BUSY];
        } else if (now - windowStart >= WINDOW_NANOS) {
            final long busy = figures[BUSY];
            set(UTILIZATION_PPM, Math.min(1_000_000, (busy - windowBusy) * 1_000_000 / (now - windowStart)));
            windowStart = now;
            windowBusy = busy;
        }
    }

    void turnEnded(final long busyNanos, final int timers, final int channels) {
        set(BUSY, figures[BUSY] + busyNanos);
        set(TIMERS, timers);
        set(CHANNELS, channels);
    }

    void taskBegan(final TaskCounters row, final TaskKind kind, final long start) {
        taskRow = row;
        taskKind = kind;
        taskStart = start;
        SEQ.setRelease(this, taskSeq + 1);
    }

    void taskEnded() {
        SEQ.setRelease(this, taskSeq + 1);
    }

    private void set(final int i, final long v) {
        LONG.setRelease(figures, i, v);
    }

    // ------------------------------------------------------------ readers (any thread)

    long get(final int i) {
        return (long) LONG.getAcquire(figures, i);
    }

    long turns() {
        return get(TURNS);
    }

    long lastTurnNanos() {
        return get(LAST_TURN);
    }

    long busyNanos() {
        return get(BUSY);
    }

    int timers() {
        return (int) get(TIMERS);
    }

    int channels() {
        return (int) get(CHANNELS);
    }

    /**
     * Returns busy time over wall time for the last closed window, or 1 when the running task has
     * held the loop a whole window already (a stall closes no window, so it would otherwise show
     * the figure from before it).
     */
    double utilization(final long now) {
        final RunningTask t = running();
        if (t != null && now - t.startNanos() >= WINDOW_NANOS) {
            return 1.0;
        }
        return get(UTILIZATION_PPM) / 1_000_000.0;
    }

    /** Returns the task running now, or null between tasks. Allocates; for readers only. */
    RunningTask running() {
        for (int tries = 0; tries < 4; tries++) {
            final long seq = (long) SEQ.getAcquire(this);
            if ((seq & 1) == 0) {
                return null;
            }
            final TaskCounters row = taskRow;
            final TaskKind kind = taskKind;
            final long start = taskStart;
            VarHandle.acquireFence();
            if ((long) SEQ.getAcquire(this) == seq && row != null) {
                return new RunningTask(seq >>> 1, row.name(), kind, start);
            }
        }
        return null; // tasks are turning over fast: nothing is stuck
    }

    /**
     * One run of a task, as seen from another thread.
     *
     * @param id which top-level run this is, counted from 0; a stall is reported once per id
     * @param name the task's accounting name
     * @param kind its kind
     * @param startNanos when it began, on the loop's clock
     */
    record RunningTask(long id, String name, TaskKind kind, long startNanos) {
    }
}
