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

    TaskCounters(final String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void record(final TaskKind kind, final long wallNanos, final long cpuNanos) {
        kinds |= 1 << kind.ordinal();
        calls++;
        totalWallNanos += wallNanos;
        if (wallNanos > maxWallNanos) {
            maxWallNanos = wallNanos;
        }
        totalCpuNanos += cpuNanos;
        if (cpuNanos > maxCpuNanos) {
            maxCpuNanos = cpuNanos;
        }
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
        return new TaskStats(name, kindCodes(), calls, totalWallNanos, maxWallNanos, totalCpuNanos,
            maxCpuNanos, errors, cpuHogs, wallHogs, starved, late);
    }
}
