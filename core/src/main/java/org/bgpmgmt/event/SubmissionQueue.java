package org.bgpmgmt.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * The loop's inbox: an unbounded multi-producer, single-consumer FIFO that the consumer can close.
 * It carries what other threads hand to the loop (tasks added without a handle, armed handles,
 * cancels), one reference per entry.
 *
 * <p><b>Why not JCTools' queue.</b> An add must either run or tell its caller, also when the loop
 * stops meanwhile. With a queue that cannot be closed, an adder that sees the stop only after its
 * offer cannot know whether the loop took its entry, so it had to carry a handle it could withdraw
 * by compare-and-set; moving that handle between cores cost more than the queue itself. Here one
 * atomic add both reserves the slot and reads the closed bit: an offer that gets an index below the
 * index at which the consumer closed is taken by the consumer's last drain, and every later offer is
 * refused, so the adder knows at once and its entry can be a bare task.
 *
 * <p>Slots live in chunks of {@value #CHUNK_SIZE}. The producer whose index opens a chunk links
 * it (chunks are linked in order, so those producers take turns); a producer whose chunk is not
 * linked yet spins for it. The consumer hands finished chunks back through a small pool, so a
 * steady flow allocates nothing.
 *
 * <p>{@link #offer}, {@link #size}: any thread; the rest: the consumer (the loop thread) only.
 */
final class SubmissionQueue {
    static final int CHUNK_SIZE = 1024;
    private static final long MASK = CHUNK_SIZE - 1;
    private static final long CLOSED = 1L << 62;
    private static final int POOLED_CHUNKS = 8;
    /** Where the two counters sit in {@link #counters}: 128 bytes apart and from either end. */
    private static final int PRODUCER = 16;
    private static final int CONSUMER = 48;
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(SubmissionQueue.class, "tail", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One run of slots; {@code base} is the index of slot 0. */
    private static final class Chunk {
        final Object[] slots = new Object[CHUNK_SIZE];
        long base;
        Chunk prev; // toward older chunks, for a producer that fell behind the tail
        volatile Chunk next; // toward newer chunks, for the consumer

        Chunk(final long base) {
            this.base = base;
        }
    }

    /**
     * The producer index (bit 62: closed) and the consumer index, each in the middle of its own
     * 128-byte span, so that producers and the consumer never write the same cache line.
     */
    private final long[] counters = new long[CONSUMER + PRODUCER];
    private final SpscAtomicArrayQueue<Chunk> pool = new SpscAtomicArrayQueue<>(POOLED_CHUNKS);
    /** The newest linked chunk; written once per chunk. */
    private volatile Chunk tail;
    /** The consumer's chunk; consumer only. */
    private Chunk head;
    /** The producer index at {@link #close}, or -1 while open; consumer only. */
    private long closedAt = -1;

    SubmissionQueue() {
        head = new Chunk(0);
        tail = head;
    }

    /**
     * Appends {@code e}. Any thread.
     *
     * @param e the entry, not null
     * @return false when the queue is closed: the entry was not taken and never will be
     */
    boolean offer(final Object e) {
        final long index = (long) COUNTER.getAndAdd(counters, PRODUCER, 1L);
        if ((index & CLOSED) != 0) {
            return false;
        }
        SLOT.setRelease(chunkFor(index).slots, (int) (index & MASK), e);
        return true;
    }

    /**
     * Finds (or, for the producer of the chunk's first index, links) the chunk of {@code index}.
     * A chunk read from {@link #tail} is trusted only while it is still the tail: a chunk can be
     * recycled as soon as it is not, and then its fields describe its next life.
     */
    private Chunk chunkFor(final long index) {
        final long base = index & ~MASK;
        for (;;) {
            Chunk c = tail;
            final long tailBase = c.base;
            if (tailBase >= base && tail == c) {
                while (c.base > base) {
                    c = c.prev; // we fell behind the tail; our chunk cannot be recycled before our slot is
                }
                return c;
            }
            if (index == base && tailBase == base - CHUNK_SIZE && tail == c) {
                return append(c, base);
            }
            Thread.onSpinWait(); // the producer that opens our chunk has not linked it yet
        }
    }

    /** Links the chunk that starts at {@code base}; only the producer of that index calls this. */
    private Chunk append(final Chunk last, final long base) {
        Chunk c = pool.relaxedPoll();
        if (c == null) {
            c = new Chunk(base);
        }
        c.base = base;
        c.prev = last;
        c.next = null;
        last.next = c;
        TAIL.setVolatile(this, c);
        return c;
    }

    /**
     * Takes the oldest entry whose producer has finished its offer. Consumer only.
     *
     * @return the entry, or null when the queue is empty or the next offer is still being written
     */
    Object relaxedPoll() {
        final long index = (long) COUNTER.get(counters, CONSUMER);
        if (index == closedAt) {
            return null;
        }
        Chunk c = head;
        if (index - c.base == CHUNK_SIZE) {
            final Chunk next = c.next;
            if (next == null) {
                return null;
            }
            c = enter(c, next);
        }
        final int slot = (int) (index & MASK);
        final Object e = SLOT.getAcquire(c.slots, slot);
        if (e != null) {
            c.slots[slot] = null;
            COUNTER.setOpaque(counters, CONSUMER, index + 1);
        }
        return e;
    }

    private Chunk enter(final Chunk done, final Chunk next) {
        next.prev = null; // no producer can still need a chunk the consumer has finished
        head = next;
        done.next = null;
        pool.relaxedOffer(done); // its slots are all null again; dropped when the pool is full
        return next;
    }

    /**
     * Takes the oldest entry, waiting out an offer that has its index but has not written its entry
     * yet (a few instructions of another thread). Consumer only.
     *
     * @return the entry, or null when the queue is empty
     */
    Object poll() {
        Object e;
        while ((e = relaxedPoll()) == null && !isEmpty()) {
            Thread.onSpinWait();
        }
        return e;
    }

    /**
     * Refuses every later offer. Entries offered before remain and are drained as usual. Consumer
     * only; idempotent.
     */
    void close() {
        if (closedAt < 0) {
            closedAt = (long) COUNTER.getAndBitwiseOr(counters, PRODUCER, CLOSED);
        }
    }

    /**
     * Tells whether nothing is left to take, counting offers still being written as present.
     * Consumer only.
     *
     * @return true when empty
     */
    boolean isEmpty() {
        final long limit = closedAt >= 0 ? closedAt : (long) COUNTER.getVolatile(counters, PRODUCER);
        return (long) COUNTER.get(counters, CONSUMER) == limit;
    }

    /**
     * Returns how many entries wait, approximately while producers offer. Any thread.
     *
     * @return the count
     */
    int size() {
        final long produced = (long) COUNTER.getVolatile(counters, PRODUCER) & ~CLOSED;
        final long consumed = (long) COUNTER.getOpaque(counters, CONSUMER);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, produced - consumed));
    }
}
