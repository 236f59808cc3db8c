package org.bgpmgmt.mgmt;

/**
 * Microseconds since the Unix epoch without allocating: the wall clock read once, then advanced by
 * the monotonic clock. bfddp's echo times are in these units.
 */
final class EpochMicros {
    private static final long BASE_NANOS = System.nanoTime();
    private static final long BASE_MICROS = System.currentTimeMillis() * 1000;

    private EpochMicros() {
    }

    static long now() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1000;
    }
}
