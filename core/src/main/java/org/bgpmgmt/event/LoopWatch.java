package org.bgpmgmt.event;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog's view of one loop: reads the loop's {@link LoopPulse} and reports a task that has
 * run past the threshold, once per run of that task. Called on the watchdog thread only (and by
 * tests); the figures it keeps ({@link #stalls()}, {@link #lastStall()}) are read by any thread.
 */
final class LoopWatch {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final EventLoop loop;
    private final LoopPulse pulse;
    private final long thresholdNanos;
    private final StallHandler handler;
    private final AtomicLong stalls = new AtomicLong();
    private volatile Stall lastStall;
    /** Watchdog thread only: the id of the run last reported, so a stall is reported once. */
    private long reportedId = -1;

    LoopWatch(final EventLoop loop, final LoopPulse pulse, final long thresholdNanos, final StallHandler handler) {
        this.loop = loop;
        this.pulse = pulse;
        this.thresholdNanos = thresholdNanos;
        this.handler = handler;
    }

    EventLoop loop() {
        return loop;
    }

    long thresholdNanos() {
        return thresholdNanos;
    }

    long stalls() {
        return stalls.get();
    }

    Stall lastStall() {
        return lastStall;
    }

    /**
     * Looks at the loop once, at {@code now} on the loop's clock.
     *
     * @return the stall reported by this look, or null
     */
    Stall check(final long now) {
        final LoopPulse.RunningTask t = pulse.running();
        if (t == null || t.id() == reportedId || now - t.startNanos() < thresholdNanos) {
            return null;
        }
        final Thread thread = loop.thread();
        final StackTraceElement[] stack = thread == null ? new StackTraceElement[0] : thread.getStackTrace();
        final LoopPulse.RunningTask still = pulse.running();
        if (still == null || still.id() != t.id()) {
            return null; // it ended while we took the stack: the stack would belong to something else
        }
        reportedId = t.id();
        final Stall stall = new Stall(loop.name(), thread == null ? "none" : thread.getName(), t.name(),
            t.kind().code(), now - t.startNanos(), Arrays.asList(stack));
        stalls.incrementAndGet();
        lastStall = stall;
        final StallEvent event = new StallEvent();
        if (event.isEnabled()) {
            event.loop = stall.loop();
            event.task = stall.task();
            event.kind = String.valueOf(stall.kind());
            event.runningTime = stall.runningNanos();
            event.stack = stall.stackText();
            event.commit();
        }
        try {
            handler.stalled(stall);
        } catch (RuntimeException e) {
            LOG.warn("{}: the stall handler failed", loop.name(), e);
        }
        return stall;
    }
}
