package org.bgpmgmt.event;

/**
 * An intrusive FIFO of task handles: the links live in the handles, so adding, removing and
 * splicing allocate nothing and removal from the middle (a cancel) is O(1).
 *
 * <p>Loop thread only.
 */
final class TaskQueue {
    private TaskHandle head;
    private TaskHandle tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    TaskHandle peek() {
        return head;
    }

    TaskHandle peekLast() {
        return tail;
    }

    void add(final TaskHandle h) {
        assert h.queue == null : "handle already queued";
        h.queue = this;
        h.prev = tail;
        h.next = null;
        if (tail == null) {
            head = h;
        } else {
            tail.next = h;
        }
        tail = h;
        size++;
    }

    TaskHandle poll() {
        final TaskHandle h = head;
        if (h != null) {
            remove(h);
        }
        return h;
    }

    void remove(final TaskHandle h) {
        assert h.queue == this : "handle not in this queue";
        final TaskHandle prev = h.prev;
        final TaskHandle next = h.next;
        if (prev == null) {
            head = next;
        } else {
            prev.next = next;
        }
        if (next == null) {
            tail = prev;
        } else {
            next.prev = prev;
        }
        h.prev = null;
        h.next = null;
        h.queue = null;
        size--;
    }

    /** Moves every handle of {@code other} to the end of this queue, keeping their order. */
    void takeAll(final TaskQueue other) {
        if (other.head == null) {
            return;
        }
        for (TaskHandle h = other.head; h != null; h = h.next) {
            h.queue = this;
        }
        if (tail == null) {
            head = other.head;
        } else {
            tail.next = other.head;
            other.head.prev = tail;
        }
        tail = other.tail;
        size += other.size;
        other.head = null;
        other.tail = null;
        other.size = 0;
    }
}
