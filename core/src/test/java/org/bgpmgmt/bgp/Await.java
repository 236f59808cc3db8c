package org.bgpmgmt.bgp;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions that depend on real sockets. */
final class Await {
    private Await() {
    }

    static void until(final String what, final BooleanSupplier condition) {
        until(what, Duration.ofSeconds(15), condition);
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
}
