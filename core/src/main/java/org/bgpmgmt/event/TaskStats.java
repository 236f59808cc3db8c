package org.bgpmgmt.event;

/**
 * The accounting figures of every task run under one name, as FRR's {@code show event cpu} shows
 * them. An immutable snapshot; any thread.
 *
 * @param name the accounting name (handle name, named task, or the readable default)
 * @param kinds the kinds seen under this name, as {@link TaskKind#code()} letters
 * @param calls how many times a task of this name ran
 * @param totalWallNanos wall-clock time spent in those runs
 * @param maxWallNanos the longest run, wall clock
 * @param totalCpuNanos thread CPU time charged to those runs, shared out by wall time as
 *     {@link EventLoop#showCpu()} explains (0 when CPU timing is off)
 * @param maxCpuNanos the largest CPU time charged to one run
 * @param errors runs that ended by throwing
 * @param cpuHogs runs over the CPU threshold (FRR's "CPU HOG" warning)
 * @param wallHogs runs over the wall-clock threshold without being over the CPU one (blocked)
 * @param starved runs that waited in the ready queue longer than the starvation bound
 * @param late timer runs that started later than the late-timer bound after their deadline
 */
public record TaskStats(String name, String kinds, long calls, long totalWallNanos, long maxWallNanos,
                        long totalCpuNanos, long maxCpuNanos, long errors, long cpuHogs, long wallHogs,
                        long starved, long late) {
}
