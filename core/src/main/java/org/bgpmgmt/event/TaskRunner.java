package org.bgpmgmt.event;

/**
 * Runs tasks and accounts for them (FRR {@code event_call}): the turn's ready tasks in order, runs
 * of bare events, and work run inline ({@link EventLoop#execute}, commands). It knows which task is
 * running and since when, for {@link EventLoop#shouldYield} and for timers added from a task.
 *
 * <p>Loop thread only.
 */
final class TaskRunner {
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

    /** Runs the turn's ready tasks, in order; returns the clock at the end of the last. */
    long runReady(final long now) {
        turnStart = now;
        long start = now;
        TaskHandle h;
        while ((h = ready.poll()) != null) {
            if (!h.tryClaim(h.linkedSeq)) {
                scheduler.unlink(h); // cancelled or re-added from another thread since we linked it
                pool.recycle(h);
                continue;
            }
            scheduler.unlink(h);
            if (h.task == BareEvents.RUN) {
                start = runBare(h, start);
                continue;
            }
            final TaskCounters row = counters(h);
            accounting.checkStarved(row, start - turnStart, start);
            if (h.kind == TaskKind.TIMER) {
                accounting.checkLate(row, start - h.deadline, start);
            }
            accounting.taskStarting(row, start);
            invoke(h, h.task, row, start);
            start = ended(row, h.kind, start, 1);
            pool.recycle(h);
        }
        accounting.turnEnded(start);
        return start;
    }

    /** After a top-level run (or group of runs) that began at {@code start}: reads the clock once. */
    private long ended(final TaskCounters row, final TaskKind kind, final long start, final int runs) {
        final long end = clock.nanoTime();
        if (timers.settling()) {
            timers.settle(end);
        }
        accounting.taskRan(row, kind, end - start, false, end, runs);
        return end;
    }

    /**
     * Runs the tasks of one run of bare events on its handle, grouping consecutive runs of one
     * short task under one clock read (see {@link BareEvents}).
     */
    private long runBare(final TaskHandle run, final long now) {
        int left = run.value;
        run.value = 0; // each task reads its own value: 0
        long start = now;
        while (left > 0) {
            final TaskCounters row = rowOf(bare.peek());
            final int most = row.shortRuns ? Math.min(left, BareEvents.GROUP) : 1;
            accounting.checkStarved(row, start - turnStart, start);
            accounting.taskStarting(row, start);
            int runs = 0;
            do {
                invoke(run, bare.poll(), row, start);
                runs++;
            } while (runs < most && rowOf(bare.peek()) == row);
            left -= runs;
            final long end = ended(row, TaskKind.EVENT, start, runs);
            row.shortRuns = end - start < runs * BareEvents.SHORT_RUN_NANOS;
            start = end;
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
