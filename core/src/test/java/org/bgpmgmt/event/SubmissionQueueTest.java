package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SubmissionQueueTest {
    private final SubmissionQueue queue = new SubmissionQueue();

    @Test
    void shouldKeepOrderAcrossManyChunks() {
        final int n = SubmissionQueue.CHUNK_SIZE * 5 + 17;
        for (int round = 0; round < 3; round++) { // later rounds run on recycled chunks
            for (int i = 0; i < n; i++) {
                assertTrue(queue.offer(i));
            }
            assertEquals(n, queue.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, queue.relaxedPoll(), "round " + round);
            }
            assertNull(queue.relaxedPoll());
            assertTrue(queue.isEmpty());
            assertEquals(0, queue.size());
        }
    }

    @Test
    void shouldRefuseOffersOnceClosedAndStillHandOutThoseBefore() {
        assertTrue(queue.offer("a"));
        assertTrue(queue.offer("b"));
        queue.close();
        assertFalse(queue.offer("late"));
        queue.close(); // idempotent
        assertFalse(queue.isEmpty());
        assertEquals("a", queue.poll());
        assertEquals("b", queue.poll());
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
        assertFalse(queue.offer("later"));
        assertNull(queue.poll());
    }

    @Test
    void shouldCloseExactlyAtAChunkBoundary() {
        for (int i = 0; i < SubmissionQueue.CHUNK_SIZE; i++) {
            assertTrue(queue.offer(i));
        }
        queue.close();
        assertFalse(queue.offer("late"));
        for (int i = 0; i < SubmissionQueue.CHUNK_SIZE; i++) {
            assertEquals(i, queue.poll());
        }
        assertNull(queue.poll());
    }

    @Test
    void shouldKeepEveryProducersOrderWhileTheConsumerDrains() throws Exception {
        final int producers = 4;
        final int each = 40_000;
        final List<Thread> threads = new ArrayList<>();
        final CountDownLatch go = new CountDownLatch(1);
        for (int p = 0; p < producers; p++) {
            final long id = p;
            threads.add(new Thread(() -> {
                await(go);
                for (long i = 0; i < each; i++) {
                    assertTrue(queue.offer(id << 32 | i));
                }
            }, "producer-" + p));
        }
        threads.forEach(Thread::start);
        go.countDown();
        final long[] next = new long[producers];
        int taken = 0;
        final long giveUp = System.nanoTime() + 30_000_000_000L;
        while (taken < producers * each && System.nanoTime() < giveUp) {
            final Object e = queue.relaxedPoll();
            if (e == null) {
                Thread.onSpinWait();
                continue;
            }
            final long v = (Long) e;
            final int id = (int) (v >>> 32);
            assertEquals(next[id], v & 0xFFFF_FFFFL, "producer " + id + " out of order");
            next[id]++;
            taken++;
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(producers * each, taken);
        assertTrue(queue.isEmpty());
    }

    @Test
    void shouldHandOutEveryAcceptedOfferWhenClosedWhileProducersOffer() throws Exception {
        for (int round = 0; round < 20; round++) {
            final SubmissionQueue q = new SubmissionQueue();
            final AtomicLong accepted = new AtomicLong();
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                threads.add(new Thread(() -> {
                    while (q.offer(Boolean.TRUE)) {
                        accepted.incrementAndGet();
                    }
                }, "producer-" + p));
            }
            threads.forEach(Thread::start);
            long taken = 0;
            while (taken < 5_000 * (round + 1)) {
                if (q.relaxedPoll() != null) {
                    taken++;
                }
            }
            q.close();
            while (q.poll() != null) {
                taken++;
            }
            for (Thread t : threads) {
                t.join(10_000);
                assertFalse(t.isAlive());
            }
            assertEquals(accepted.get(), taken, "round " + round);
            assertNull(q.poll());
        }
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
