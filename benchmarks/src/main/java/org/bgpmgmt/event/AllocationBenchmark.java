package org.bgpmgmt.event;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocation per dispatched task with reused handles (issue target: 0 B/op on the loop thread).
 * Meant for {@code -prof gc}: read {@code gc.alloc.rate.norm}; the time per op is a by-product.
 *
 * <p>The JMH thread is the loop thread (it drives the loop with {@code runOnce(0)}), so every
 * byte counted is allocated by the on-loop path:
 * <ul>
 *   <li>{@code ioDispatch}: write one byte into a {@link Pipe} from a direct buffer, then one turn;
 *       the loop selects, dispatches the read task, which reads the byte into a pre-allocated direct
 *       buffer and re-adds itself with the same handle.</li>
 *   <li>{@code timerReAddCancel}: add a 1 s timer on a reused handle, cancel it.</li>
 *   <li>{@code timerReAddFire}: add a zero-delay timer on a reused handle, one turn runs it.</li>
 *   <li>{@code eventReAddRun}: add an event on a reused handle, one turn runs it.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AllocationBenchmark {

    /** A loop on the JMH thread with a pipe whose read end has a self-re-adding read task. */
    @State(Scope.Thread)
    public static class OnLoop {
        EventLoop loop;
        Pipe pipe;
        final ByteBuffer out = ByteBuffer.allocateDirect(1);
        final ByteBuffer in = ByteBuffer.allocateDirect(64);
        final TaskHandle readHandle = new TaskHandle("bench-read");
        final TaskHandle timerHandle = new TaskHandle("bench-timer");
        final TaskHandle eventHandle = new TaskHandle("bench-event");
        final Reader reader = new Reader();
        final Task noop = self -> { };
        long written;
        long bytesRead;
        long reads;
        long ran;
        final Task count = self -> ran++;

        /** The read task: drains the pipe into the direct buffer and re-adds itself on its handle. */
        final class Reader implements Task {
            @Override
            public void run(final TaskHandle self) throws IOException {
                in.clear();
                final int n = pipe.source().read(in);
                if (n > 0) {
                    bytesRead += n;
                }
                reads++;
                loop.addRead(pipe.source(), this, null, self);
            }
        }

        @Setup(Level.Trial)
        public void setup() throws IOException {
            loop = BenchSupport.newLoopOnThisThread("bench-alloc");
            pipe = Pipe.open();
            if (!loop.addRead(pipe.source(), reader, null, readHandle)) {
                throw new IllegalStateException("read task not added");
            }
        }

        @Setup(Level.Iteration)
        public void checkThread() {
            BenchSupport.requireLoopThread(loop);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            BenchSupport.stopLoopOnThisThread(loop);
            pipe.sink().close();
            pipe.source().close();
            // Every write must have been dispatched, in the same turn or at most one turn later.
            if (written > 0 && (written - bytesRead > 1 || reads == 0)) {
                throw new IllegalStateException("read task lagged: written " + written + ", read " + bytesRead
                    + " in " + reads + " reads");
            }
        }
    }

    /** One byte through a pipe and one turn that dispatches the read task, which re-adds itself. */
    @Benchmark
    public long ioDispatch(final OnLoop s) throws IOException {
        final ByteBuffer out = s.out;
        out.clear();
        s.written += s.pipe.sink().write(out);
        s.loop.runOnce(0);
        return s.bytesRead;
    }

    /** Timer re-added on a reused handle, then cancelled. */
    @Benchmark
    public boolean timerReAddCancel(final OnLoop s) {
        final boolean added = s.loop.addTimerMillis(1000, s.noop, null, s.timerHandle);
        return s.loop.cancel(s.timerHandle) & added;
    }

    /** Zero-delay timer re-added on a reused handle, then one turn that runs it. */
    @Benchmark
    public long timerReAddFire(final OnLoop s) {
        s.loop.addTimerMillis(0, s.count, null, s.timerHandle);
        s.loop.runOnce(0);
        return s.ran;
    }

    /** Event re-added on a reused handle, then one turn that runs it. */
    @Benchmark
    public long eventReAddRun(final OnLoop s) {
        s.loop.addEvent(s.count, null, 0, s.eventHandle);
        s.loop.runOnce(0);
        return s.ran;
    }
}
