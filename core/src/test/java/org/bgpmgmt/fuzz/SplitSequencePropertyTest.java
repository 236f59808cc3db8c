package org.bgpmgmt.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.wire.CountersReplyMessage;
import org.bgpmgmt.wire.CountersRequestMessage;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.FrameDecoder;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionFlags;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property (issue 6): a random valid sequence of bfddp messages, split at random byte boundaries,
 * decodes to the same messages.
 *
 * <p>For each seed: 1 to 200 messages of the seven built-in types with random field values, written
 * by the flyweights' encoders and concatenated. In memory, the stream is cut into random chunks
 * (single bytes, small and large pieces) and read into a compacting buffer through a
 * {@link FrameDecoder} the way a connection reads, with several buffer sizes; every frame must come
 * out byte for byte (type, id, length and every field), in order, with nothing left over. Over
 * loopback, the same kind of sequence goes to a data-plane server through the real read path in
 * random write pieces; its counters, its replies and its session events must match the sequence.
 */
class SplitSequencePropertyTest {

    private static final int[] BUFFER_SIZES = {MessageType.SESSION_LENGTH, 141, 256, 1000, 8192};

    /** One encoded message: where it starts in the stream, and its bytes. */
    record Message(int type, int id, int offset, byte[] bytes) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 0xB0F, 0xBFDD, 42, 4242})
    void shouldDecodeRandomSequencesSplitAtRandomBoundariesToTheSameFrames(final long seed) {
        final Random random = new Random(seed);
        final List<Message> messages = randomSequence(random, false);
        final byte[] stream = concatenate(messages);
        for (int trial = 0; trial < 10; trial++) {
            final int bufferSize = BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)];
            final List<byte[]> chunks = split(stream, random);
            final List<byte[]> decoded = decode(chunks, bufferSize);
            final String where = "seed " + seed + ", trial " + trial + ", buffer " + bufferSize + ", "
                + chunks.size() + " chunks";
            assertEquals(messages.size(), decoded.size(), "frames decoded, " + where);
            for (int i = 0; i < messages.size(); i++) {
                final Message m = messages.get(i);
                final byte[] frame = decoded.get(i);
                final ByteBuffer f = ByteBuffer.wrap(frame);
                assertEquals(m.type(), f.getShort(2) & 0xFFFF, "type of frame " + i + ", " + where);
                assertEquals(m.id(), f.getShort(4) & 0xFFFF, "id of frame " + i + ", " + where);
                assertEquals(m.bytes().length, f.getShort(6) & 0xFFFF, "length of frame " + i + ", " + where);
                assertArrayEquals(m.bytes(), frame, "bytes of frame " + i + ", " + where);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 77, 777, 7777, 77777})
    @Timeout(60)
    void shouldDeliverRandomSequencesWrittenInRandomPiecesThroughTheRealReadPath(final long seed) throws Exception {
        final Random random = new Random(seed);
        final List<Message> messages = randomSequence(random, true);
        final byte[] stream = concatenate(messages);
        final int bufferSize = random.nextBoolean() ? MessageType.SESSION_LENGTH : 8192;
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("split-loop")).start();
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<Integer, BfdSession> received = new ConcurrentHashMap<>();
        try (BgpMgmtContext server = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig().name("split").inputBufferSize(bufferSize).outputBufferSize(bufferSize))) {
            BfdDataPlane.addTo(server).addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    events.add((added ? "add " : "update ") + session.lid());
                    received.put(session.lid(), session);
                }

                @Override
                public void sessionDeleted(final BfdSession session) {
                    events.add("delete " + session.lid());
                }
            });
            Contexts.started(server);
            try (SocketChannel client = SocketChannel.open(server.endpoint().address())) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                for (byte[] piece : split(stream, random)) {
                    final ByteBuffer b = ByteBuffer.wrap(piece);
                    while (b.hasRemaining()) {
                        client.write(b);
                    }
                }
                final Expected expected = expect(messages);
                final ByteBuffer replies = ByteBuffer.allocate(expected.replyBytes);
                while (replies.hasRemaining()) {
                    if (client.read(replies) < 0) {
                        fail("the server closed after " + replies.position() + " reply bytes; " + server.stats());
                    }
                }
                final ConnectionStats c = connectionStats(server, messages.size());
                assertEquals(0, c.faults().protocolErrors(), "protocol errors");
                assertEquals(0, c.input().buffered(), "bytes left in the input buffer");
                assertEquals(stream.length, c.input().bytes(), "bytes read");
                assertEquals(expected.unknownMessages, c.faults().unknownMessages(), "unknown messages (state changes)");
                assertEquals(expected.unknownReplies, c.faults().unknownReplies(), "unknown replies");
                assertEquals(expected.replies, parseReplies(replies.flip()), "replies, in order");
                assertEquals(expected.events, events, "session events, in order");
                for (Map.Entry<Integer, Message> e : expected.lastAdd.entrySet()) {
                    assertSameSession(e.getValue(), received.get(e.getKey()));
                }
            }
        } finally {
            assertTrue(loop.shutdown(Duration.ofSeconds(10)), "the loop did not stop");
        }
    }

    // ---------------------------------------------------------------- generating

    /**
     * 1 to 200 random messages. {@code tame} keeps session fields to what a data plane accepts and
     * reports back unchanged (known flags, the address family the flags say, an ASCII ifname, lids
     * from a small pool so that updates and deletes hit); otherwise anything the encoders take.
     */
    static List<Message> randomSequence(final Random random, final boolean tame) {
        final int n = 1 + random.nextInt(200);
        final List<Message> messages = new ArrayList<>(n);
        int offset = 0;
        for (int i = 0; i < n; i++) {
            final int type = random.nextInt(MessageType.BUILT_IN_COUNT);
            final int id = random.nextInt(0x10000);
            final ByteBuffer b = ByteBuffer.allocate(MessageType.fixedLength(type));
            switch (type) {
                case MessageType.ECHO_REQUEST, MessageType.ECHO_REPLY -> {
                    final EchoMessage m = new EchoMessage();
                    (type == MessageType.ECHO_REQUEST ? m.encodeRequest(b, 0, id) : m.encodeReply(b, 0, id))
                        .dpTime(random.nextLong()).bfddTime(random.nextLong());
                }
                case MessageType.DP_ADD_SESSION, MessageType.DP_DELETE_SESSION -> randomSession(b, type, id, random, tame);
                case MessageType.BFD_STATE_CHANGE -> new StateChangeMessage().encode(b, 0, id).lid(random.nextInt())
                    .rid(random.nextInt()).remoteFlags(random.nextInt()).desiredTx(u32(random))
                    .requiredRx(u32(random)).requiredEchoRx(u32(random)).state(random.nextInt(256))
                    .diagnostics(random.nextInt(256)).detectionMultiplier(random.nextInt(256));
                case MessageType.DP_REQUEST_SESSION_COUNTERS ->
                    new CountersRequestMessage().encode(b, 0, id).lid(random.nextInt());
                default -> new CountersReplyMessage().encode(b, 0, id).lid(random.nextInt())
                    .controlInputBytes(random.nextLong()).controlInputPackets(random.nextLong())
                    .controlOutputBytes(random.nextLong()).controlOutputPackets(random.nextLong())
                    .echoInputBytes(random.nextLong()).echoInputPackets(random.nextLong())
                    .echoOutputBytes(random.nextLong()).echoOutputPackets(random.nextLong());
            }
            messages.add(new Message(type, id, offset, b.array()));
            offset += b.capacity();
        }
        return messages;
    }

    private static void randomSession(final ByteBuffer b, final int type, final int id, final Random random,
                                      final boolean tame) {
        final SessionMessage m = new SessionMessage();
        if (type == MessageType.DP_ADD_SESSION) {
            m.encodeAdd(b, 0, id);
        } else {
            m.encodeDelete(b, 0, id);
        }
        final int flags = tame ? random.nextInt() & SessionFlags.ALL : random.nextInt();
        final int addressLength = (flags & SessionFlags.IPV6) != 0 ? 16 : 4;
        final byte[] source = new byte[tame ? addressLength : random.nextBoolean() ? 16 : 4];
        final byte[] destination = new byte[source.length];
        random.nextBytes(source);
        random.nextBytes(destination);
        m.flags(flags).sourceAddress(source).destinationAddress(destination)
            .lid(tame ? 1 + random.nextInt(16) : random.nextInt()).minTx(u32(random)).minRx(u32(random))
            .minEchoTx(u32(random)).minEchoRx(u32(random)).holdTime(u32(random)).ttl(random.nextInt(256))
            .detectMult(random.nextInt(256)).ifindex(random.nextInt());
        final byte[] ifname = new byte[random.nextInt(SessionMessage.IFNAME_MAX_LENGTH + 1)];
        for (int i = 0; i < ifname.length; i++) {
            ifname[i] = (byte) (tame ? 'a' + random.nextInt(26) : 1 + random.nextInt(255));
        }
        m.ifname(ifname, 0, ifname.length);
    }

    private static long u32(final Random random) {
        return random.nextLong() & 0xFFFF_FFFFL;
    }

    static byte[] concatenate(final List<Message> messages) {
        final Message last = messages.get(messages.size() - 1);
        final ByteBuffer all = ByteBuffer.allocate(last.offset() + last.bytes().length);
        for (Message m : messages) {
            all.put(m.bytes());
        }
        return all.array();
    }

    /** Random pieces, covering the stream in order: single bytes, small pieces and large ones. */
    static List<byte[]> split(final byte[] stream, final Random random) {
        final List<byte[]> chunks = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            final int left = stream.length - at;
            final int n = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(Math.min(left, 16));
                case 2 -> 1 + random.nextInt(Math.min(left, 300));
                default -> 1 + random.nextInt(left);
            };
            chunks.add(Arrays.copyOfRange(stream, at, at + n));
            at += n;
        }
        return chunks;
    }

    // ---------------------------------------------------------------- in memory

    /** Reads the chunks into a compacting buffer of {@code bufferSize} bytes, as a connection does. */
    private static List<byte[]> decode(final List<byte[]> chunks, final int bufferSize) {
        final FrameDecoder decoder = new FrameDecoder(bufferSize);
        final ByteBuffer in = ByteBuffer.allocate(bufferSize);
        final List<byte[]> frames = new ArrayList<>();
        for (byte[] chunk : chunks) {
            int taken = 0;
            while (taken < chunk.length) {
                final int n = Math.min(in.remaining(), chunk.length - taken); // a read takes what fits
                assertTrue(n > 0, "input buffer full without a whole frame");
                in.put(chunk, taken, n);
                taken += n;
                final int end = in.position();
                int at = 0;
                int length;
                while ((length = decoder.check(in, at, end - at)) > 0) {
                    final byte[] frame = new byte[length];
                    in.get(at, frame);
                    frames.add(frame);
                    at += length;
                }
                if (length == FrameDecoder.ERROR) {
                    fail("a valid stream broke: " + decoder.errorMessage());
                }
                in.limit(end).position(at);
                in.compact();
            }
        }
        assertEquals(0, in.position(), "bytes left over after the last frame");
        return frames;
    }

    // ---------------------------------------------------------------- over loopback

    /** What a data-plane server owes a sequence. */
    private static final class Expected {
        final List<String> replies = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final Map<Integer, Message> lastAdd = new HashMap<>();
        int replyBytes;
        int unknownMessages;
        int unknownReplies;
    }

    private static Expected expect(final List<Message> messages) {
        final Expected e = new Expected();
        final Map<Integer, Message> table = new HashMap<>();
        for (Message m : messages) {
            final ByteBuffer b = ByteBuffer.wrap(m.bytes());
            switch (m.type()) {
                case MessageType.ECHO_REQUEST -> {
                    e.replies.add("echo reply " + m.id() + " " + b.getLong(8));
                    e.replyBytes += MessageType.ECHO_LENGTH;
                }
                case MessageType.DP_REQUEST_SESSION_COUNTERS -> {
                    e.replies.add("counters " + m.id() + " " + b.getInt(8));
                    e.replyBytes += MessageType.COUNTERS_REPLY_LENGTH;
                }
                case MessageType.ECHO_REPLY, MessageType.BFD_SESSION_COUNTERS -> e.unknownReplies++;
                case MessageType.BFD_STATE_CHANGE -> e.unknownMessages++;
                case MessageType.DP_ADD_SESSION -> {
                    final int lid = new SessionMessage().wrap(b, 0).lid();
                    e.events.add((table.containsKey(lid) ? "update " : "add ") + lid);
                    table.put(lid, m);
                    e.lastAdd.put(lid, m);
                }
                default -> {
                    final int lid = new SessionMessage().wrap(b, 0).lid();
                    if (table.remove(lid) != null) {
                        e.events.add("delete " + lid);
                    }
                }
            }
        }
        return e;
    }

    private static List<String> parseReplies(final ByteBuffer b) {
        final List<String> replies = new ArrayList<>();
        while (b.hasRemaining()) {
            final int at = b.position();
            final int type = b.getShort(at + 2) & 0xFFFF;
            final int id = b.getShort(at + 4) & 0xFFFF;
            final int length = b.getShort(at + 6) & 0xFFFF;
            replies.add(switch (type) {
                case MessageType.ECHO_REPLY -> "echo reply " + id + " " + b.getLong(at + 8);
                case MessageType.BFD_SESSION_COUNTERS -> "counters " + id + " " + b.getInt(at + 8);
                default -> "type " + type;
            });
            b.position(at + length);
        }
        return replies;
    }

    /** Waits (bounded by the test's timeout) until the server has read every message. */
    private static ConnectionStats connectionStats(final BgpMgmtContext server, final int messages)
            throws InterruptedException {
        while (true) {
            final List<ConnectionStats> connections = server.stats().connections();
            if (connections.size() == 1 && connections.get(0).input().messages() == messages) {
                return connections.get(0);
            }
            assertTrue(connections.size() <= 1 && (connections.isEmpty() || connections.get(0).up()),
                "connections: " + connections);
            Thread.sleep(1);
        }
    }

    private static void assertSameSession(final Message sent, final BfdSession got) {
        final SessionMessage m = new SessionMessage().wrap(ByteBuffer.wrap(sent.bytes()), 0);
        final String what = "session " + m.lid();
        assertEquals(m.lid(), got.lid(), what);
        assertEquals(m.flags() & ~SessionFlags.IPV6, got.flags() & ~SessionFlags.IPV6, what + " flags");
        assertEquals(m.sourceInetAddress(), got.source(), what + " source");
        assertEquals(m.destinationInetAddress(), got.destination(), what + " destination");
        assertEquals(m.minTx(), got.minTxMicros(), what + " minTx");
        assertEquals(m.minRx(), got.minRxMicros(), what + " minRx");
        assertEquals(m.minEchoTx(), got.minEchoTxMicros(), what + " minEchoTx");
        assertEquals(m.minEchoRx(), got.minEchoRxMicros(), what + " minEchoRx");
        assertEquals(m.holdTime(), got.holdTimeMillis(), what + " holdTime");
        assertEquals(m.ttl(), got.ttl(), what + " ttl");
        assertEquals(m.detectMult(), got.detectMultiplier(), what + " detectMult");
        assertEquals(m.ifindex(), got.ifindex(), what + " ifindex");
        assertEquals(m.ifname(), got.ifname(), what + " ifname");
    }
}
