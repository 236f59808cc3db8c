package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.ManualClock;
import org.bgpmgmt.transport.PlainTransport;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link Connection} alone, over a loopback socket, with a recording dispatcher; the test
 * thread drives the loop on a manual clock, so the request timeout moves only when told.
 */
@Timeout(30)
class ConnectionTest {
    private static final int USER_TYPE = 0x0300;

    private final ManualClock clock = new ManualClock();
    private final Recorder dispatcher = new Recorder();
    private EventLoop loop;
    private ServerSocketChannel server;
    private SocketChannel peer;
    private Connection connection;

    /** What the connection told the rest of the context. */
    static final class Recorder implements Dispatcher {
        final List<String> events = new ArrayList<>();

        @Override
        public void dispatch(final Connection from, final int type, final ByteBuffer in, final int offset,
                             final int length) {
            events.add("frame " + type + " " + in.getInt(offset + 8));
        }

        @Override
        public void protocolError(final Connection from, final String reason) {
            events.add("protocol error");
            from.close(reason);
        }

        @Override
        public void idle(final Connection from, final long silentMillis) {
            events.add("idle");
            from.close("idle");
        }

        @Override
        public void lost(final Connection from, final String reason) {
            events.add("lost");
            from.close(reason);
        }

        @Override
        public void tlsFailed(final Connection from, final String reason) {
            events.add("tls failed");
            from.close(reason);
        }

        @Override
        public void closed(final Connection from) {
            events.add("closed");
        }
    }

    @BeforeEach
    void open() throws IOException {
        loop = ManualClock.loop(clock);
        loop.runOnce(0);
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = SocketChannel.open(server.getLocalAddress());
        final SocketChannel accepted = server.accept();
        accepted.configureBlocking(false);
        final BgpMgmtConfig config = new BgpMgmtConfig().outputBufferSize(256).maxPendingRequests(2)
            .requestTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(10)).registry(new org.bgpmgmt.wire.MessageRegistry<MessageHandler>()
                .register(USER_TYPE, "USER", 4, (c, b, o, l) -> { }));
        connection = new Connection(dispatcher, loop, new Settings(config));
        connection.open(new PlainTransport(accepted), "test-peer");
    }

    @AfterEach
    void close() throws IOException {
        connection.close("test over");
        peer.close();
        server.close();
        // Between turns on the loop thread, shutdown runs the final turn itself.
        assertTrue(loop.shutdown(Duration.ofSeconds(1)), "the manual loop finished");
        assertFalse(EventLoop.inAnyLoop(), "the test thread drives no loop any more");
    }

    @Test
    void shouldDispatchEveryWholeFrameAndKeepThePartialOne() throws IOException {
        final ByteBuffer three = ByteBuffer.allocate(36);
        for (int i = 0; i < 3; i++) {
            three.put(user(0, 10 + i));
        }
        peer.write(three.flip().limit(30)); // two whole frames and half of the third
        turnsUntil(() -> dispatcher.events.size() == 2);
        assertEquals(List.of("frame 768 10", "frame 768 11"), dispatcher.events);
        peer.write(three.limit(36));
        turnsUntil(() -> dispatcher.events.size() == 3);
        assertEquals("frame 768 12", dispatcher.events.get(2));
    }

    @Test
    void shouldAnswerEchoesItselfWithTheirId() throws IOException {
        peer.write(Frames.echoRequest(77, 1234));
        final EchoMessage reply = new EchoMessage().wrap(read(MessageType.ECHO_LENGTH), 0);
        assertEquals(MessageType.ECHO_REPLY, reply.type());
        assertEquals(77, reply.id());
        assertEquals(1234, reply.dpTime());
        assertTrue(dispatcher.events.isEmpty(), "echoes never reach the dispatcher");
    }

    @Test
    void shouldGiveEveryEchoReplyOfOneBatchTheBatchTimeAndItsOwnDpTime() throws IOException {
        final int count = 8;
        final ByteBuffer batch = ByteBuffer.allocate(count * MessageType.ECHO_LENGTH);
        for (int i = 0; i < count; i++) {
            batch.put(Frames.echoRequest(100 + i, 5_000 + i));
        }
        final long before = EpochMicros.now();
        peer.write(batch.flip());
        final ByteBuffer replies = read(count * MessageType.ECHO_LENGTH);
        final long after = EpochMicros.now();
        // The premise: all eight requests came in one read (one batch), as one small loopback write does.
        assertEquals(count * MessageType.ECHO_LENGTH, connection.stats().input().bufferedPeak(), "one read batch");
        final EchoMessage reply = new EchoMessage();
        final long batchTime = reply.wrap(replies, 0).bfddTime();
        assertTrue(batchTime >= before && batchTime <= after, batchTime + " not in [" + before + ", " + after + "]");
        for (int i = 0; i < count; i++) {
            reply.wrap(replies, i * MessageType.ECHO_LENGTH);
            assertEquals(MessageType.ECHO_REPLY, reply.type());
            assertEquals(100 + i, reply.id());
            assertEquals(5_000 + i, reply.dpTime(), "each reply echoes its own dp_time");
            assertEquals(batchTime, reply.bfddTime(), "reply " + i + " carries the batch's time");
        }
    }

    @Test
    void shouldPairAReplyByIdAndTimeOutTheOtherOnTheLoopClock() throws IOException {
        final CompletableFuture<Integer> answered = connection.request(12, (out, at, id) -> write(out, at, id, 5),
            USER_TYPE + 1, (in, at, length) -> in.getInt(at + 8));
        final CompletableFuture<Integer> ignored = connection.request(12, (out, at, id) -> write(out, at, id, 6),
            USER_TYPE + 1, (in, at, length) -> in.getInt(at + 8));
        final CompletableFuture<Integer> third = connection.request(12, (out, at, id) -> write(out, at, id, 7),
            USER_TYPE + 1, (in, at, length) -> 0);
        assertInstanceOf(IllegalStateException.class, cause(third), "maxPendingRequests is 2");
        final ByteBuffer first = read(12);
        final ByteBuffer second = read(12);
        assertEquals(5, first.getInt(8));
        assertEquals(6, second.getInt(8));
        peer.write(user(first.getShort(4), 25).putShort(2, (short) (USER_TYPE + 1)));
        turnsUntil(answered::isDone);
        assertEquals(25, answered.join());
        assertTrue(dispatcher.events.isEmpty(), "an awaited reply never reaches the dispatcher");
        clock.advance(Duration.ofMillis(4_999));
        loop.runOnce(0);
        assertFalse(ignored.isDone());
        clock.advance(Duration.ofMillis(1));
        loop.runOnce(0);
        assertInstanceOf(RequestTimeoutException.class, cause(ignored));
    }

    @Test
    void shouldQueueARequestTheFullBufferCannotTakeTimedFromTheCallAndFailItOnClose() {
        int frames = 0;
        for (int at = connection.reserve(12); at >= 0; at = connection.reserve(12)) {
            write(connection.output(), at, 0, 1); // the peer does not read: socket and buffer fill up
            connection.commit(12);
            assertTrue(++frames < 10_000_000, "the socket never filled");
        }
        final CompletableFuture<Integer> timed = connection.request(12, (out, at, id) -> write(out, at, id, 5),
            USER_TYPE + 1, (in, at, length) -> 0);
        assertFalse(timed.isDone(), "waits for room instead of failing: " + timed);
        clock.advance(Duration.ofSeconds(2));
        loop.runOnce(0);
        final CompletableFuture<Integer> closed = connection.request(12, (out, at, id) -> write(out, at, id, 6),
            USER_TYPE + 1, (in, at, length) -> 0);
        assertFalse(closed.isDone());
        assertInstanceOf(IllegalStateException.class, cause(connection.request(12,
            (out, at, id) -> write(out, at, id, 7), USER_TYPE + 1, (in, at, length) -> 0)),
            "maxPendingRequests (2) counts the requests waiting for room, and refuses at once");
        clock.advance(Duration.ofSeconds(3));
        loop.runOnce(0);
        assertInstanceOf(RequestTimeoutException.class, cause(timed), "5 s from the call, not from the send");
        assertFalse(closed.isDone());
        connection.close("test");
        assertInstanceOf(ConnectionClosedException.class, cause(closed));
        assertEquals(0, connection.attachedRows(), "a request that ended while waiting leaves no row attached");
    }

    @Test
    void shouldEncodeOwedRowsInOrderAheadOfReservedFrames() throws IOException {
        final List<Integer> written = new ArrayList<>();
        for (int i = 1; i <= 30; i++) { // 30 x 12 bytes: more than the 256-byte buffer takes at once
            final int value = i;
            final CatalogRow row = new CatalogRow() {
                @Override
                protected int owedLength() {
                    return 12;
                }

                @Override
                protected void writeOwed(final ByteBuffer out, final int at) {
                    written.add(value);
                    write(out, at, 0, value);
                }
            };
            row.attach(connection);
            assertTrue(row.owe());
            assertTrue(row.owe(), "owing twice queues once");
        }
        final int at = connection.reserve(12);
        assertTrue(at >= 0, "the socket takes what the buffer cannot, so room is found");
        write(connection.output(), at, 0, 99);
        connection.commit(12);
        connection.flush();
        for (int i = 1; i <= 30; i++) {
            assertEquals(i, read(12).getInt(8), "rows leave in the order they were owed, once each");
        }
        assertEquals(99, read(12).getInt(8), "a reserved frame goes behind every owed row");
        assertEquals(30, written.size());
    }

    @Test
    void shouldDropARowThatCouldNeverFitAndSendTheRest() throws IOException {
        final CatalogRow huge = new CatalogRow() {
            @Override
            protected int owedLength() {
                return 257; // the output buffer holds 256
            }

            @Override
            protected void writeOwed(final ByteBuffer out, final int at) {
                throw new AssertionError("never written");
            }
        };
        huge.attach(connection);
        huge.owe();
        final CatalogRow small = new CatalogRow() {
            @Override
            protected int owedLength() {
                return 12;
            }

            @Override
            protected void writeOwed(final ByteBuffer out, final int at) {
                write(out, at, 0, 5);
            }
        };
        small.attach(connection);
        small.owe();
        final IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            connection::flush);
        assertTrue(e.getMessage().contains("owes 257 bytes"), e.getMessage());
        assertFalse(huge.isQueued());
        connection.flush();
        assertEquals(5, read(12).getInt(8), "the queue moved on");
    }

    @Test
    void shouldCloseWhenSilentForTheIdleTimeoutOnTheLoopClock() throws IOException {
        clock.advance(Duration.ofSeconds(6));
        peer.write(user(0, 1)); // input 6 s in: the silence starts again
        turnsUntil(() -> dispatcher.events.size() == 1);
        clock.advance(Duration.ofSeconds(6));
        loop.runOnce(0);
        assertTrue(connection.isUp(), "12 s after open, but only 6 s after the last input");
        clock.advance(Duration.ofSeconds(4));
        loop.runOnce(0);
        assertFalse(connection.isUp());
        assertEquals(List.of("frame 768 1", "idle", "closed"), dispatcher.events);
    }

    @Test
    void shouldCloseOnAProtocolErrorThroughTheDispatcher() throws IOException {
        peer.write(Frames.raw(2, MessageType.ECHO_REQUEST, 1, 24, 24)); // wrong version
        turnsUntil(() -> !connection.isUp());
        assertEquals(List.of("protocol error", "closed"), dispatcher.events);
        assertEquals(1, connection.stats().faults().protocolErrors());
    }

    private static ByteBuffer user(final int id, final int value) {
        final ByteBuffer b = ByteBuffer.allocate(12);
        write(b, 0, id, value);
        return b;
    }

    private static void write(final ByteBuffer out, final int at, final int id, final int value) {
        out.put(at, (byte) 1).put(at + 1, (byte) 0).putShort(at + 2, (short) USER_TYPE).putShort(at + 4, (short) id)
            .putShort(at + 6, (short) 12).putInt(at + 8, value);
    }

    /** Reads exactly {@code length} bytes from the peer while the loop turns (it may have to write them). */
    private ByteBuffer read(final int length) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(length);
        peer.configureBlocking(false);
        try {
            for (int i = 0; i < 1_000 && b.hasRemaining(); i++) {
                if (peer.read(b) == 0) {
                    loop.runOnce(5);
                }
            }
        } finally {
            peer.configureBlocking(true);
        }
        assertFalse(b.hasRemaining(), "read " + b.position() + " of " + length + " bytes");
        return b.flip();
    }

    private void turnsUntil(final BooleanSupplier done) {
        for (int i = 0; i < 1_000 && !done.getAsBoolean(); i++) {
            loop.runOnce(5); // bounded: at most 1000 turns of at most 5 ms each
        }
        assertTrue(done.getAsBoolean(), "not within 1000 turns: " + dispatcher.events);
    }

    private static Throwable cause(final CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("completed normally");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
