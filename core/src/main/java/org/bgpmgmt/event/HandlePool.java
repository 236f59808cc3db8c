package org.bgpmgmt.event;

import org.jctools.queues.atomic.SpmcAtomicArrayQueue;

/**
 * Handles for tasks added without one, so that such an add allocates nothing: a free list the
 * loop thread uses alone, and an overflow queue from which the loop takes when its list runs dry
 * and other threads take handles for their adds that carry an argument. A handle returns only once
 * it is idle and unlinked.
 *
 * <p>{@link #take} and {@link #recycle}: loop thread; {@link #takeAnyThread}: any thread.
 */
final class HandlePool {
    private static final int LOCAL_LIMIT = 1024;

    /** Handles for handle-less adds from other threads, refilled by the loop: no allocation per add. */
    private final SpmcAtomicArrayQueue<TaskHandle> shared = new SpmcAtomicArrayQueue<>(LOCAL_LIMIT * 4);
    private TaskHandle local;
    private int localSize;

    TaskHandle take() {
        final TaskHandle h = local;
        if (h == null) {
            return takeAnyThread(); // what a burst bigger than the free list left in the overflow
        }
        local = h.next;
        h.next = null;
        localSize--;
        return h;
    }

    TaskHandle takeAnyThread() {
        final TaskHandle h = shared.relaxedPoll();
        return h != null ? h : new TaskHandle(null, true);
    }

    void recycle(final TaskHandle h) {
        if (!h.pooled || h.isLinked() || TaskHandle.stateOf(h.word()) != TaskHandle.IDLE) {
            return;
        }
        h.task = null;
        h.arg = null;
        h.channel = null;
        h.reqTask = null;
        h.reqArg = null;
        h.reqChannel = null;
        h.counters = null;
        if (localSize < LOCAL_LIMIT) {
            h.next = local;
            local = h;
            localSize++;
        } else {
            shared.relaxedOffer(h); // published to the other threads by the queue; dropped when full
        }
    }
}
