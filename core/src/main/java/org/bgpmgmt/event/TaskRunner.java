package org.bgpmgmt.event;

/**
 * Runs tasks and accounts for them (FRR {@code event_call}): the turn's ready tasks in order, runs
 * of bare events, and work run inline ({@link EventLoop#execute}, commands). It knows which task is
 * running and since when, for {@link EventLoop#shouldYield} and for timers added from a task.
 *
 * <p>Loop thread only.
 */
final class TaskRunner {
    /** The most runs of one task timed with one clock read. */
    static final int GROUP_RUNS = 64;
    /** The average run time under which a task's consecutive runs are timed as a group. */
    static final long SHORT_RUN_NANOS = 1_000;

    private final Scheduler scheduler;
    private final BareEvents bare;
    private final Accounting accounting;
    private final NanoClock clock;
    private final Timers timers;
    private final TaskQueue ready;
    private final HandlePool pool;
    private final LoopPulse pulse;
    private final long defaultYieldNanos;
    private Task lastTask;
    private TaskCounters lastRow;
    private long turnStart;
    private long taskStart;
    private long taskYieldNanos;
    private int running; // how many tasks are on the stack: more than 0 inside a task

    TaskRunner(final Scheduler scheduler, final BareEvents bare, final long defaultYieldNanos) {
        this.scheduler = scheduler;
        this.bare = bare;
        this.accounting = scheduler.accounting;
        this.clock = scheduler.clock;
        this.timers = scheduler.timers;
        this.ready = scheduler.ready;
        this.pool = scheduler.pool();
        this.pulse = scheduler.pulse;
        this.defaultYieldNanos = defaultYieldNanos;
    }

    /**
     * Runs the turn's ready tasks, in order; returns the clock at the end of the last. Consecutive
     * runs of one short task (same name and kind) are timed as a group, one clock read for up to
     * {@link #GROUP_RUNS} of them: a wall-clock read costs as much as a small task. A task is short
     * once a run or group of it averaged under {@link #SHORT_RUN_NANOS}; a group that was not short
     * bounds each of its runs from above, is checked against the hog thresholds as one, and sends
     * the task back to being timed run by run.
     */
    long runReady(final long now) {
        turnStart = now;
        long start = now;
        TaskHandle h = claimNext();
        while (h != null) {
            if (h.task == BareEvents.RUN) {
                start = runBare(h, start);
                h = claimNext();
                continue;
            }
            final TaskCounters row = counters(h);
            final TaskKind kind = h.kind;
            final int most = row.shortRuns ? GROUP_RUNS : 1;
            accounting.taskStarting(row, start);
            int runs = 0;
            do {
                accounting.checkStarved(row, start - turnStart, start);
                if (kind == TaskKind.TIMER) {
                    accounting.checkLate(row, start - h.deadline, start);
                }
                invoke(h, h.task, row, start);
                pool.recycle(h);
                runs++;
                h = claimNext();
            } while (runs < most && h != null && h.kind == kind && h.task != BareEvents.RUN && counters(h) == row);
            start = ended(row, kind, start, runs);
        }
        accounting.turnEnded(start);
        return start;
    }

    /** The next ready task, claimed and unlinked; skips those cancelled or re-added since linked. */
    private TaskHandle claimNext() {
        TaskHandle h;
        while ((h = ready.poll()) != null) {
            final boolean claimed = h.tryClaim(h.linkedSeq);
            scheduler.unlink(h);
            if (claimed) {
                return h;
            }
            pool.recycle(h);
        }
        return null;
    }

    /** After a top-level run or group of runs that began at {@code start}: reads the clock once. */
    private long ended(final TaskCounters row, final TaskKind kind, final long start, final int runs) {
        final long end = clock.nanoTime();
        if (timers.settling()) {
            timers.settle(end);
        }
        accounting.taskRan(row, kind, end - start, false, end, runs);
        row.shortRuns = end - start < runs * SHORT_RUN_NANOS;
        return end;
    }

    /** Runs the tasks of one run of bare events on its handle, grouped as in {@link #runReady}. */
    private long runBare(final TaskHandle run, final long now) {
        int left = run.value;
        run.value = 0; // each task reads its own value: 0
        long start = now;
        while (left > 0) {
            final TaskCounters row = rowOf(bare.peek());
            final int most = row.shortRuns ? Math.min(left, GROUP_RUNS) : 1;
            accounting.taskStarting(row, start);
            int runs = 0;
            do {
                accounting.checkStarved(row, start - turnStart, start);
                invoke(run, bare.poll(), row, start);
                runs++;
            } while (runs < most && rowOf(bare.peek()) == row);
            left -= runs;
            start = ended(row, TaskKind.EVENT, start, runs);
        }
        pool.recycle(run);
        return start;
    }

    private void invoke(final TaskHandle h, final Task task, final TaskCounters row, final long start) {
        taskStart = start;
        taskYieldNanos = h.yieldNanos != 0 ? h.yieldNanos : defaultYieldNanos;
        if (running == 0) {
            pulse.taskBegan(row, h.kind, start); // what the watchdog sees
        }
        running++;
        h.task = task;
        try {
            task.run(h);
        } catch (Exception e) {
            accounting.failed(row, e, start);
        } catch (Error e) {
            accounting.failed(row, e, start);
            throw e;
        } finally {
            if (--running == 0) {
                pulse.taskEnded();
            }
        }
    }

    void execute(final Task task, final Object arg, final int value) {
        final TaskHandle h = pool.take();
        h.owner = scheduler.loop;
        h.task = task;
        h.arg = arg;
        h.value = value;
        runInline(h, TaskKind.EXECUTE);
    }

    /** Runs {@code h}'s task now, accounted as {@code kind}, keeping the outer task's slot. */
    void runInline(final TaskHandle h, final TaskKind kind) {
        h.kind = kind;
        final TaskCounters row = counters(h);
        final long outerStart = taskStart;
        final long outerYield = taskYieldNanos;
        final boolean nested = running > 0;
        final long start = clock.nanoTime();
        if (!nested) {
            accounting.taskStarting(row, start);
        }
        invoke(h, h.task, row, start);
        final long end = clock.nanoTime();
        if (timers.settling()) {
            timers.settle(end);
        }
        accounting.taskRan(row, kind, end - start, nested, end);
        taskStart = outerStart;
        taskYieldNanos = outerYield;
        h.task = null;
        h.arg = null;
        pool.recycle(h);
    }

    /** Whether a timer added now is due after the running task ends (see {@link Timers}). */
    boolean inTask() {
        return running > 0;
    }

    /** The start of the running task: the provisional base of the deadline of a timer it adds. */
    long taskStart() {
        return taskStart;
    }

    boolean shouldYield() {
        return clock.nanoTime() - taskStart > taskYieldNanos;
    }

    private TaskCounters counters(final TaskHandle h) {
        final String name = h.name();
        if (name == null) {
            return rowOf(h.task); // a pooled handle: the task names itself
        }
        TaskCounters row = h.counters;
        if (row == null || row.name() != name) {
            row = accounting.row(name);
            h.counters = row;
        }
        return row;
    }

    /** The row of a task that names itself; most runs repeat the previous task, so one is remembered. */
    private TaskCounters rowOf(final Task task) {
        if (task != lastTask) {
            lastRow = accounting.row(task.name());
            lastTask = task;
        }
        return lastRow;
    }
}
