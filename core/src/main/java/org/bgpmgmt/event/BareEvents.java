package org.bgpmgmt.event;

import java.util.function.Consumer;

/**
 * Events that other threads add with no handle, argument or value, and every
 * {@link EventLoop#submit}: "bare" events. They cross the submission queue as the task alone, and
 * on the loop they wait in a ring, in arrival order, instead of on a handle each. One pooled handle
 * per run of consecutive bare events stands in the events queue for the whole run, so the run keeps
 * its place among the events linked around it; the scheduler runs a run's tasks when it reaches
 * that handle, each task seeing the run's handle as its {@code self}.
 *
 * <p>Loop thread only.
 */
final class BareEvents {
    /** The task of a run's handle: a marker the scheduler recognises, never invoked itself. */
    static final Task RUN = new Task() {
        @Override
        public void run(final TaskHandle self) {
            throw new IllegalStateException("a run of bare events is run by the scheduler");
        }

        @Override
        public String name() {
            return "bare events";
        }
    };

    private Task[] ring = new Task[1024];
    private int head;
    private int size;
    /** The handle of the newest run while it is still the last event queued: the next bare event joins it. */
    private TaskHandle open;

    /**
     * Queues {@code task} behind the others.
     *
     * @return true if it joined the open run; false if the caller must link a new run's handle
     *     (with value 1) and pass it to {@link #opened}
     */
    boolean join(final Task task, final TaskQueue events) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = task;
        size++;
        if (open != null && open.task == RUN && events.peekLast() == open) { // not yet run, nor recycled
            open.value++;
            return true;
        }
        return false;
    }

    void opened(final TaskHandle run) {
        open = run;
    }

    /** The next task to run; the ring is not empty. */
    Task peek() {
        return ring[head];
    }

    Task poll() {
        final Task task = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return task;
    }

    /** Hands every queued task to {@code sink} and forgets it: the loop stopped before their runs. */
    void drain(final Consumer<Task> sink) {
        open = null;
        while (size > 0) {
            sink.accept(poll());
        }
    }

    private void grow() {
        final Task[] bigger = new Task[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
