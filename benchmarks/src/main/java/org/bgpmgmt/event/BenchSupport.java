package org.bgpmgmt.event;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Helpers shared by the event-loop benchmarks: creating and stopping loops the same way in every
 * benchmark, and a padded single-writer counter for hand-offs between threads.
 */
final class BenchSupport {
    /** How long a teardown waits for a loop, a Netty group or an executor to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private BenchSupport() {
    }

    /** A loop as the benchmarks use it: CPU timing off (it is a per-task cost users may switch off). */
    static EventLoop newLoop(final String name) {
        return new EventLoop(new EventLoopConfig().name(name).cpuTiming(false));
    }

    /**
     * Creates a loop and claims the calling thread as its loop thread with one non-waiting turn, so
     * that the caller's adds and cancels take the on-loop (lock-free, allocation-free) path.
     */
    static EventLoop newLoopOnThisThread(final String name) {
        final EventLoop loop = newLoop(name);
        loop.runOnce(0);
        if (!loop.inLoop()) {
            throw new IllegalStateException("runOnce did not make the caller the loop thread of " + name);
        }
        return loop;
    }

    /** Fails fast when JMH moved the benchmark to a thread other than the loop thread. */
    static void requireLoopThread(final EventLoop loop) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("benchmark thread " + Thread.currentThread().getName()
                + " is not the loop thread of " + loop.name());
        }
    }

    /**
     * Stops a loop driven by {@code runOnce} on the calling thread. Depending on the core version,
     * {@code shutdown} from the loop thread between turns either finishes the loop at once or only
     * marks it; in the latter case the next {@code runOnce} runs the final turn, closes the selector
     * and throws "shut down".
     */
    static void stopLoopOnThisThread(final EventLoop loop) {
        if (!loop.shutdown(Duration.ZERO)) {
            try {
                loop.runOnce(0);
            } catch (IllegalStateException expected) {
                // "loop is shut down": the final turn ran.
            }
        }
        if (!loop.isTerminated()) {
            throw new IllegalStateException("loop " + loop.name() + " did not stop");
        }
    }

    /** Stops a loop running on its own thread ({@link EventLoop#start()}). */
    static void stopStartedLoop(final EventLoop loop) {
        if (!loop.shutdown(STOP_TIMEOUT)) {
            throw new IllegalStateException("loop " + loop.name() + " did not stop within " + STOP_TIMEOUT);
        }
    }

    /** Netty 4.2's NIO event loop group with one loop, the peer users would pick instead of us. */
    static MultiThreadIoEventLoopGroup newNettyGroup() {
        return new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    static void stopNettyGroup(final MultiThreadIoEventLoopGroup group) {
        if (!group.shutdownGracefully(0, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(STOP_TIMEOUT.toMillis() * 2)) {
            throw new IllegalStateException("Netty group did not stop within " + STOP_TIMEOUT);
        }
    }

    /**
     * Waits for {@code counter} to reach {@code target}: a few rounds of {@code onSpinWait}, then
     * {@code Thread.yield()} between reads (a 2-core host has no core to spare for a pure spin).
     * The counter is read once per round, not once per pause, so a waiting thread does not keep
     * stealing the writer's cache line.
     */
    static void awaitAtLeast(final PaddedCounter counter, final long target) {
        for (int round = 0; counter.get() < target; round++) {
            if (round < 64) {
                for (int i = 0; i < 16; i++) {
                    Thread.onSpinWait();
                }
            } else {
                Thread.yield();
            }
        }
    }

    // ------------------------------------------------------------------ padded counter

    /** Left padding: superclass fields are laid out before subclass fields. */
    abstract static class PadLeft {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }

    abstract static class CounterValue extends PadLeft {
        volatile long value;
    }

    /**
     * A counter with one writer (the consumer thread) and any number of readers, on a cache line of
     * its own so that producers polling it do not slow down each other's counters.
     */
    static final class PaddedCounter extends CounterValue {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(CounterValue.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

        /** Single writer only: a release store, no read-modify-write. */
        void increment() {
            VALUE.setRelease(this, (long) VALUE.get(this) + 1);
        }

        long get() {
            return value;
        }
    }
}
