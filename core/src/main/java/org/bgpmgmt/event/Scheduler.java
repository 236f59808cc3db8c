package org.bgpmgmt.event;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop thread's half of {@link EventLoop}: the selector, the queues, the timer heap, the I/O
 * registrations, and the turn itself. Everything here is loop thread only; {@code EventLoop} keeps
 * the any-thread API and the lifecycle.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    final EventLoop loop;
    final IoRegistry io;
    final NanoClock clock;
    final Accounting accounting;
    private final long defaultYieldNanos;
    final TaskQueue events = new TaskQueue();
    final TaskQueue ioReady = new TaskQueue();
    final TaskQueue ready = new TaskQueue();
    final Timers timers = new Timers();
    private final HandlePool pool = new HandlePool();
    private final LoopSweep sweep = new LoopSweep(this);
    private final AtomicLong wakeups = new AtomicLong();
    private final WakeupFlag wakeupFlag = new WakeupFlag();
    final LoopPulse pulse = new LoopPulse();
    private Task lastTask;
    private TaskCounters lastRow;
    private long turnStart;
    private long taskStart;
    private long taskYieldNanos;
    private int running; // how many tasks are on the stack: more than 0 inside a task

    static Scheduler open(final EventLoop loop, final EventLoopConfig config) {
        try {
            return new Scheduler(loop, config);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector for loop " + config.name(), e);
        }
    }

    private Scheduler(final EventLoop loop, final EventLoopConfig config) throws IOException {
        this.loop = loop;
        this.io = new IoRegistry(ioReady);
        this.clock = config.clock();
        this.accounting = new Accounting(config);
        this.defaultYieldNanos = config.yieldNanos();
    }

    // ---------------------------------------------------------------- the turn (FRR event_fetch)

    /**
     * One turn: take in submissions and pending events, select, then run events, expired timers
     * and ready I/O, in that order. Nothing added during the turn runs in it.
     */
    void turn(final long maxWaitNanos) {
        drainSubmissions();
        ready.takeAll(events);
        select(ready.isEmpty() && loop.submissions.isEmpty() && !loop.shuttingDown() ? maxWaitNanos : 0);
        final long now = clock.nanoTime();
        turnStart = now;
        pulse.turnStarted(now);
        timers.expire(now, ready);
        ready.takeAll(ioReady);
        final long end = runReady(now);
        io.syncInterestOps();
        pulse.turnEnded(end - now, timers.size(), io.channels());
    }

    private void select(final long maxWaitNanos) {
        long wait = maxWaitNanos;
        if (wait > 0) {
            final long next = timers.nextDeadline(Long.MAX_VALUE);
            if (next != Long.MAX_VALUE) {
                wait = Math.min(wait, next - clock.nanoTime());
            }
        }
        try {
            if (wait <= 0) {
                io.selectNow();
                return;
            }
            // Tell adders on other threads to wake us; re-check the queue after saying so (they
            // check the flag after offering), so a submission is never left waiting out the select.
            wakeupFlag.raise();
            if (!loop.submissions.isEmpty()) {
                io.selectNow();
            } else {
                io.select(wait == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
            }
        } catch (IOException e) {
            LOG.error("{}: select failed", loop.name(), e);
        } finally {
            wakeupFlag.lower();
        }
    }

    private long runReady(final long now) {
        long start = now;
        TaskHandle h;
        while ((h = ready.poll()) != null) {
            if (!h.tryClaim(h.linkedSeq)) { // a CAS even when pooled: a rejected adder withdraws by cancel
                unlink(h); // cancelled or re-added from another thread since we linked it
                pool.recycle(h);
                continue;
            }
            unlink(h);
            final TaskCounters row = counters(h);
            accounting.checkStarved(row, start - turnStart, start);
            if (h.kind == TaskKind.TIMER) {
                accounting.checkLate(row, start - h.deadline, start);
            }
            accounting.taskStarting(row, start);
            invoke(h, row, start);
            final long end = clock.nanoTime();
            if (timers.settling()) {
                timers.settle(end);
            }
            accounting.taskRan(row, h.kind, end - start, false, end);
            start = end;
            pool.recycle(h);
        }
        accounting.turnEnded(start);
        return start;
    }

    private void invoke(final TaskHandle h, final TaskCounters row, final long start) {
        taskStart = start;
        taskYieldNanos = h.yieldNanos != 0 ? h.yieldNanos : defaultYieldNanos;
        if (running == 0) {
            pulse.taskBegan(row, h.kind, start); // what the watchdog sees
        }
        running++;
        try {
            h.task.run(h);
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
        h.owner = loop;
        h.task = task;
        h.arg = arg;
        h.value = value;
        runInline(h, TaskKind.EXECUTE);
    }

    /** Runs {@code h}'s task now, accounted as {@code kind}, keeping the outer task's slot. */
    private void runInline(final TaskHandle h, final TaskKind kind) {
        h.kind = kind;
        final TaskCounters row = counters(h);
        final long outerStart = taskStart;
        final long outerYield = taskYieldNanos;
        final boolean nested = running > 0;
        final long start = clock.nanoTime();
        if (!nested) {
            accounting.taskStarting(row, start);
        }
        invoke(h, row, start);
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

    boolean shouldYield() {
        return clock.nanoTime() - taskStart > taskYieldNanos;
    }

    private TaskCounters counters(final TaskHandle h) {
        if (h.name() == null) {
            // Handle-less tasks arrive on pooled handles with no cached row; most runs repeat the
            // previous task, so one remembered task saves the name lookup.
            final Task task = h.task;
            if (task != lastTask) {
                lastRow = accounting.row(task.name());
                lastTask = task;
            }
            return lastRow;
        }
        final String name = h.name();
        TaskCounters row = h.counters;
        if (row == null || row.name() != name) {
            row = accounting.row(name);
            h.counters = row;
        }
        return row;
    }

    // ---------------------------------------------------------------- linking

    /** Applies submissions from other threads: adds to link, cancels to unlink, commands to run. */
    void drainSubmissions() {
        for (int n = loop.maxSubmissionsPerTurn(); n > 0; n--) {
            final TaskHandle h = loop.submissions.relaxedPoll();
            if (h == null) {
                return;
            }
            reconcile(h);
        }
    }

    void reconcile(final TaskHandle h) {
        final long w = h.word();
        final long seq = TaskHandle.seqOf(w);
        if (TaskHandle.stateOf(w) != TaskHandle.SCHEDULED || h.linkedSeq == seq) {
            if (TaskHandle.stateOf(w) != TaskHandle.SCHEDULED && h.isLinked()) {
                unlink(h);
                pool.recycle(h);
            }
            return;
        }
        if (h.reqKind == TaskKind.COMMAND) {
            if (h.tryClaim(seq)) {
                h.task = h.reqTask;
                runInline(h, TaskKind.COMMAND);
            }
            return;
        }
        if (h.pooled) {
            // Only its adder ever wrote it, before the queue's release: no race to guard against.
            linkAs(h, seq, h.reqKind, h.reqTask, h.reqArg, h.reqValue, h.reqChannel, h.reqDeadline);
            return;
        }
        // Seqlock read: the request fields are stable only if the word did not move meanwhile.
        final TaskKind kind = h.reqKind;
        final Task task = h.reqTask;
        final Object arg = h.reqArg;
        final int value = h.reqValue;
        final SelectableChannel channel = h.reqChannel;
        final long deadline = h.reqDeadline;
        VarHandle.acquireFence();
        if (h.isLinked()) {
            unlink(h);
        }
        if (h.word() != w) {
            return; // cancelled or re-armed meanwhile; the newer submission (if any) follows
        }
        linkAs(h, seq, kind, task, arg, value, channel, deadline);
    }

    /** Links a handle the loop thread itself just armed. */
    void link(final TaskHandle h, final long seq) {
        if (h.isLinked()) {
            unlink(h); // a stale link left by a cancel from another thread not yet drained
        }
        linkAs(h, seq, h.reqKind, h.reqTask, h.reqArg, h.reqValue, h.reqChannel, h.reqDeadline);
    }

    /** Whether a timer added now is due after the running task ends (see {@link Timers}). */
    boolean inTask() {
        return running > 0;
    }

    /** The start of the running task: the provisional base of the deadline of a timer it adds. */
    long taskStart() {
        return taskStart;
    }

    /**
     * Links a timer the running task just armed, whose provisional deadline is the task's start
     * plus the delay: it becomes due that delay after the task ends.
     */
    void linkTimerAfterTask(final TaskHandle h, final long seq) {
        if (h.isLinked()) {
            unlink(h);
        }
        h.kind = TaskKind.TIMER;
        h.task = h.reqTask;
        h.arg = h.reqArg;
        h.value = 0;
        h.channel = null;
        h.linkedSeq = seq;
        timers.addAfterTask(h, h.reqDeadline - taskStart);
    }

    private void linkAs(final TaskHandle h, final long seq, final TaskKind kind, final Task task, final Object arg,
                        final int value, final SelectableChannel channel, final long deadline) {
        h.kind = kind;
        h.task = task;
        h.arg = arg;
        h.value = value;
        h.channel = channel;
        h.deadline = deadline;
        h.linkedSeq = seq;
        switch (kind) {
            case EVENT:
                events.add(h);
                break;
            case TIMER:
                timers.add(h);
                break;
            default:
                linkIo(h, seq);
        }
    }

    private void linkIo(final TaskHandle h, final long seq) {
        try {
            io.fill(h);
        } catch (RuntimeException | ClosedChannelException e) {
            h.linkedSeq = TaskHandle.NOT_LINKED;
            h.tryClaim(seq);
            if (loop.inLoop() && e instanceof RuntimeException && !(e instanceof CancelledKeyException)) {
                throw (RuntimeException) e;
            }
            LOG.warn("{}: dropped {} task {} on {}: {}", loop.name(), h.kind, h, h.channel, e.toString());
        }
    }

    /** Removes {@code h} from whichever queue, heap or slot holds it. */
    void unlink(final TaskHandle h) {
        if (h.queue != null) {
            h.queue.remove(h);
        }
        if (h.heapIndex >= 0) {
            timers.remove(h);
        }
        if (h.registration != null) {
            io.clear(h);
        }
        h.linkedSeq = TaskHandle.NOT_LINKED;
    }

    void unlinkCancelled(final TaskHandle h) {
        if (h.isLinked()) {
            unlink(h);
        }
        pool.recycle(h);
    }

    HandlePool pool() {
        return pool;
    }

    LoopSweep sweep() { // bulk cancellation and the stop sequence
        return sweep;
    }

    List<TaskStats> taskStats() {
        accounting.flush(clock.nanoTime()); // show every finished run, not only those of past turns
        return accounting.snapshot();
    }

    boolean cpuTiming() {
        return accounting.cpuTiming();
    }

    long turns() {
        return pulse.turns();
    }

    long wakeups() {
        return wakeups.get();
    }

    IoRegistration registrationOf(final SelectableChannel channel) {
        return io.registrationOf(channel);
    }

    boolean selectorOpen() {
        return io.isOpen();
    }

    void wakeup() {
        wakeups.incrementAndGet();
        io.wakeup();
    }

    void wakeupIfSelecting() {
        if (wakeupFlag.claim()) {
            wakeups.incrementAndGet();
            io.wakeup();
        }
    }
}
