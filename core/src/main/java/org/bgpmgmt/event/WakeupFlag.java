package org.bgpmgmt.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Coalesces the wakeups of a selecting loop: the loop raises the flag before it blocks in select
 * and lowers it after; a thread that has just queued work claims the flag and, only if it won,
 * wakes the selector. So a burst of submitters costs one wakeup, and none while the loop runs.
 *
 * <p>No lost wakeup: the loop raises the flag and then looks at its queue; a submitter offers to
 * the queue and then looks at the flag. Both are full fences (a volatile store and a read-modify-
 * write), so at least one of them sees the other: the loop finds the work and does not block, or
 * the submitter finds the flag and wakes it.
 *
 * <p>{@link #raise} and {@link #lower}: loop thread; {@link #claim}: any thread.
 */
final class WakeupFlag {
    private static final VarHandle SELECTING;

    static {
        try {
            SELECTING = MethodHandles.lookup().findVarHandle(WakeupFlag.class, "selecting", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean selecting;

    /** Before a blocking select; the caller must look at its queue after this. */
    void raise() {
        SELECTING.getAndSet(this, true);
    }

    /** After a select, woken or not. */
    void lower() {
        SELECTING.getAndSet(this, false);
    }

    /** Whether the loop is about to block or blocks in select. */
    boolean raised() {
        return selecting;
    }

    /** After queueing work: true for the one caller that must wake the selector. */
    boolean claim() {
        // A plain volatile read first: while the loop runs tasks nobody needs a CAS, and a burst of
        // submitters does not fight over the cache line.
        return selecting && SELECTING.compareAndSet(this, true, false);
    }
}
