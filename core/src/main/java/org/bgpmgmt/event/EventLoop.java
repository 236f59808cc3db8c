package org.bgpmgmt.event;

import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-threaded event loop over one NIO {@link java.nio.channels.Selector}, with the semantics
 * of FRR's event library ({@code lib/event.c}).
 *
 * <p><b>Tasks are one-shot.</b> A read task runs once when its channel is readable and is added
 * again to run again; so are write, accept and connect tasks, timers and events. Each add may pass a
 * {@link TaskHandle}: adding on a scheduled handle does nothing, and reusing a handle allocates
 * nothing.
 *
 * <p><b>One turn</b> (FRR {@code event_fetch}): take in work from other threads and the pending
 * events; select, without waiting when anything is ready, else until the next timer; then run the
 * events, the expired timers and the ready I/O tasks, each group in FIFO order. Work added while a
 * turn runs waits for the next turn, so a task that keeps re-adding itself cannot starve I/O.
 *
 * <p><b>Threads.</b> The loop runs on one thread: the one that calls {@link #run()} (embedding, as
 * FRR's {@code frr_run}) or the one {@link #start()} creates. Any thread may add and cancel; calls
 * from other threads travel through an MPSC queue and a burst of them wakes the selector once. Calls
 * on the loop thread take no lock and, with reused handles, allocate nothing. From another thread,
 * a bare event (no handle, argument or value; every {@link #submit}) crosses as the task alone, one
 * queue slot and no handle (see {@link BareEvents}); anything else as its handle.
 *
 * <p><b>Accounting</b> per task name, warnings for slow tasks, late timers and starved work, and a
 * JFR {@link SlowTaskEvent}: see {@link #showCpu()} and {@link #taskStats()}.
 */
public final class EventLoop implements AutoCloseable {

    final Scheduler scheduler;
    final LoopLifecycle lifecycle;
    final Duration shutdownTimeout;
    /** The hand-off from other threads: adds, cancels and bare events, taken in once per turn. */
    final SubmissionQueue submissions = new SubmissionQueue();
    private final String name;
    private final NanoClock clock;
    private final int maxSubmissionsPerTurn;
    private final ThreadFactory threadFactory;
    private final LoopWatch watch;
    private final LoopSnapshot<List<TaskStats>> stats;
    private final Executor executor;
    private final LoopTables tables;
    /** Loop thread only: whether the watchdog knows this loop. */
    private boolean watched;

    /** Creates a loop with the default {@link EventLoopConfig}. */
    public EventLoop() {
        this(new EventLoopConfig());
    }

    /**
     * Creates a loop; it runs nothing until {@link #run()} or {@link #start()}.
     *
     * @param config the settings, read once
     * @throws UncheckedIOException when the selector cannot be opened
     */
    public EventLoop(final EventLoopConfig config) {
        Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.clock = config.clock();
        this.lifecycle = new LoopLifecycle(name);
        this.shutdownTimeout = config.shutdownTimeout();
        this.maxSubmissionsPerTurn = config.maxSubmissionsPerTurn();
        this.threadFactory = config.threadFactory();
        this.scheduler = Scheduler.open(this, config);
        this.watch = config.watchdogNanos() == 0 ? null
            : new LoopWatch(this, scheduler.pulse, config.watchdogNanos(), config.stallHandler());
        this.stats = LoopSnapshot.of(this, () -> List.copyOf(scheduler.taskStats()), List.of());
        this.executor = new LoopExecutor(this);
        this.tables = new LoopTables(this);
    }

    /**
     * Returns the loop's name. Any thread.
     *
     * @return the name from the config
     */
    public String name() {
        return name;
    }

    /**
     * Returns the loop's clock. Any thread.
     *
     * @return the clock timers are measured on
     */
    public NanoClock clock() {
        return clock;
    }

    /**
     * Tells whether the caller is the loop thread. Any thread.
     *
     * @return true on the loop thread
     */
    public boolean inLoop() {
        return lifecycle.inLoop();
    }

    // ---------------------------------------------------------------- adding and cancelling tasks

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
     * down before the work runs (work accepted before {@link #shutdown} runs in the
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

    /**
     * Tells whether the calling thread drives any {@code EventLoop} that has not stopped (through
     * {@link #run}, {@link #runOnce} or {@link #start}). Blocking
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

    // ---------------------------------------------------------------- accounting (any thread)

    /**
     * Renders the accounting table, as FRR's {@code show event cpu}. Any thread; as fresh as
     * {@link #taskStats()}.
     *
     * <p><b>What the CPU columns mean.</b> The loop does not read the thread CPU clock around each
     * task (on Linux that is a system call). It reads it after a task of 1 ms or more of wall time,
     * before a task once 1 ms of wall time has passed since the last read, at the end of a turn
     * that ran tasks of more than one name (or 32 runs), before a task of another name than runs
     * carried over from earlier turns, and when figures are read: the runs between two reads belong
     * to one turn or bear one name. That CPU time is charged to them: a task of 1 ms or more first,
     * up to its own wall time; the others share the rest by wall time; none is charged more than
     * its wall time, and CPU the loop spent between tasks is charged to none. So a long task's
     * figure is exact to within 1 ms (never below its true CPU time), a CPU hog is always caught,
     * and a short task's figure is its share, exact when it dominates the runs between its reads.
     *
     * @return a text table, one row per task name
     */
    public String showCpu() {
        return Accounting.render(name, scheduler.cpuTiming(), taskStats());
    }

    /**
     * Returns the accounting figures, one entry per task name, sorted by name. Any thread, and
     * never held up by a stuck loop: from another thread it is a {@link LoopSnapshot} read, as of
     * the loop's next turn when the loop turns, and as of before the stall while a task has held
     * the loop for more than 50 ms; on the loop thread, and once the loop has stopped, it is exact.
     *
     * @return an immutable snapshot; empty before the loop has started
     */
    public List<TaskStats> taskStats() {
        if (lifecycle.terminated()) {
            return List.copyOf(scheduler.taskStats()); // after termination nothing writes the figures
        }
        return stats.read();
    }

    /**
     * Returns the loop's timer and poll tables, as FRR's {@code show event timers} and {@code poll}. Any thread.
     *
     * @return the tables, as fresh as {@link #taskStats()}
     */
    public LoopTables tables() {
        return tables;
    }

    /**
     * Clears the accounting table, as FRR's {@code clear event cpu}: at once on the loop thread,
     * else at the loop's next turn (so it waits for a stuck task to end). Any thread; never blocks.
     *
     * @return completes once cleared; fails with {@link java.util.concurrent.RejectedExecutionException}
     *     when the loop has shut down first
     */
    public CompletableFuture<Void> clearCpu() {
        if (inLoop()) {
            clearAccounting();
            return CompletableFuture.completedFuture(null);
        }
        return submit(() -> {
            clearAccounting();
            return null;
        });
    }

    /**
     * Returns the loop's gauges, read from what the loop publishes, without waiting for it. Any
     * thread; each figure's freshness is in {@link LoopGauges}.
     *
     * @return the gauges now
     */
    public LoopGauges gauges() {
        final LoopPulse pulse = scheduler.pulse;
        final long now = clock.nanoTime();
        final LoopPulse.RunningTask t = pulse.running();
        final long lastTurn = pulse.lastTurnNanos();
        return new LoopGauges(name,
            new LoopGauges.Waiting(submissions.size(), pulse.timers(), pulse.channels()),
            new LoopGauges.Turns(pulse.turns(), lastTurn == 0 ? 0 : now - lastTurn, pulse.busyNanos(),
                pulse.utilization(now)),
            t == null ? null : new LoopGauges.Running(t.name(), Math.max(0, now - t.startNanos())),
            stalls());
    }

    /**
     * Returns how many stalls the watchdog has reported for this loop. Any thread.
     *
     * @return the count, 0 when the watchdog is off
     */
    public long stalls() {
        return watch == null ? 0 : watch.stalls();
    }

    /**
     * Returns the last stall the watchdog reported for this loop. Any thread.
     *
     * @return the stall, or null when none was seen (or the watchdog is off)
     */
    public Stall lastStall() {
        return watch == null ? null : watch.lastStall();
    }

    /**
     * Returns the watchdog threshold of this loop. Any thread.
     *
     * @return the threshold; {@link Duration#ZERO} when the watchdog is off
     */
    public Duration watchdogThreshold() {
        return watch == null ? Duration.ZERO : Duration.ofNanos(watch.thresholdNanos());
    }

    /**
     * Returns an {@link Executor} view of this loop: each command runs once on the loop thread, as
     * an event accounted under {@code "executor"}. Any thread; the view never blocks and throws
     * {@link java.util.concurrent.RejectedExecutionException} once the loop is shut down.
     *
     * @return the view (the same object every call)
     */
    public Executor executor() {
        return executor;
    }

    /**
     * Registers this loop's {@link EventLoopMXBean} in the platform MBean server as
     * {@code org.bgpmgmt:type=EventLoop,name=NAME} (replacing one of the same name); it is
     * unregistered when the loop stops. Opt-in, one call. Any thread.
     *
     * @return the name it was registered under
     * @throws IllegalStateException when JMX refuses the registration
     */
    public javax.management.ObjectName registerMBean() {
        return LoopMBean.register(this, scheduler);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Runs the loop on the calling thread until {@link #shutdown} (embedding, as FRR's
     * {@code frr_run}). The caller becomes the loop thread.
     *
     * @throws IllegalStateException when another thread already drives this loop
     */
    public void run() {
        lifecycle.claim("run");
        lifecycle.markRunning();
        watch();
        lifecycle.enterTurn();
        try {
            while (lifecycle.running()) {
                scheduler.turn(Long.MAX_VALUE);
            }
        } finally {
            lifecycle.exitTurn();
            lifecycle.finish(scheduler);
        }
    }

    /**
     * Runs one turn of the loop on the calling thread, waiting at most {@code maxWaitMillis} for
     * something to happen (0: do not wait). For embedding the loop in a foreign main loop. The
     * caller becomes the loop thread.
     *
     * @param maxWaitMillis the longest wait in select
     * @throws IllegalStateException when another thread drives this loop, or the loop is shut down
     */
    public void runOnce(final long maxWaitMillis) {
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException("maxWaitMillis < 0: " + maxWaitMillis);
        }
        lifecycle.claim("runOnce");
        if (lifecycle.shuttingDown()) {
            lifecycle.finish(scheduler);
            throw new IllegalStateException("loop " + name + " is shut down");
        }
        lifecycle.markRunning();
        watch();
        lifecycle.enterTurn();
        try {
            scheduler.turn(TimeUnit.MILLISECONDS.toNanos(maxWaitMillis));
        } finally {
            lifecycle.exitTurn();
        }
        if (lifecycle.shuttingDown()) {
            lifecycle.finish(scheduler); // a task of this turn called shutdown
        }
    }

    /**
     * Starts the loop on a new thread: the config's thread factory's, else a platform thread named
     * after the loop. Any thread.
     *
     * @return this loop
     * @throws IllegalStateException when the loop already has a thread
     */
    public EventLoop start() {
        final Thread t = threadFactory == null ? new Thread(this::run, name) : threadFactory.newThread(this::run);
        if (t == null) {
            throw new IllegalStateException("the thread factory of loop " + name + " returned null");
        }
        if (!lifecycle.bind(t)) {
            throw new IllegalStateException("loop " + name + " is already driven by " + lifecycle.threadName());
        }
        t.start();
        return this;
    }

    /**
     * Stops the loop: new work from other threads is refused at once, work already due runs, the
     * rest is cancelled and the selector closed. Any thread; from a task it returns false at once
     * and the loop stops at the end of the turn. A loop that never ran, or is driven by
     * {@link #runOnce} and called between turns, is finished by the caller before this returns.
     *
     * @param timeout how long to wait for the loop to stop
     * @return true if the loop has stopped
     */
    public boolean shutdown(final Duration timeout) {
        lifecycle.requestShutdown();
        if (lifecycle.bind(Thread.currentThread())) {
            lifecycle.finish(scheduler); // never ran: the caller finishes it
            return true;
        }
        if (inLoop()) {
            if (!lifecycle.turning()) {
                lifecycle.finish(scheduler); // embedded with runOnce and called between turns
            }
            return lifecycle.terminated();
        }
        scheduler.wakeup();
        return awaitTermination(timeout);
    }

    /**
     * Waits for the loop to stop. Any thread.
     *
     * @param timeout the longest wait
     * @return true if the loop has stopped
     */
    public boolean awaitTermination(final Duration timeout) {
        return lifecycle.await(timeout);
    }

    /**
     * Tells whether {@link #shutdown} was called. Any thread.
     *
     * @return true once shutting down or stopped
     */
    public boolean isShutdown() {
        return lifecycle.shuttingDown();
    }

    /**
     * Tells whether the loop has stopped and closed its selector. Any thread.
     *
     * @return true once stopped
     */
    public boolean isTerminated() {
        return lifecycle.terminated();
    }

    /**
     * Shuts the loop down, waiting up to the configured shutdown timeout. Idempotent; any thread.
     */
    @Override
    public void close() {
        shutdown(shutdownTimeout);
    }

    /**
     * Returns {@code "EventLoop[name]"} for logs.
     *
     * @return the loop's name in brackets
     */
    @Override
    public String toString() {
        return "EventLoop[" + name + ']';
    }

    // ---------------------------------------------------------------- how an add reaches the loop

    private boolean addTimerNanos(final long delayNanos, final Task task, final Object arg, final TaskHandle handle) {
        // From a running task the delay counts from the task's end (see Timers): no clock read here.
        final long base = inLoop() && scheduler.runner.inTask() ? scheduler.runner.taskStart() : clock.nanoTime();
        return add(TaskKind.TIMER, null, base + Math.max(0, delayNanos), task, arg, 0, handle);
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
            h.owner = this;
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

    /** Waits up to the shutdown timeout for {@code result}; {@code fallback} when it times out or is rejected. */
    private <T> T awaitLoop(final CompletableFuture<T> result, final T fallback) {
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

    private void requireLoopThread(final String method) {
        if (!inLoop()) {
            throw new IllegalStateException(method + " must be called on the loop thread of " + name
                + ", not " + Thread.currentThread().getName());
        }
    }

    private void clearAccounting() {
        scheduler.accounting.flush(clock.nanoTime()); // pending runs first, so none lands after the clear
        scheduler.accounting.reset();
    }

    private void watch() {
        if (watch != null && !watched) {
            watched = true; // once: runOnce calls this every turn
            Watchdog.watch(watch);
        }
    }

    Thread thread() {
        return lifecycle.thread();
    }

    /** Tells whether one task has held the loop longer than {@code nanos} and still runs. */
    boolean heldLongerThan(final long nanos) {
        final LoopPulse.RunningTask t = scheduler.pulse.running();
        return t != null && clock.nanoTime() - t.startNanos() > nanos;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    boolean shuttingDown() {
        return lifecycle.shuttingDown();
    }

    int maxSubmissionsPerTurn() {
        return maxSubmissionsPerTurn;
    }

}
