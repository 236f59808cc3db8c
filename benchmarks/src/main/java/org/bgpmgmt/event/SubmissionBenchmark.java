package org.bgpmgmt.event;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-thread submission throughput (issue target: at least Netty's, with 1 and with 3 producer
 * threads): producers hand tasks to one consumer thread that runs them, in submissions per
 * microsecond summed over all producers.
 *
 * <p>Consumers: our loop's {@code addEvent(task, null, 0, null)} (loop on its own thread), Netty's
 * NIO event loop {@code execute(runnable)}, and a single-thread {@link ThreadPoolExecutor} over a
 * {@link LinkedBlockingQueue}. Each producer (a JMH thread) submits one pre-allocated task instance
 * (no capture per call) that bumps that producer's own counter on the consumer thread.
 *
 * <p>Back-pressure, the same rule for all three: a producer never has more than
 * {@code maxOutstanding} (default 1024) of its tasks submitted and not yet run; when it is that far
 * ahead it spins ({@code onSpinWait}), then yields, until at most half that many are outstanding.
 * It reads its counter only when its cached limit is used up, so the bookkeeping costs no
 * cache-line transfer per submission. This keeps queues bounded and measures the sustained rate the
 * consumer can absorb, not how fast a queue can grow.
 *
 * <p>On a 2-core host the 3-producer runs oversubscribe the CPU (3 producers + 1 consumer), which
 * is deliberate: it is the contended case, and it is equal for all three. Expect iterations to
 * switch between a fast and a slow regime (consumer busy vs. producers and consumer trading the
 * CPU, JIT recompilations of the consumer loop); that is why this class measures 10 iterations.
 * Compare per-iteration figures ({@code -rf json}), not only the mean.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SubmissionBenchmark {
    /** The back-pressure bound, shared by all producers of a run. */
    @State(Scope.Benchmark)
    public static class Settings {
        /**
         * The most tasks one producer may have submitted and not yet run. When a producer reaches it,
         * it waits until at most half that many are outstanding, then submits a burst again.
         */
        @Param({"1024"})
        public int maxOutstanding;
    }

    /** One producer thread: its own counter (written by the consumer) and its pre-allocated tasks. */
    @State(Scope.Thread)
    public static class Producer {
        final BenchSupport.PaddedCounter executed = new BenchSupport.PaddedCounter();
        final Task task = self -> executed.increment();
        final Runnable runnable = () -> executed.increment();
        long submitted;
        /** Submissions allowed before the counter must be read again (caches it, as JCTools does). */
        long limit;
        int max;

        @Setup(Level.Trial)
        public void setup(final Settings settings) {
            max = settings.maxOutstanding;
            if (max < 2) {
                throw new IllegalArgumentException("maxOutstanding < 2: " + max);
            }
        }

        /**
         * Counts one more submission, first waiting if this producer has {@code max} tasks in
         * flight. The consumer's counter is read only when the cached limit is reached, so the
         * producer does not pull the consumer's cache line on every call.
         */
        void admit() {
            final long s = submitted;
            if (s >= limit) {
                long done = executed.get();
                if (s - done >= max) {
                    // Full: wait for the low-water mark (half), so producer and consumer do not
                    // ping-pong one slot at a time.
                    BenchSupport.awaitAtLeast(executed, s - max / 2);
                    done = executed.get();
                }
                limit = done + max;
            }
            submitted = s + 1;
        }
    }

    /** Our loop running on its own thread. */
    @State(Scope.Benchmark)
    public static class Ours {
        EventLoop loop;

        @Setup(Level.Trial)
        public void setup() {
            loop = BenchSupport.newLoop("bench-submit");
            loop.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            BenchSupport.stopStartedLoop(loop);
        }
    }

    /** Netty's NIO event loop, one thread. */
    @State(Scope.Benchmark)
    public static class Netty {
        MultiThreadIoEventLoopGroup group;
        EventExecutor loop;

        @Setup(Level.Trial)
        public void setup() {
            group = BenchSupport.newNettyGroup();
            loop = group.next();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            BenchSupport.stopNettyGroup(group);
        }
    }

    /** A single-thread executor over an unbounded {@link LinkedBlockingQueue}. */
    @State(Scope.Benchmark)
    public static class Executor {
        ThreadPoolExecutor executor;

        @Setup(Level.Trial)
        public void setup() {
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            executor.prestartAllCoreThreads();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            executor.shutdown();
            if (!executor.awaitTermination(BenchSupport.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("executor did not stop");
            }
        }
    }

    @Benchmark
    @Threads(1)
    public boolean ours_1producer(final Ours c, final Producer p) {
        p.admit();
        return c.loop.addEvent(p.task, null, 0, null);
    }

    @Benchmark
    @Threads(3)
    public boolean ours_3producers(final Ours c, final Producer p) {
        p.admit();
        return c.loop.addEvent(p.task, null, 0, null);
    }

    @Benchmark
    @Threads(1)
    public void netty_1producer(final Netty c, final Producer p) {
        p.admit();
        c.loop.execute(p.runnable);
    }

    @Benchmark
    @Threads(3)
    public void netty_3producers(final Netty c, final Producer p) {
        p.admit();
        c.loop.execute(p.runnable);
    }

    @Benchmark
    @Threads(1)
    public void tpe_1producer(final Executor c, final Producer p) {
        p.admit();
        c.executor.execute(p.runnable);
    }

    @Benchmark
    @Threads(3)
    public void tpe_3producers(final Executor c, final Producer p) {
        p.admit();
        c.executor.execute(p.runnable);
    }
}
