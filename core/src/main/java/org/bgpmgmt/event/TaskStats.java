package org.bgpmgmt.event;

/**
 * The accounting figures of every task run under one name, as FRR's {@code show event cpu} shows
 * them: how often it ran, its wall and CPU time, and what went wrong. An immutable snapshot; any
 * thread.
 *
 * <p>Read as prose: {@code row.calls()} runs took {@code row.wall().totalNanos()}, the longest
 * {@code row.wall().maxNanos()}; {@code row.faults().late()} of them were timers that ran late.
 *
 * @param name the accounting name (handle name, named task, or the readable default)
 * @param kinds the kinds seen under this name, as {@link TaskKind#code()} letters
 * @param calls how many times a task of this name ran
 * @param wall the wall-clock time of those runs
 * @param cpu the thread CPU time charged to those runs, shared out by wall time as
 *     {@link EventLoop#showCpu()} explains (zero when CPU timing is off)
 * @param faults the runs that threw, hogged the loop, or started late
 */
public record TaskStats(String name, String kinds, long calls, Timing wall, Timing cpu, Faults faults) {

    /**
     * The time of a task's runs on one clock, wall or CPU. An immutable value; any thread.
     *
     * @param totalNanos the time of all the runs together
     * @param maxNanos the time of the longest run
     */
    public record Timing(long totalNanos, long maxNanos) {
    }

    /**
     * The runs of a task that went wrong, one count per warning the loop logs (rate-limited) for
     * them. An immutable value; any thread.
     *
     * @param errors runs that ended by throwing
     * @param cpuHogs runs over the CPU threshold (FRR's "CPU HOG" warning)
     * @param wallHogs runs over the wall-clock threshold without being over the CPU one (blocked)
     * @param starved runs that waited in the ready queue longer than the starvation bound
     * @param late timer runs that started later than the late-timer bound after their deadline
     */
    public record Faults(long errors, long cpuHogs, long wallHogs, long starved, long late) {
    }
}
