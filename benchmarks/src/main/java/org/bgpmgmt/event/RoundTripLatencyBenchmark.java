package org.bgpmgmt.event;

import io.netty.util.concurrent.DefaultPromise;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request/reply latency from a user thread to a loop and back, as every call a user makes from its
 * own thread pays it (a context's calls cross to its loop this way): the JMH thread asks the loop
 * for a value and waits for the answer. Ours: {@link EventLoop#submit} and the returned future's
 * bounded {@code get}; Netty 4.2: {@code execute} of a task that completes a {@link DefaultPromise},
 * and the promise's {@code get}. JMH's sample mode gives p50, p99 and p99.9. The loops are
 * {@link SubmissionBenchmark}'s, started and stopped the same way.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RoundTripLatencyBenchmark {
    /** How long one reply may take before the benchmark fails instead of hanging. */
    static final long REPLY_TIMEOUT_SECONDS = 10;

    /** The value the loop hands back; read and written on the loop thread only. */
    int value;
    private final Callable<Integer> ask = () -> ++value;

    /** One request to our loop and its reply. */
    @Benchmark
    public Integer ours_requestReply(final SubmissionBenchmark.Ours s) throws Exception {
        return s.loop.submit(ask).get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** One request to Netty's loop and its reply. */
    @Benchmark
    public Integer netty_requestReply(final SubmissionBenchmark.Netty s) throws Exception {
        final DefaultPromise<Integer> reply = new DefaultPromise<>(s.loop);
        s.loop.execute(() -> reply.setSuccess(++value));
        return reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
