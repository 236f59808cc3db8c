package org.bgpmgmt.event;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

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
 * on the loop thread take no lock and, with reused handles, allocate nothing.
 *
 * <p><b>Accounting</b> per task name, warnings for slow tasks, late timers and starved work, and a
 * JFR {@link SlowTaskEvent}: see {@link #showCpu()} and {@link #taskStats()}.
 */
public final class EventLoop extends LoopTasks implements AutoCloseable {

    private final ThreadFactory threadFactory;
    private final LoopWatch watch;
    private final LoopSnapshot<List<TaskStats>> stats;
    private final Executor executor = new LoopExecutor(this);
    private final LoopTables tables = new LoopTables(this);
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
        super(config);
        this.threadFactory = config.threadFactory();
        this.watch = config.watchdogNanos() == 0 ? null
            : new LoopWatch(this, scheduler.pulse, config.watchdogNanos(), config.stallHandler());
        this.stats = LoopSnapshot.of(this, () -> List.copyOf(scheduler.taskStats()), List.of());
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
     * @throws java.util.concurrent.RejectedExecutionException when the loop is shut down
     */
    public void clearCpu() {
        if (inLoop()) {
            clearAccounting();
        } else {
            submit(() -> {
                clearAccounting();
                return null;
            });
        }
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
        return new LoopGauges(name, submissions.size(), pulse.timers(), pulse.channels(), pulse.turns(),
            lastTurn == 0 ? 0 : now - lastTurn, pulse.busyNanos(), pulse.utilization(now),
            t == null ? null : t.name(), t == null ? 0 : Math.max(0, now - t.startNanos()), stalls());
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
