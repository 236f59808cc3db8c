package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;

/**
 * The requests of one connection still waiting for their reply (the async form of bfdd's blocking
 * {@code bfd_dplane_expect}): a fixed table of slots indexed by the 16-bit request id, and one
 * timeout timer for the whole table. Loop thread only.
 *
 * <p><b>Ids.</b> The table has a power-of-two number of slots; an id is {@code generation * slots +
 * slot}, so the slot of a reply is {@code id & (slots - 1)} and the stored id confirms it. Each reuse
 * of a slot moves to the next generation, so a late reply to a request that timed out does not
 * complete its successor. Slot 0 stays unused, so id 0, which in bfddp marks an unsolicited
 * message, is never handed out.
 *
 * <p><b>Timeouts.</b> Every request waits the same time, so deadlines fall in the order requests
 * were sent: the waiting slots form a list in that order, and one timer is armed for its head (the
 * earliest deadline). Time is the loop's clock, so tests may drive it by hand. A reply unlinks its
 * slot without touching the timer; a timer that finds the head not yet due re-arms for it.
 *
 * <p>Nothing is allocated per request here: no timer handle, no boxed key, no description string
 * (the message of a failure is built only when a request fails).
 */
final class RequestTable {
    private static final int NONE = -1;

    private final EventLoop loop;
    private final long timeoutNanos;
    private final int mask;
    private final int capacity;
    private final int[] ids;
    private final int[] replyTypes;
    private final long[] sentNanos;
    private final long[] echoTimes;
    private final CompletableFuture<?>[] futures;
    private final ReplyDecoder<?>[] decoders;
    private final int[] next;
    private final int[] prev;
    private final int[] free;
    private final TaskHandle timeoutTimer;
    private final Task expire = self -> expire();
    private final EchoMessage echo = new EchoMessage();
    private int freeCount;
    private int head = NONE;
    private int tail = NONE;
    private int size;

    /**
     * Creates a table for {@code capacity} requests (1..65535) that time out after {@code
     * timeoutNanos} on {@code loop}'s clock.
     */
    RequestTable(final EventLoop loop, final String name, final int capacity, final long timeoutNanos) {
        if (capacity < 1 || capacity > 0xFFFF) {
            throw new IllegalArgumentException("capacity out of 1..65535: " + capacity);
        }
        this.loop = loop;
        this.timeoutNanos = timeoutNanos;
        this.capacity = capacity;
        // Slot 0 is never used, so no generation can make id 0: one slot more than the capacity.
        final int slots = Integer.highestOneBit(capacity) << 1;
        this.mask = slots - 1;
        this.ids = new int[slots];
        this.replyTypes = new int[slots];
        this.sentNanos = new long[slots];
        this.echoTimes = new long[slots];
        this.futures = new CompletableFuture<?>[slots];
        this.decoders = new ReplyDecoder<?>[slots];
        this.next = new int[slots];
        this.prev = new int[slots];
        this.free = new int[slots];
        for (int s = slots - 1; s >= 1; s--) {
            free[freeCount++] = s; // slot 1 on top: the first id is 1, as bfdd's allocator starts
            ids[s] = (s - slots) & 0xFFFF; // the generation before the first
        }
        this.timeoutTimer = new TaskHandle(name + "_request_timeout");
    }

    /** Returns how many requests wait for replies. */
    int size() {
        return size;
    }

    /** Returns true when no more requests may wait. */
    boolean isFull() {
        return size >= capacity;
    }

    /**
     * Takes a slot for a request that expects a reply of {@code replyType} and returns its id,
     * never 0; the caller has checked {@link #isFull()}.
     */
    int add(final int replyType, final CompletableFuture<?> future, final ReplyDecoder<?> decoder) {
        assert !isFull() && loop.inLoop();
        final int slot = free[--freeCount];
        final int id = (ids[slot] + mask + 1) & 0xFFFF; // the next generation; the low bits stay the slot
        ids[slot] = id;
        replyTypes[slot] = replyType;
        futures[slot] = future;
        decoders[slot] = decoder;
        echoTimes[slot] = 0;
        sentNanos[slot] = loop.clock().nanoTime();
        link(slot);
        size++;
        if (!timeoutTimer.isScheduled()) {
            arm();
        }
        return id;
    }

    /** Records the dp_time an echo request carried, which pairs a reply that comes with id 0. */
    void echoTime(final int id, final long dpTime) {
        echoTimes[id & mask] = dpTime;
    }

    /**
     * Takes a slot for an echo and writes its ECHO_REQUEST at {@code at}. bfdd 8.4 answers with id
     * 0 and the dp_time echoed, so the id goes into dp_time's low 16 bits too and pairs the reply in
     * one lookup; dp_time is ours to choose, and stays within 65 ms of the real time.
     */
    void addEcho(final CompletableFuture<Long> future, final ByteBuffer out, final int at) {
        final int id = add(MessageType.ECHO_REPLY, future, null);
        final long dpTime = (EpochMicros.now() & ~0xFFFFL) | id;
        echoTimes[id & mask] = dpTime;
        echo.encodeRequest(out, at, id).dpTime(dpTime);
    }

    /** Returns the slot of the request {@code id} waiting for a reply of {@code type}, or -1. */
    int find(final int id, final int type) {
        if (id == 0) {
            return NONE;
        }
        final int slot = id & mask;
        return futures[slot] != null && ids[slot] == id && replyTypes[slot] == type ? slot : NONE;
    }

    /**
     * Returns the slot of the echo that carried {@code dpTime}, or -1. The sender puts the request
     * id into the low 16 bits of dp_time (see {@link Connection#echo}), so bfdd's id-0 replies are
     * paired in one lookup, without scanning.
     */
    int findEcho(final long dpTime) {
        final int slot = find((int) (dpTime & 0xFFFF), MessageType.ECHO_REPLY);
        return slot != NONE && echoTimes[slot] == dpTime ? slot : NONE;
    }

    /**
     * Completes the request a frame answers, if one waits for it: an echo with the round trip on
     * the loop's clock, any other with what its decoder makes of the frame (a decoder's exception
     * fails it). Returns false when no request waits for this frame.
     */
    @SuppressWarnings("unchecked")
    boolean answer(final int type, final int id, final ByteBuffer in, final int at, final int length) {
        final int slot = type == MessageType.ECHO_REPLY && id == 0 ? findEcho(echo.wrap(in, at).dpTime())
            : find(id, type);
        if (slot == NONE) {
            return false;
        }
        final ReplyDecoder<?> d = decoders[slot];
        final long waited = loop.clock().nanoTime() - sentNanos[slot];
        final CompletableFuture<Object> f = (CompletableFuture<Object>) futures[slot];
        release(slot); // before decoding: a decoder that closes the connection must not fail this request
        try {
            f.complete(type == MessageType.ECHO_REPLY ? (Object) waited : d == null ? null : d.decode(in, at, length));
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return true;
    }

    /** Fails the request in {@code slot} with {@code failure} and frees the slot. */
    private void fail(final int slot, final Throwable failure) {
        final CompletableFuture<?> f = futures[slot];
        release(slot);
        f.completeExceptionally(failure);
    }

    /** Fails every waiting request with a {@link ConnectionClosedException} and stops the timer. */
    void failAll(final String peer, final String reason) {
        loop.cancel(timeoutTimer);
        while (head != NONE) {
            final int slot = head;
            fail(slot, new ConnectionClosedException(what(slot, peer) + " failed: connection closed: " + reason));
        }
    }

    private String what(final int slot, final String peer) {
        return "request " + ids[slot] + " (awaiting type " + replyTypes[slot] + ") to " + peer;
    }

    private void expire() {
        final long now = loop.clock().nanoTime();
        while (head != NONE && now - sentNanos[head] >= timeoutNanos) {
            final int slot = head;
            fail(slot, new RequestTimeoutException(what(slot, "the peer") + " got no reply within "
                + timeoutNanos / 1_000_000 + " ms"));
        }
        arm();
    }

    private void arm() {
        if (head == NONE) {
            return;
        }
        final long left = sentNanos[head] + timeoutNanos - loop.clock().nanoTime();
        loop.addTimerMillis(Math.max(0, (left + 999_999) / 1_000_000), expire, this, timeoutTimer);
    }

    private void release(final int slot) {
        unlink(slot);
        futures[slot] = null;
        decoders[slot] = null;
        free[freeCount++] = slot;
        size--;
    }

    private void link(final int slot) {
        next[slot] = NONE;
        prev[slot] = tail;
        if (tail == NONE) {
            head = slot;
        } else {
            next[tail] = slot;
        }
        tail = slot;
    }

    private void unlink(final int slot) {
        final int p = prev[slot];
        final int n = next[slot];
        if (p == NONE) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail = p;
        } else {
            prev[n] = p;
        }
    }
}
