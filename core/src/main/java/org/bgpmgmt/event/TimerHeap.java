package org.bgpmgmt.event;

import java.util.Arrays;

/**
 * The timer queue: an intrusive binary min-heap ordered by deadline, then by the order of adding.
 *
 * <p>Why a heap rather than a hashed wheel: bfdd-style users keep a few thousand timers with
 * deadlines from milliseconds to minutes and need them exact (no tick rounding), in a strict order
 * for equal deadlines, and able to report their remaining time. A heap gives all three with
 * O(log n) add and cancel and O(1) peek. Each handle stores its own slot index, so cancel needs no
 * search, and the backing array only grows, so re-adding a reused handle allocates nothing.
 *
 * <p>Loop thread only.
 */
final class TimerHeap {
    private TaskHandle[] heap = new TaskHandle[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    TaskHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(final TaskHandle h) {
        assert h.heapIndex < 0 : "handle already in the timer heap";
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, h);
    }

    TaskHandle poll() {
        final TaskHandle top = heap[0];
        remove(top);
        return top;
    }

    void remove(final TaskHandle h) {
        final int i = h.heapIndex;
        assert i >= 0 && heap[i] == h : "handle not in the timer heap";
        final TaskHandle last = heap[--size];
        heap[size] = null;
        h.heapIndex = -1;
        if (last != h) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
    }

    TaskHandle at(final int i) {
        return heap[i];
    }

    private static boolean before(final TaskHandle a, final TaskHandle b) {
        final long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.timerOrder < b.timerOrder);
    }

    private void siftUp(int i, final TaskHandle h) {
        while (i > 0) {
            final int parent = (i - 1) >>> 1;
            final TaskHandle p = heap[parent];
            if (!before(h, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = h;
        h.heapIndex = i;
    }

    private void siftDown(int i, final TaskHandle h) {
        final int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            final int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], h)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = h;
        h.heapIndex = i;
    }
}
