package org.bgpmgmt.event;

/**
 * One row of the CPU table: the running figures for every task accounted under one name.
 *
 * <p>Loop thread only; {@link TaskStats} is the immutable copy handed to other threads.
 */
final class TaskCounters {
    private final String name;
    int kinds;
    long calls;
    long totalWallNanos;
    long maxWallNanos;
    long totalCpuNanos;
    long maxCpuNanos;
    long errors;
    long cpuHogs;
    long wallHogs;
    long starved;
    long late;
    /** Whether this task's last run or group averaged under {@link TaskRunner#SHORT_RUN_NANOS}. */
    boolean shortRuns;

    TaskCounters(final String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Records {@code runs} runs timed together (see {@link TaskRunner#runReady}): a short group counts its
     * average toward the maxima, any other its whole time, an upper bound of its slowest run.
     */
    void record(final TaskKind kind, final long wallNanos, final long cpuNanos, final int runs) {
        kinds |= 1 << kind.ordinal();
        calls += runs;
        totalWallNanos += wallNanos;
        totalCpuNanos += cpuNanos;
        final boolean shortGroup = runs > 1 && wallNanos < runs * TaskRunner.SHORT_RUN_NANOS;
        final long wall = shortGroup ? wallNanos / runs : wallNanos;
        final long cpu = shortGroup ? cpuNanos / runs : cpuNanos;
        if (wall > maxWallNanos) {
            maxWallNanos = wall;
        }
        if (cpu > maxCpuNanos) {
            maxCpuNanos = cpu;
        }
    }

    /**
     * Zeroes the figures ({@code clear event cpu}). The row object stays: named handles keep a
     * reference to it, so a fresh object would take none of their later runs.
     */
    void clear() {
        kinds = 0;
        calls = 0;
        totalWallNanos = 0;
        maxWallNanos = 0;
        totalCpuNanos = 0;
        maxCpuNanos = 0;
        errors = 0;
        cpuHogs = 0;
        wallHogs = 0;
        starved = 0;
        late = 0;
    }

    String kindCodes() {
        final StringBuilder sb = new StringBuilder(4);
        for (TaskKind k : TaskKind.values()) {
            if ((kinds & (1 << k.ordinal())) != 0) {
                sb.append(k.code());
            }
        }
        return sb.toString();
    }

    TaskStats snapshot() {
        return new TaskStats(name, kindCodes(), calls, new TaskStats.Timing(totalWallNanos, maxWallNanos),
            new TaskStats.Timing(totalCpuNanos, maxCpuNanos),
            new TaskStats.Faults(errors, cpuHogs, wallHogs, starved, late));
    }
}
