package org.bgpmgmt.event;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link EventLoop}: a mutable builder read once when the loop is created, so one
 * config may seed several loops. Not thread-safe.
 *
 * <p>Defaults follow FRR's event library where it has one: CPU timing on, CPU-hog and wall-time
 * warnings at 5 s, a 10 ms yield slot.
 */
public final class EventLoopConfig {
    private String name = "bgpmgmt-loop";
    private NanoClock clock = NanoClock.SYSTEM;
    private boolean cpuTiming = true;
    private Duration cpuHogThreshold = Duration.ofSeconds(5);
    private Duration wallHogThreshold = Duration.ofSeconds(5);
    private Duration lateTimerThreshold = Duration.ofSeconds(4);
    private Duration starvationThreshold = Duration.ofSeconds(1);
    private Duration warningInterval = Duration.ofSeconds(10);
    private Duration yieldTime = Duration.ofMillis(10);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private int maxSubmissionsPerTurn = 16_384;
    private Duration idleSpin = Duration.ofNanos(20_000);
    private NanoClock cpuClock;
    private java.util.concurrent.ThreadFactory threadFactory;
    private Duration watchdogThreshold = Duration.ofSeconds(5);
    private StallHandler stallHandler = StallHandler.LOG;

    /** Creates a config holding the defaults. */
    public EventLoopConfig() {
    }

    /**
     * Sets the loop's name: its thread name and the prefix of its log lines.
     *
     * @param name a non-empty name
     * @return this config
     */
    public EventLoopConfig name(final String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be null or empty: " + name);
        }
        this.name = name;
        return this;
    }

    /**
     * Sets the time source; tests pass a manual clock. Default {@link NanoClock#SYSTEM}.
     *
     * @param clock the clock
     * @return this config
     */
    public EventLoopConfig clock(final NanoClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Turns per-task thread CPU timing on or off (FRR's {@code service cputime-stats}). The thread
     * CPU clock is read at most about twice per turn, not per task, and the CPU time between two
     * reads is shared among the tasks run between them by wall time (see {@link EventLoop#showCpu()}).
     * Default on.
     *
     * @param enabled whether to time CPU
     * @return this config
     */
    public EventLoopConfig cpuTiming(final boolean enabled) {
        this.cpuTiming = enabled;
        return this;
    }

    /**
     * Sets the CPU time over which a task is logged as a CPU hog (FRR's "CPU HOG"). Default 5 s.
     *
     * @param threshold a positive duration
     * @return this config
     */
    public EventLoopConfig cpuHogThreshold(final Duration threshold) {
        this.cpuHogThreshold = positive(threshold, "cpuHogThreshold");
        return this;
    }

    /**
     * Sets the wall-clock time over which a task is logged as slow even when it used little CPU
     * (it blocked the loop). Default 5 s.
     *
     * @param threshold a positive duration
     * @return this config
     */
    public EventLoopConfig wallHogThreshold(final Duration threshold) {
        this.wallHogThreshold = positive(threshold, "wallHogThreshold");
        return this;
    }

    /**
     * Sets how late after its deadline a timer may start before a warning is logged. Default 4 s.
     *
     * @param threshold a positive duration
     * @return this config
     */
    public EventLoopConfig lateTimerThreshold(final Duration threshold) {
        this.lateTimerThreshold = positive(threshold, "lateTimerThreshold");
        return this;
    }

    /**
     * Sets how long ready work may wait in the turn's ready queue before a starvation warning.
     * Default 1 s.
     *
     * @param threshold a positive duration
     * @return this config
     */
    public EventLoopConfig starvationThreshold(final Duration threshold) {
        this.starvationThreshold = positive(threshold, "starvationThreshold");
        return this;
    }

    /**
     * Sets the least time between two warnings of the same class (slow task, late timer, starved
     * work), so a sick loop does not flood its log; the counters still count every case.
     * Default 10 s.
     *
     * @param interval a non-negative duration; zero logs every case
     * @return this config
     */
    public EventLoopConfig warningInterval(final Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("warningInterval < 0: " + interval);
        }
        this.warningInterval = interval;
        return this;
    }

    /**
     * Sets the default slot after which {@link EventLoop#shouldYield()} tells a task to yield.
     * Default 10 ms, as FRR.
     *
     * @param slot a positive duration
     * @return this config
     */
    public EventLoopConfig yieldTime(final Duration slot) {
        this.yieldTime = positive(slot, "yieldTime");
        return this;
    }

    /**
     * Sets how long {@link EventLoop#close()} waits for the loop to stop. Default 5 s.
     *
     * @param timeout a positive duration
     * @return this config
     */
    public EventLoopConfig shutdownTimeout(final Duration timeout) {
        this.shutdownTimeout = positive(timeout, "shutdownTimeout");
        return this;
    }

    /**
     * Sets how many submissions from other threads one turn takes in at most; the rest wait for the
     * next turn, so a flood from other threads cannot starve the loop's I/O. Default 16 384.
     *
     * @param max a positive count
     * @return this config
     */
    public EventLoopConfig maxSubmissionsPerTurn(final int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxSubmissionsPerTurn <= 0: " + max);
        }
        this.maxSubmissionsPerTurn = max;
        return this;
    }

    /**
     * Sets how long a loop with nothing to run keeps polling its inbox before it blocks in select,
     * after a turn that took in work from other threads (a loop fed by I/O alone never spins). A
     * task added from another thread within that window runs without a selector wakeup: the
     * adder makes no system call and the loop thread is not put to sleep and woken again, which on
     * a virtual machine costs several microseconds each way. The price is up to this much CPU each
     * time the loop goes idle; ready I/O waits at most this long. Default 20 µs; zero turns it off.
     *
     * @param spin zero or a positive duration of at most 1 ms
     * @return this config
     */
    public EventLoopConfig idleSpin(final Duration spin) {
        Objects.requireNonNull(spin, "idleSpin");
        if (spin.isNegative() || spin.compareTo(Duration.ofMillis(1)) > 0) {
            throw new IllegalArgumentException("idleSpin must be between 0 and 1 ms: " + spin);
        }
        this.idleSpin = spin;
        return this;
    }

    /**
     * Sets the factory {@link EventLoop#start()} makes the loop thread with (daemon flag, priority,
     * uncaught-exception handler, thread name); null (the default) makes a platform thread named
     * after the loop.
     *
     * @param factory the factory, or null
     * @return this config
     */
    public EventLoopConfig threadFactory(final java.util.concurrent.ThreadFactory factory) {
        this.threadFactory = factory;
        return this;
    }

    /**
     * Sets how long a task may hold the loop before the watchdog reports it, while it still runs
     * (default 5 s, FRR's wall-time warning); {@link Duration#ZERO} turns the watchdog off for this
     * loop.
     *
     * @param threshold the threshold, zero or positive
     * @return this config
     */
    public EventLoopConfig watchdogThreshold(final Duration threshold) {
        Objects.requireNonNull(threshold, "watchdogThreshold");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("watchdogThreshold < 0: " + threshold);
        }
        this.watchdogThreshold = threshold;
        return this;
    }

    /**
     * Sets what the watchdog does with a stall (default {@link StallHandler#LOG}, an slf4j warning).
     *
     * @param handler the handler; runs on the watchdog thread
     * @return this config
     */
    public EventLoopConfig stallHandler(final StallHandler handler) {
        this.stallHandler = Objects.requireNonNull(handler, "stallHandler");
        return this;
    }

    /** Returns an independent copy, so that a loop or group never changes its caller's config. */
    EventLoopConfig copy() {
        final EventLoopConfig c = new EventLoopConfig();
        c.name = name;
        c.clock = clock;
        c.cpuTiming = cpuTiming;
        c.cpuHogThreshold = cpuHogThreshold;
        c.wallHogThreshold = wallHogThreshold;
        c.lateTimerThreshold = lateTimerThreshold;
        c.starvationThreshold = starvationThreshold;
        c.warningInterval = warningInterval;
        c.yieldTime = yieldTime;
        c.shutdownTimeout = shutdownTimeout;
        c.maxSubmissionsPerTurn = maxSubmissionsPerTurn;
        c.idleSpin = idleSpin;
        c.cpuClock = cpuClock;
        c.threadFactory = threadFactory;
        c.watchdogThreshold = watchdogThreshold;
        c.stallHandler = stallHandler;
        return c;
    }

    private static Duration positive(final Duration d, final String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    String name() {
        return name;
    }

    NanoClock clock() {
        return clock;
    }

    boolean cpuTiming() {
        return cpuTiming;
    }

    long cpuHogNanos() {
        return cpuHogThreshold.toNanos();
    }

    long wallHogNanos() {
        return wallHogThreshold.toNanos();
    }

    long lateTimerNanos() {
        return lateTimerThreshold.toNanos();
    }

    long starvationNanos() {
        return starvationThreshold.toNanos();
    }

    long warningIntervalNanos() {
        return warningInterval.toNanos();
    }

    long yieldNanos() {
        return yieldTime.toNanos();
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    int maxSubmissionsPerTurn() {
        return maxSubmissionsPerTurn;
    }

    long idleSpinNanos() {
        return idleSpin.toNanos();
    }

    /** Replaces the loop thread's CPU clock, so that tests can move CPU time by hand. */
    EventLoopConfig cpuClock(final NanoClock clock) {
        this.cpuClock = clock;
        return this;
    }

    NanoClock cpuClock() {
        return cpuClock;
    }

    java.util.concurrent.ThreadFactory threadFactory() {
        return threadFactory;
    }

    long watchdogNanos() {
        return watchdogThreshold.toNanos();
    }

    StallHandler stallHandler() {
        return stallHandler;
    }
}
