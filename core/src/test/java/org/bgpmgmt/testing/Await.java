package org.bgpmgmt.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for conditions that depend on real sockets, shared by the socket tests. */
public final class Await {
    private Await() {
    }

    /**
     * Waits up to 15 s for {@code condition}.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void until(final String what, final BooleanSupplier condition) {
        until(what, Duration.ofSeconds(15), condition);
    }

    /**
     * Waits up to {@code timeout} for {@code condition}, polling every 2 ms.
     *
     * @param what what is awaited, for the failure message
     * @param timeout the longest wait
     * @param condition the condition
     */
    public static void until(final String what, final Duration timeout, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Waits for {@code supplier} to return non-null, and returns that.
     *
     * @param what what is awaited
     * @param supplier the supplier
     * @param <T> the value's type
     * @return the first non-null value
     */
    public static <T> T value(final String what, final Supplier<T> supplier) {
        final Object[] box = new Object[1];
        until(what, () -> (box[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        final T t = (T) box[0];
        return t;
    }
}
