package org.bgpmgmt.event;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Timer throughput (issue target: timer schedule+cancel at least 2x Netty's NIO event loop):
 * schedule+cancel and schedule+fire, in nanoseconds per operation (one schedule+cancel pair, or one
 * timer scheduled and run).
 *
 * <p>Three shapes:
 * <ul>
 *   <li>{@code ours_direct_*}: our loop with the JMH thread as the loop thread ({@code runOnce(0)}
 *       in setup), one operation per call, a reused {@link TaskHandle}. This is the path task code
 *       takes (tasks run on the loop thread). Fire includes one whole {@code runOnce(0)} turn, so a
 *       {@code selectNow} system call per timer.</li>
 *   <li>{@code *_batch_*}: the like-for-like comparison with Netty. The JMH thread hands one batch
 *       task to a loop running on its own thread (our {@code addEvent}, Netty's {@code execute}) and
 *       spin-waits on a counter the batch bumps when done; the batch does {@value #BATCH} operations on
 *       the loop thread, so both pay the same cross-thread hand-off, amortised over the batch (the
 *       {@code *_batch_handoffOnly} benchmarks measure that share alone, with an empty batch). For
 *       fire, the batch schedules {@value #BATCH} zero-delay timers and the last one to run bumps the
 *       counter, so the time covers scheduling, the loop's turn(s) and running them all.</li>
 *   <li>{@code pq_*}: a {@link PriorityQueue} of deadline entries on the JMH thread, the floor
 *       any timer queue is built on: offer+remove(Object) for cancel, offer+poll for fire.</li>
 * </ul>
 *
 * <p>Ours: a timer added from a running task gets its deadline when that task ends (never early,
 * no clock read per add), so a schedule+cancel pair inside one task never touches the heap;
 * schedule+fire enters the heap at the end of the batch task and runs from it.
 *
 * <p>{@code pendingTimers} far-future timers (1 h) sit in each queue for the whole run, as a
 * process with a few thousand sessions would have; with 0 the queue holds only the timer under test.
 * Note that {@code PriorityQueue.remove(Object)} is a linear scan, so it degrades with pending
 * timers where the two intrusive heaps do not.
 *
 * <p>Run with {@code -prof gc} to see allocation per operation: ours is 0 B/op (reused handle),
 * Netty allocates a {@code ScheduledFutureTask} per schedule.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class TimerBenchmark {
    /** Operations per batch in the {@code *_batch_*} benchmarks. */
    static final int BATCH = 1000;
    /** Delay of the timers that are cancelled before they fire. */
    static final long CANCEL_DELAY_MS = 1000;
    /** Delay of the background timers. */
    static final long PENDING_DELAY_MS = TimeUnit.HOURS.toMillis(1);

    /** Far-future timers present in the queue under test during the whole run. */
    @Param({"0", "1000"})
    public int pendingTimers;

    private static final Task NOOP_TASK = self -> { };
    private static final Runnable NOOP_RUNNABLE = () -> { };

    // ------------------------------------------------------------------ ours, JMH thread = loop thread

    /** Our loop driven by the JMH thread itself through {@code runOnce}. */
    @State(Scope.Thread)
    public static class OursDirect {
        EventLoop loop;
        final TaskHandle handle = new TaskHandle("bench-timer");
        final List<TaskHandle> pending = new ArrayList<>();
        long fired;
        final Task countFire = self -> fired++;

        @Setup(Level.Trial)
        public void setup(final TimerBenchmark params) {
            loop = BenchSupport.newLoopOnThisThread("bench-timer-direct");
            for (int i = 0; i < params.pendingTimers; i++) {
                final TaskHandle h = new TaskHandle("bench-pending");
                loop.addTimerMillis(PENDING_DELAY_MS, NOOP_TASK, null, h);
                pending.add(h);
            }
        }

        @Setup(Level.Iteration)
        public void checkThread() {
            BenchSupport.requireLoopThread(loop);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            BenchSupport.stopLoopOnThisThread(loop);
        }
    }

    /** On-loop schedule + cancel with a reused handle: the path a task takes to re-arm a timer. */
    @Benchmark
    public boolean ours_direct_scheduleCancel(final OursDirect s) {
        final boolean added = s.loop.addTimerMillis(CANCEL_DELAY_MS, NOOP_TASK, null, s.handle);
        return s.loop.cancel(s.handle) & added;
    }

    /** On-loop schedule with delay 0, then one {@code runOnce(0)} turn that runs it. */
    @Benchmark
    public long ours_direct_scheduleFire(final OursDirect s) {
        s.loop.addTimerMillis(0, s.countFire, null, s.handle);
        s.loop.runOnce(0);
        return s.fired;
    }

    // ------------------------------------------------------------------ ours, batched on a started loop

    /** Our loop on its own thread; batches arrive through {@code addEvent} from the JMH thread. */
    @State(Scope.Thread)
    public static class OursBatch {
        EventLoop loop;
        final TaskHandle batchHandle = new TaskHandle("bench-batch");
        final TaskHandle cancelHandle = new TaskHandle("bench-timer");
        final TaskHandle[] fireHandles = new TaskHandle[BATCH];
        final BenchSupport.PaddedCounter completed = new BenchSupport.PaddedCounter();
        long requested;
        int fired;
        final List<TaskHandle> pending = new ArrayList<>();

        final Task cancelBatch = self -> {
            final EventLoop l = loop;
            final TaskHandle h = cancelHandle;
            for (int i = 0; i < BATCH; i++) {
                l.addTimerMillis(CANCEL_DELAY_MS, NOOP_TASK, null, h);
                l.cancel(h);
            }
            completed.increment();
        };

        final Task fireOne = self -> {
            if (++fired == BATCH) {
                completed.increment();
            }
        };

        final Task emptyBatch = self -> completed.increment();

        final Task fireBatch = self -> {
            fired = 0;
            final EventLoop l = loop;
            for (int i = 0; i < BATCH; i++) {
                l.addTimerMillis(0, fireOne, null, fireHandles[i]);
            }
        };

        @Setup(Level.Trial)
        public void setup(final TimerBenchmark params) {
            for (int i = 0; i < BATCH; i++) {
                fireHandles[i] = new TaskHandle("bench-fire");
            }
            loop = BenchSupport.newLoop("bench-timer-batch");
            loop.start();
            for (int i = 0; i < params.pendingTimers; i++) {
                final TaskHandle h = new TaskHandle("bench-pending");
                loop.addTimerMillis(PENDING_DELAY_MS, NOOP_TASK, null, h);
                pending.add(h);
            }
        }

        void runBatch(final Task batch) {
            final long target = ++requested;
            if (!loop.addEvent(batch, null, 0, batchHandle)) {
                throw new IllegalStateException("batch handle still scheduled");
            }
            BenchSupport.awaitAtLeast(completed, target);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            BenchSupport.stopStartedLoop(loop);
        }
    }

    /** {@value #BATCH} schedule+cancel pairs inside one task on our loop thread. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ours_batch_scheduleCancel(final OursBatch s) {
        s.runBatch(s.cancelBatch);
    }

    /** {@value #BATCH} zero-delay timers scheduled inside one task, waited for until all ran. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ours_batch_scheduleFire(final OursBatch s) {
        s.runBatch(s.fireBatch);
    }

    /**
     * An empty batch: only the hand-off and the wait, divided by {@value #BATCH} like the others. It
     * is the part of every {@code ours_batch_*} figure that is not timer work.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ours_batch_handoffOnly(final OursBatch s) {
        s.runBatch(s.emptyBatch);
    }

    // ------------------------------------------------------------------ Netty, batched

    /** Netty's NIO event loop (one thread); batches arrive through {@code execute} from the JMH thread. */
    @State(Scope.Thread)
    public static class NettyBatch {
        MultiThreadIoEventLoopGroup group;
        EventExecutor loop;
        final BenchSupport.PaddedCounter completed = new BenchSupport.PaddedCounter();
        long requested;
        int fired;
        final List<ScheduledFuture<?>> pending = new ArrayList<>();

        final Runnable cancelBatch = () -> {
            final EventExecutor l = loop;
            for (int i = 0; i < BATCH; i++) {
                final ScheduledFuture<?> f = l.schedule(NOOP_RUNNABLE, CANCEL_DELAY_MS, TimeUnit.MILLISECONDS);
                f.cancel(false);
            }
            completed.increment();
        };

        final Runnable fireOne = () -> {
            if (++fired == BATCH) {
                completed.increment();
            }
        };

        final Runnable emptyBatch = completed::increment;

        final Runnable fireBatch = () -> {
            fired = 0;
            final EventExecutor l = loop;
            for (int i = 0; i < BATCH; i++) {
                l.schedule(fireOne, 0, TimeUnit.NANOSECONDS);
            }
        };

        @Setup(Level.Trial)
        public void setup(final TimerBenchmark params) throws Exception {
            group = BenchSupport.newNettyGroup();
            loop = group.next();
            // Schedule the background timers from inside the loop, like the batches do.
            loop.submit(() -> {
                for (int i = 0; i < params.pendingTimers; i++) {
                    pending.add(loop.schedule(NOOP_RUNNABLE, PENDING_DELAY_MS, TimeUnit.MILLISECONDS));
                }
            }).get();
        }

        void runBatch(final Runnable batch) {
            final long target = ++requested;
            loop.execute(batch);
            BenchSupport.awaitAtLeast(completed, target);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            BenchSupport.stopNettyGroup(group);
        }
    }

    /** {@value #BATCH} {@code schedule}+{@code cancel(false)} pairs inside one task on Netty's loop thread. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void netty_batch_scheduleCancel(final NettyBatch s) {
        s.runBatch(s.cancelBatch);
    }

    /** {@value #BATCH} zero-delay {@code schedule}s inside one task, waited for until all ran. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void netty_batch_scheduleFire(final NettyBatch s) {
        s.runBatch(s.fireBatch);
    }

    /** An empty batch on Netty: the hand-off share of every {@code netty_batch_*} figure. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void netty_batch_handoffOnly(final NettyBatch s) {
        s.runBatch(s.emptyBatch);
    }

    // ------------------------------------------------------------------ PriorityQueue baseline

    /** A timer entry of the baseline: a deadline, and an insertion number to break ties. */
    static final class Entry implements Comparable<Entry> {
        long deadline;
        long order;

        @Override
        public int compareTo(final Entry o) {
            final long d = deadline - o.deadline;
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
            return Long.compare(order, o.order);
        }
    }

    /** A {@link PriorityQueue} used on the JMH thread, with one reused entry. */
    @State(Scope.Thread)
    public static class Pq {
        final PriorityQueue<Entry> queue = new PriorityQueue<>();
        final Entry entry = new Entry();
        long order;

        @Setup(Level.Trial)
        public void setup(final TimerBenchmark params) {
            final long far = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PENDING_DELAY_MS);
            for (int i = 0; i < params.pendingTimers; i++) {
                final Entry e = new Entry();
                e.deadline = far;
                e.order = order++;
                queue.offer(e);
            }
        }
    }

    /** offer(entry due in 1 s) + remove(entry). */
    @Benchmark
    public boolean pq_scheduleCancel(final Pq s) {
        final Entry e = s.entry;
        e.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_DELAY_MS);
        e.order = s.order++;
        s.queue.offer(e);
        return s.queue.remove(e);
    }

    /** offer(entry due now) + poll() of the earliest entry. */
    @Benchmark
    public Entry pq_scheduleFire(final Pq s) {
        final Entry e = s.entry;
        e.deadline = System.nanoTime();
        e.order = s.order++;
        s.queue.offer(e);
        return s.queue.poll();
    }
}
