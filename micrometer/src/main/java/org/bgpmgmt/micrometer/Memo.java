package org.bgpmgmt.micrometer;

import java.util.function.Supplier;

/**
 * A value read at most once per interval, so that one scrape's many meters share one read of a
 * loop's figures instead of asking the loop once per meter. Any thread.
 *
 * @param <T> the value's type
 */
final class Memo<T> {
    private final Supplier<T> source;
    private final long intervalNanos;
    private volatile T value;
    private volatile long readAt;

    Memo(final Supplier<T> source, final long intervalNanos) {
        this.source = source;
        this.intervalNanos = intervalNanos;
    }

    /** Makes the next {@link #get()} read the source again. */
    void invalidate() {
        value = null;
    }

    T get() {
        final long now = System.nanoTime();
        T v = value;
        if (v == null || now - readAt >= intervalNanos) {
            v = source.get();
            value = v;
            readAt = now;
        }
        return v;
    }
}
