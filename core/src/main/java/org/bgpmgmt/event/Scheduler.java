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
 * registrations, and the turn itself; {@link TaskRunner} runs the tasks and accounts for them.
 * Everything here is loop thread only; {@code EventLoop} keeps the any-thread API and the lifecycle.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    final EventLoop loop;
    final IoRegistry io;
    final NanoClock clock;
    final Accounting accounting;
    final TaskQueue events = new TaskQueue();
    final TaskQueue ioReady = new TaskQueue();
    final TaskQueue ready = new TaskQueue();
    final Timers timers = new Timers();
    private final HandlePool pool = new HandlePool();
    private final BareEvents bare = new BareEvents();
    private final LoopSweep sweep = new LoopSweep(this);
    private final AtomicLong wakeups = new AtomicLong();
    private final WakeupFlag wakeupFlag = new WakeupFlag();
    final LoopPulse pulse = new LoopPulse();
    final TaskRunner runner;
    private final long idleSpinNanos;
    /** Whether the last drain took anything in: the idle spin runs only then. */
    private boolean tookSubmissions;
    /** How many idle spins began; read by tests to add while the loop spins. */
    private volatile long idleSpins;

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
        this.runner = new TaskRunner(this, bare, config.yieldNanos());
        this.idleSpinNanos = config.idleSpinNanos();
    }

    // ---------------------------------------------------------------- the turn (FRR event_fetch)

    /**
     * One turn: select, take in submissions and pending events, then run events, expired timers
     * and ready I/O, in that order. Nothing added during the turn runs in it.
     *
     * <p>Submissions are taken in after the select, not before: the submission that woke the
     * loop then runs in the turn it woke, rather than in a second turn behind another select.
     */
    void turn(final long maxWaitNanos) {
        select(events.isEmpty() && loop.submissions.isEmpty() && !loop.shuttingDown() ? maxWaitNanos : 0);
        drainSubmissions();
        ready.takeAll(events);
        final long now = clock.nanoTime();
        pulse.turnStarted(now);
        timers.expire(now, ready);
        ready.takeAll(ioReady);
        final long end = runner.runReady(now);
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
            // Spin only while other threads are handing work over: a loop fed by I/O alone would
            // spend the spin on work it cannot see, and its ready I/O would wait it out.
            if (wait > 0 && tookSubmissions && idleSpinNanos > 0
                && inboxFilledWithin(Math.min(wait, idleSpinNanos))) {
                wait = 0;
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

    /**
     * Polls the inbox for up to {@code nanos} before the loop blocks ({@link EventLoopConfig#idleSpin}).
     * The bound is real time, not the loop's clock: it limits CPU spent, and a manual clock that
     * never moves must not turn it into a hang.
     */
    private boolean inboxFilledWithin(final long nanos) {
        final long end = System.nanoTime() + nanos;
        idleSpins = idleSpins + 1; // loop thread only
        do {
            Thread.onSpinWait();
            if (!loop.submissions.isEmpty()) {
                return true;
            }
        } while (System.nanoTime() - end < 0);
        return false;
    }

    // ---------------------------------------------------------------- linking

    /** Applies submissions from other threads: adds to link, cancels to unlink, commands to run. */
    void drainSubmissions() {
        final int max = loop.maxSubmissionsPerTurn();
        int n = max;
        for (; n > 0; n--) {
            final Object e = loop.submissions.relaxedPoll();
            if (e == null) {
                break;
            }
            takeIn(e);
        }
        tookSubmissions = n != max;
    }

    /** Applies one entry of the submission queue: an armed handle, or a bare event (see {@link BareEvents}). */
    void takeIn(final Object e) {
        if (e instanceof TaskHandle) {
            reconcile((TaskHandle) e);
        } else if (!bare.join((Task) e, events)) {
            final TaskHandle run = pool.take();
            run.owner = loop;
            final long seq = run.armExclusive();
            run.publish(seq);
            linkAs(run, seq, TaskKind.EVENT, BareEvents.RUN, null, 1, null, 0);
            bare.opened(run);
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
                runner.runInline(h, TaskKind.COMMAND);
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
        timers.addAfterTask(h, h.reqDeadline - runner.taskStart());
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

    BareEvents bare() {
        return bare;
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

    long idleSpins() {
        return idleSpins;
    }

    /** Tells whether the loop has said it is about to block or blocks in select (tests wait for it). */
    boolean wakeupFlagRaised() {
        return wakeupFlag.raised();
    }

    void wakeupIfSelecting() {
        if (wakeupFlag.claim()) {
            wakeups.incrementAndGet();
            io.wakeup();
        }
    }
}
