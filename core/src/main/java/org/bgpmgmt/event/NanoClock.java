package org.bgpmgmt.event;

/**
 * The loop's monotonic time source in nanoseconds, replaceable so that tests can move time by hand.
 */
@FunctionalInterface
public interface NanoClock {
    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /**
     * Returns the current monotonic time. Any thread.
     *
     * @return nanoseconds from an arbitrary origin; only differences are meaningful
     */
    long nanoTime();
}
