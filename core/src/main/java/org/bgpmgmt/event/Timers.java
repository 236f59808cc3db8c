package org.bgpmgmt.event;

import java.util.List;

/**
 * The loop's timers: a heap ordered by deadline, and the timers added by the task now running,
 * which get their deadline only when that task ends.
 *
 * <p><b>Never early, no clock read per add.</b> A timer added from a running task is due
 * {@code delay} after the <em>end</em> of that task, read from the clock the loop reads anyway to
 * account the task. The end comes after the add, so the deadline can only be late (by at most the
 * rest of the adding task), never early; the add itself reads no clock and touches no heap, and a
 * timer cancelled before its task ends (the re-arm pattern: add, then cancel or re-add) never
 * reaches the heap. Timers added from another thread, or between turns, take the clock at the add.
 * A timer fires in the first turn whose clock reading is at or past its deadline.
 *
 * <p>Loop thread only.
 */
final class Timers {
    private final TimerHeap heap = new TimerHeap();
    private final TaskQueue settling = new TaskQueue();
    private long order;

    /** Adds a timer whose {@link TaskHandle#deadline} is set. */
    void add(final TaskHandle h) {
        h.timerOrder = order++;
        heap.add(h);
    }

    /** Adds a timer of the running task: due {@code delayNanos} after that task ends. */
    void addAfterTask(final TaskHandle h, final long delayNanos) {
        h.timerOrder = order++;
        h.deadline = delayNanos;
        settling.add(h);
    }

    /** At the end of a task, at {@code end}: its timers get their deadlines and enter the heap. */
    void settle(final long end) {
        TaskHandle h;
        while ((h = settling.poll()) != null) {
            h.deadline += end;
            heap.add(h);
        }
    }

    boolean settling() {
        return !settling.isEmpty();
    }

    /** Moves every timer due at {@code now} to {@code ready}, earliest first. */
    void expire(final long now, final TaskQueue ready) {
        for (TaskHandle t = heap.peek(); t != null && t.deadline - now <= 0; t = heap.peek()) {
            heap.poll();
            ready.add(t);
        }
    }

    /** Returns the earliest deadline, or {@code fallback} when no timer is in the heap. */
    long nextDeadline(final long fallback) {
        final TaskHandle next = heap.peek();
        return next == null ? fallback : next.deadline;
    }

    /** Returns how many timers are scheduled, settling ones included. */
    int size() {
        int n = heap.size();
        for (TaskHandle h = settling.peek(); h != null; h = h.next) {
            n++;
        }
        return n;
    }

    boolean isEmpty() {
        return heap.size() == 0 && settling.isEmpty();
    }

    /** Removes {@code h} from the heap; a settling timer leaves through its queue, like any other. */
    void remove(final TaskHandle h) {
        heap.remove(h);
    }

    void collect(final List<TaskHandle> into) {
        for (int i = 0; i < heap.size(); i++) {
            into.add(heap.at(i));
        }
        for (TaskHandle h = settling.peek(); h != null; h = h.next) {
            into.add(h);
        }
    }
}
