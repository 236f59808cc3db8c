package org.bgpmgmt.mgmt;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for conditions that depend on real sockets. */
final class Await {
    private Await() {
    }

    static void until(final String what, final BooleanSupplier condition) {
        until(what, Duration.ofSeconds(10), condition);
    }

    static void until(final String what, final Duration timeout, final BooleanSupplier condition) {
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

    static <T> T value(final String what, final Supplier<T> supplier) {
        final Object[] box = new Object[1];
        until(what, () -> (box[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        final T t = (T) box[0];
        return t;
    }
}
