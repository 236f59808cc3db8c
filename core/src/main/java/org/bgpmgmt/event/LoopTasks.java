package org.bgpmgmt.event;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The any-thread task API of an {@link EventLoop}: adding, cancelling and submitting work, and the
 * hand-off that carries calls from other threads to the loop (an MPSC queue and a wakeup flag
 * that a burst of submitters sets off once). {@code EventLoop} adds the thread, the life cycle and
 * the figures; this is its only subclass.
 *
 * <p>From another thread, a bare event (no handle, argument or value; every {@link #submit}) crosses
 * as the task alone, one queue slot and no handle (see {@link BareEvents}); anything else as its handle.
 */
abstract sealed class LoopTasks permits EventLoop {
    final String name;
    final NanoClock clock;
    final Scheduler scheduler;
    final LoopLifecycle lifecycle;
    final Duration shutdownTimeout;
    final int maxSubmissionsPerTurn;
    final SubmissionQueue submissions = new SubmissionQueue();

    LoopTasks(final EventLoopConfig config) {
        Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.clock = config.clock();
        this.lifecycle = new LoopLifecycle(name);
        this.shutdownTimeout = config.shutdownTimeout();
        this.maxSubmissionsPerTurn = config.maxSubmissionsPerTurn();
        this.scheduler = Scheduler.open((EventLoop) this, config);
    }

    /**
     * Tells whether the caller is the loop thread. Any thread.
     *
     * @return true on the loop thread
     */
    public boolean inLoop() {
        return lifecycle.inLoop();
    }

    /**
     * Adds a read task: {@code task} runs once when {@code channel} is readable (FRR
     * {@code event_add_read}). Any thread.
     *
     * @param channel the channel; made non-blocking and registered with this loop on first use
     * @param task the work
     * @param arg the argument the task reads with {@link TaskHandle#arg()}; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addRead(final SelectableChannel channel, final Task task, final Object arg,
                           final TaskHandle handle) {
        return addIo(TaskKind.READ, channel, task, arg, handle);
    }

    /**
     * Adds a write task: {@code task} runs once when {@code channel} is writable. Any thread.
     *
     * @param channel the channel
     * @param task the work
     * @param arg the task's argument; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addWrite(final SelectableChannel channel, final Task task, final Object arg,
                           final TaskHandle handle) {
        return addIo(TaskKind.WRITE, channel, task, arg, handle);
    }

    /**
     * Adds an accept task: {@code task} runs once when {@code channel} has a connection to accept.
     * Any thread.
     *
     * @param channel a server channel
     * @param task the work
     * @param arg the task's argument; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addAccept(final SelectableChannel channel, final Task task, final Object arg,
                           final TaskHandle handle) {
        return addIo(TaskKind.ACCEPT, channel, task, arg, handle);
    }

    /**
     * Adds a connect task: {@code task} runs once when a non-blocking connect on {@code channel}
     * can be finished with {@code finishConnect()}. Any thread.
     *
     * @param channel a socket channel with a connect in progress
     * @param task the work
     * @param arg the task's argument; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addConnect(final SelectableChannel channel, final Task task, final Object arg,
                           final TaskHandle handle) {
        return addIo(TaskKind.CONNECT, channel, task, arg, handle);
    }

    /**
     * Adds a timer due in {@code delayMillis} milliseconds (FRR {@code event_add_timer_msec}); a
     * non-positive delay runs on the next turn. Equal deadlines run in the order added. Any thread.
     *
     * <p><b>Never early.</b> Added from a running task, the delay counts from the end of that task
     * (the loop reads its clock there anyway), so the add reads no clock and the timer is late by at
     * most the rest of the adding task, never early; added from another thread or between turns,
     * it counts from the add. A timer runs in the first turn whose clock reading is at or past its
     * deadline. {@link TaskHandle#remainingNanos()} counts from the adding task's start until that
     * task ends.
     *
     * @param delayMillis the delay
     * @param task the work
     * @param arg the task's argument; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addTimerMillis(final long delayMillis, final Task task, final Object arg,
                                  final TaskHandle handle) {
        return addTimerNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis), task, arg, handle);
    }

    /**
     * Adds a timer due in {@code delaySeconds} seconds (FRR {@code event_add_timer}), counted as
     * {@link #addTimerMillis} counts. Any thread.
     *
     * @param delaySeconds the delay
     * @param task the work
     * @param arg the task's argument; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addTimerSeconds(final long delaySeconds, final Task task, final Object arg,
                                   final TaskHandle handle) {
        return addTimerNanos(TimeUnit.SECONDS.toNanos(delaySeconds), task, arg, handle);
    }

    /**
     * Adds a timer due after {@code delay} (FRR {@code event_add_timer_tv}), counted as
     * {@link #addTimerMillis} counts. Any thread.
     *
     * @param delay the delay
     * @param task the work
     * @param arg the task's argument; may be null
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addTimer(final Duration delay, final Task task, final Object arg, final TaskHandle handle) {
        return addTimerNanos(delay.toNanos(), task, arg, handle);
    }

    private boolean addTimerNanos(final long delayNanos, final Task task, final Object arg, final TaskHandle handle) {
        // From a running task the delay counts from the task's end (see Timers): no clock read here.
        final long base = inLoop() && scheduler.runner.inTask() ? scheduler.runner.taskStart() : clock.nanoTime();
        return add(TaskKind.TIMER, null, base + Math.max(0, delayNanos), task, arg, 0, handle);
    }

    /**
     * Adds an event: {@code task} runs on the next turn (FRR {@code event_add_event}). Any thread.
     *
     * @param task the work
     * @param arg the task's argument; may be null
     * @param value an int the task reads with {@link TaskHandle#value()}
     * @param handle a reusable handle, or null
     * @return true if scheduled, false if {@code handle} was already scheduled
     * @throws RejectedExecutionException when the loop is shut down
     */
    public boolean addEvent(final Task task, final Object arg, final int value, final TaskHandle handle) {
        return add(TaskKind.EVENT, null, 0, task, arg, value, handle);
    }

    /**
     * Runs {@code task} now, inline, and accounts it like any other task (FRR
     * {@code event_execute}). Loop thread only.
     *
     * @param task the work
     * @param arg the task's argument; may be null
     * @param value the task's int value
     * @throws IllegalStateException when called from another thread
     */
    public void execute(final Task task, final Object arg, final int value) {
        Objects.requireNonNull(task, "task");
        requireLoopThread("execute");
        scheduler.runner.execute(task, arg, value);
    }

    /**
     * Runs {@code work} on the loop thread, as an event accounted under the name
     * {@code "submit: "} followed by the callable's class name (e.g. {@code submit: lambda in
     * MyDaemon}), and returns a future for its outcome. Any thread; it never blocks.
     *
     * <p>The future always completes: with the work's result; exceptionally with the work's
     * exception; or exceptionally with a {@link RejectedExecutionException} when the loop is shut
     * down before the work runs (work accepted before {@link EventLoop#shutdown} runs in the
     * loop's last turn). Cancelling the future before the work starts skips the work. Dependent stages run on
     * the thread that completes the future, usually the loop thread: keep them short or use the
     * {@code ...Async} variants. Waiting on the future from a loop thread would stall that loop;
     * see {@link #inAnyLoop()}.
     *
     * @param work the work; runs once
     * @param <T> the result type
     * @return the future of the work's outcome
     */
    public <T> CompletableFuture<T> submit(final Callable<T> work) {
        return submitAs(TaskKind.EVENT, Objects.requireNonNull(work, "work"));
    }

    /** {@link #submit} from another thread, run as soon as the loop takes in submissions. */
    private <T> CompletableFuture<T> submitCommand(final Callable<T> work) {
        assert !inLoop() : "a command from the loop thread would be linked as I/O";
        return submitAs(TaskKind.COMMAND, work);
    }

    private <T> CompletableFuture<T> submitAs(final TaskKind kind, final Callable<T> work) {
        final Submission<T> submission = new Submission<>(work);
        try {
            add(kind, null, 0, submission, null, 0, null);
        } catch (RejectedExecutionException e) {
            submission.reject(e);
        }
        return submission.future();
    }

    /**
     * Tells whether the calling thread drives any {@code EventLoop} that has not stopped (through
     * {@link EventLoop#run}, {@link EventLoop#runOnce} or {@link EventLoop#start}). Blocking
     * conveniences use it to refuse to wait on a loop thread. Any thread.
     *
     * @return true on a loop thread
     */
    public static boolean inAnyLoop() {
        return LoopLifecycle.inAnyLoop();
    }

    /**
     * Cancels the task scheduled on {@code handle} (FRR {@code event_cancel}). Any thread. When
     * this returns true the task will not start; when it returns false the task was not scheduled,
     * or has already started.
     *
     * @param handle the handle; null is allowed and returns false
     * @return true if this call cancelled a scheduled task
     */
    public boolean cancel(final TaskHandle handle) {
        if (handle == null) {
            return false;
        }
        if (!handle.tryCancel()) {
            return false;
        }
        final EventLoop loop = handle.owner;
        if (loop.inLoop()) {
            loop.scheduler.unlinkCancelled(handle);
        } else {
            loop.submissions.offer(handle); // unlinked next turn, or by the stop sweep if refused
        }
        return true;
    }

    /**
     * Cancels every scheduled task whose argument is {@code arg} (FRR {@code event_cancel_event}),
     * the way to tear down all that belongs to one connection. Any thread: from another thread the
     * request travels through {@link #submit}, is applied before the loop's next turn runs anything
     * else, and this method waits for it up to the configured shutdown timeout (FRR
     * {@code event_cancel_async}). It returns -1 without waiting (the cancellation still happens,
     * at the loop's next turn) when the loop has not started yet or when the caller drives another
     * loop, whose thread must never wait on this one; and -1 when the wait times out.
     *
     * @param arg the argument to match by identity; must not be null
     * @return how many tasks were cancelled (0 once the loop has stopped), or -1 as described
     */
    public int cancelByArg(final Object arg) {
        Objects.requireNonNull(arg, "arg");
        if (inLoop()) {
            return scheduler.sweep().cancelByArg(arg);
        }
        if (lifecycle.terminated()) {
            return 0; // the shutdown sweep cancelled everything
        }
        // A command, not an event: applied while the turn takes in submissions, before it runs anything.
        final CompletableFuture<Integer> done = submitCommand(() -> scheduler.sweep().cancelByArg(arg));
        if (!lifecycle.hasThread() || inAnyLoop()) {
            return -1;
        }
        final Integer n = awaitLoop(done, null);
        return n == null ? (lifecycle.terminated() ? 0 : -1) : n;
    }

    /**
     * Tells the running task whether its time slot (default 10 ms, or its handle's
     * {@link TaskHandle#yieldTime}) is used up (FRR {@code event_should_yield}). Loop thread only.
     *
     * @return true when the task should re-add itself and return
     */
    public boolean shouldYield() {
        requireLoopThread("shouldYield");
        return scheduler.runner.shouldYield();
    }

    private boolean addIo(final TaskKind kind, final SelectableChannel channel, final Task task, final Object arg,
                          final TaskHandle handle) {
        Objects.requireNonNull(channel, "channel");
        if (!channel.isOpen()) {
            throw new IllegalArgumentException("cannot add a " + kind + " task on a closed channel: " + channel);
        }
        return add(kind, channel, 0, task, arg, 0, handle);
    }

    private boolean add(final TaskKind kind, final SelectableChannel channel, final long deadline, final Task task,
                        final Object arg, final int value, final TaskHandle handle) {
        Objects.requireNonNull(task, "task");
        final boolean inLoop = inLoop();
        if (!inLoop && lifecycle.shuttingDown() || lifecycle.terminated()) {
            throw rejected(kind);
        }
        if (!inLoop && handle == null && arg == null && value == 0 && kind == TaskKind.EVENT) {
            return handOver(task, null, kind);
        }
        final HandlePool pool = scheduler.pool();
        final TaskHandle h = handle != null ? handle : inLoop ? pool.take() : pool.takeAnyThread();
        final EventLoop owner = h.owner;
        if (owner != this) {
            if (owner != null) {
                throw new IllegalArgumentException(h + " belongs to loop " + owner.name + ", not " + name);
            }
            h.owner = (EventLoop) this;
        }
        final long seq = h.pooled ? h.armExclusive() : h.tryArm();
        if (seq < 0) {
            return false;
        }
        h.request(kind, task, arg, value, channel, deadline);
        h.publish(seq);
        if (inLoop) {
            if (kind == TaskKind.TIMER && scheduler.runner.inTask()) {
                scheduler.linkTimerAfterTask(h, seq);
            } else {
                scheduler.link(h, seq);
            }
            return true;
        }
        return handOver(h, h, kind);
    }

    /** Offers an add from another thread; one the closed queue refuses is disarmed and its caller told. */
    private boolean handOver(final Object entry, final TaskHandle armed, final TaskKind kind) {
        if (!submissions.offer(entry)) {
            if (armed != null) {
                armed.tryCancel(); // unless a concurrent cancel already did
            }
            throw rejected(kind); // the loop has taken in its last submissions
        }
        scheduler.wakeupIfSelecting();
        return true;
    }

    private RejectedExecutionException rejected(final TaskKind kind) {
        return new RejectedExecutionException("loop " + name + " is shut down; cannot add a " + kind + " task");
    }

    /** Waits up to the shutdown timeout for {@code result}; {@code fallback} when it times out or is rejected. */
    <T> T awaitLoop(final CompletableFuture<T> result, final T fallback) {
        try {
            return result.get(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (TimeoutException e) {
            return fallback;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                return fallback;
            }
            throw new IllegalStateException("loop " + name + " failed the request", e.getCause());
        }
    }

    void requireLoopThread(final String method) {
        if (!inLoop()) {
            throw new IllegalStateException(method + " must be called on the loop thread of " + name
                + ", not " + Thread.currentThread().getName());
        }
    }
}
