package org.bgpmgmt.examples.bgp;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions that depend on real sockets (a copy of core's test helper). */
final class Await {
    private Await() {
    }

    /** Waits up to 15 s for {@code condition}. */
    static void until(final String what, final BooleanSupplier condition) {
        until(what, Duration.ofSeconds(15), condition);
    }

    /** Waits up to {@code timeout} for {@code condition}, polling every 2 ms. */
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
}
