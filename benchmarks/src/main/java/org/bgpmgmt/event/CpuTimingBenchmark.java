package org.bgpmgmt.event;

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
 * What FRR-style CPU accounting costs per task (issue 13, item 1): one turn of {@value #TASKS}
 * small events under four names, on the JMH thread as the loop thread, in nanoseconds per task,
 * with CPU timing on (the default) and off. The difference between the two is the price of the CPU
 * columns of {@code showCpu()}; the turn's {@code selectNow} is in both.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class CpuTimingBenchmark {
    /** Tasks per turn. */
    static final int TASKS = 16;

    /** Whether the loop times CPU per task. */
    @Param({"true", "false"})
    public boolean cpuTiming;

    private EventLoop loop;
    private final TaskHandle[] handles = new TaskHandle[TASKS];
    private long ran;
    private final Task task = self -> ran++;

    @Setup(Level.Trial)
    public void setup() {
        loop = new EventLoop(new EventLoopConfig().name("bench-cpu").cpuTiming(cpuTiming));
        loop.runOnce(0);
        for (int i = 0; i < TASKS; i++) {
            handles[i] = new TaskHandle("bench-cpu-" + (i % 4));
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

    /** Adds {@value #TASKS} events and runs the turn that runs them. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long turnOfSmallTasks() {
        for (TaskHandle h : handles) {
            loop.addEvent(task, null, 0, h);
        }
        loop.runOnce(0);
        return ran;
    }
}
