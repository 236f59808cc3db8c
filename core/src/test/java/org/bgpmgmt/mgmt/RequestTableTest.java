package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.ManualClock;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pending-request table on a manual clock: the test thread drives the loop, nothing sleeps. */
class RequestTableTest {
    private static final int REPLY = 0x0301;
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(5).toNanos();

    private final ManualClock clock = new ManualClock();
    private EventLoop loop;

    @BeforeEach
    void claimTheLoop() {
        loop = ManualClock.loop(clock);
        loop.runOnce(0); // the test thread becomes the loop thread
    }

    @AfterEach
    void stopTheLoop() {
        // Between turns on the loop thread, shutdown runs the final turn itself.
        assertTrue(loop.shutdown(Duration.ofSeconds(1)), "the manual loop finished");
        assertFalse(EventLoop.inAnyLoop(), "the test thread drives no loop any more");
    }

    @Test
    void shouldHandOutNonZeroIdsAndPairRepliesByIdAndType() {
        final RequestTable table = new RequestTable(loop, "t", 4, TIMEOUT_NANOS);
        final CompletableFuture<Object> first = new CompletableFuture<>();
        final int id = table.add(REPLY, first, (in, at, length) -> in.getInt(at + 8));
        assertEquals(1, id, "the first id is 1, never 0");
        assertEquals(-1, table.find(id, REPLY + 1), "a reply of another type is not this request's");
        assertEquals(-1, table.find(0, REPLY), "id 0 is unsolicited");
        assertFalse(table.answer(REPLY + 1, id, reply(id, 1), 0, 12), "another type answers nothing");
        assertTrue(table.answer(REPLY, id, reply(id, 42), 0, 12));
        assertEquals(42, first.join(), "the decoder made the value from the frame");
        assertEquals(0, table.size());
        assertEquals(-1, table.find(id, REPLY), "answered once");
    }

    @Test
    void shouldNotLetALateReplyCompleteTheNextRequestInTheSameSlot() {
        final RequestTable table = new RequestTable(loop, "t", 1, TIMEOUT_NANOS);
        final int old = table.add(REPLY, new CompletableFuture<>(), null);
        assertTrue(table.answer(REPLY, old, reply(old, 0), 0, 12));
        final int next = table.add(REPLY, new CompletableFuture<>(), null);
        assertNotEquals(old, next, "a reused slot gets the next generation's id");
        assertEquals(-1, table.find(old, REPLY), "the reply to the old id finds nothing");
        assertTrue(table.find(next, REPLY) >= 0);
    }

    @Test
    void shouldWrapAt16BitsAndNeverHandOutZero() {
        final RequestTable table = new RequestTable(loop, "t", 3, TIMEOUT_NANOS); // 4 slots, slot 0 unused
        final Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            final int id = table.add(REPLY, new CompletableFuture<>(), null);
            assertTrue(id > 0 && id <= 0xFFFF, "16 bits, never 0: " + id);
            assertEquals(1, id & 3, "one request at a time reuses slot 1: " + id);
            seen.add(id);
            assertTrue(table.answer(REPLY, id, reply(id, 0), 0, 12));
        }
        assertEquals(0x10000 / 4, seen.size(), "slot 1 steps through every generation before an id repeats");
    }

    @Test
    void shouldRefuseMoreThanItsCapacity() {
        final RequestTable table = new RequestTable(loop, "t", 2, TIMEOUT_NANOS);
        table.add(REPLY, new CompletableFuture<>(), null);
        assertFalse(table.isFull());
        table.add(REPLY, new CompletableFuture<>(), null);
        assertTrue(table.isFull());
    }

    @Test
    void shouldTimeOutInDeadlineOrderOnTheLoopClock() {
        final RequestTable table = new RequestTable(loop, "t", 8, TIMEOUT_NANOS);
        final CompletableFuture<Object> a = new CompletableFuture<>();
        final CompletableFuture<Object> b = new CompletableFuture<>();
        final CompletableFuture<Object> c = new CompletableFuture<>();
        table.add(REPLY, a, null);
        clock.advance(Duration.ofSeconds(1));
        final int idB = table.add(REPLY, b, null);
        clock.advance(Duration.ofSeconds(1));
        table.add(REPLY, c, null);
        assertTrue(table.answer(REPLY, idB, reply(idB, 0), 0, 12));
        clock.advance(Duration.ofMillis(2_999));
        loop.runOnce(0);
        assertFalse(a.isDone(), "4.999 s: not yet");
        clock.advance(Duration.ofMillis(1));
        loop.runOnce(0);
        assertTimedOut(a);
        assertTrue(b.isDone() && !b.isCompletedExceptionally(), "answered before its deadline");
        assertFalse(c.isDone());
        clock.advance(Duration.ofSeconds(2));
        loop.runOnce(0);
        assertTimedOut(c);
        assertEquals(0, table.size());
    }

    @Test
    void shouldPairAnIdZeroEchoReplyByItsDpTimeInOneLookup() {
        final RequestTable table = new RequestTable(loop, "t", 16, TIMEOUT_NANOS);
        table.add(REPLY, new CompletableFuture<>(), null);
        final int id = table.add(MessageType.ECHO_REPLY, new CompletableFuture<>(), null);
        final long dpTime = (123_456_789L << 16) | id;
        table.echoTime(id, dpTime);
        assertEquals(table.find(id, MessageType.ECHO_REPLY), table.findEcho(dpTime));
        assertEquals(-1, table.findEcho(dpTime + 0x10000), "same id bits, another time: not ours");
        assertEquals(-1, table.findEcho((dpTime & ~0xFFFFL) | 1), "a request that is no echo");
    }

    @Test
    void shouldFailEveryRequestWhenTheConnectionCloses() {
        final RequestTable table = new RequestTable(loop, "t", 4, TIMEOUT_NANOS);
        final CompletableFuture<Object> a = new CompletableFuture<>();
        final CompletableFuture<Object> b = new CompletableFuture<>();
        table.add(REPLY, a, null);
        table.add(REPLY, b, null);
        table.failAll("peer", "test");
        assertInstanceOf(ConnectionClosedException.class, cause(a));
        assertInstanceOf(ConnectionClosedException.class, cause(b));
        assertEquals(0, table.size());
        clock.advance(Duration.ofSeconds(10));
        loop.runOnce(0); // the timer was cancelled: nothing left to fire
    }

    @Test
    void shouldFailOnlyTheRequestWhoseDecoderThrows() {
        final RequestTable table = new RequestTable(loop, "t", 4, TIMEOUT_NANOS);
        final CompletableFuture<Object> bad = new CompletableFuture<>();
        final int id = table.add(REPLY, bad, (in, at, length) -> {
            throw new IllegalStateException("malformed reply");
        });
        assertTrue(table.answer(REPLY, id, reply(id, 0), 0, 12), "consumed");
        assertInstanceOf(IllegalStateException.class, cause(bad));
        assertEquals(0, table.size());
    }

    /** A 12-byte reply frame of type REPLY carrying {@code id} and {@code value}. */
    private static java.nio.ByteBuffer reply(final int id, final int value) {
        return java.nio.ByteBuffer.allocate(12).put(0, (byte) 1).putShort(2, (short) REPLY).putShort(4, (short) id)
            .putShort(6, (short) 12).putInt(8, value);
    }

    private static void assertTimedOut(final CompletableFuture<Object> f) {
        assertInstanceOf(RequestTimeoutException.class, cause(f));
    }

    private static Throwable cause(final CompletableFuture<Object> f) {
        assertTrue(f.isCompletedExceptionally());
        try {
            f.join();
            throw new AssertionError("completed normally");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
