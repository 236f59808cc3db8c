package org.bgpmgmt.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdStats;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.TaskStats;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.ContextStats;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the real connection read path (issue 6): arbitrary bytes from a raw TCP client into a
 * server {@link BgpMgmtContext}, through {@code Connection.read}, the frame decoder and dispatch.
 *
 * <p>Once per JVM: one {@link EventLoop} driven by the test thread with {@code runOnce}, and four
 * servers on 127.0.0.1 (a {@link BfdControlPlane} and a {@link BfdDataPlane}, each with bfdd's 8 KiB buffers and with the
 * smallest buffers a context accepts, 140 bytes). Every input goes to both sides, to the big or
 * the small pair as a hash of the input says, written in 1 to 3 pieces cut where the same hash
 * says (so a finding replays exactly); the loop turns until the server has read every byte or has
 * closed the connection.
 *
 * <p>What must hold, checked against the independent {@link FramingModel}: no loop task throws;
 * a stream the model calls broken, or (data plane) carrying a session with an unusable ifname, is
 * closed with exactly one protocol error (the session counted as malformed), any other stays up
 * with the model's frame count and partial-frame bytes ({@code inputUsage} below the buffer size),
 * unknown-message and unknown-reply counters as dispatch defines them, and exactly one reply, in
 * order, per ECHO_REQUEST (both sides) and DP_REQUEST_SESSION_COUNTERS (data plane); no
 * connection leaks; and every {@value #PROBE_EVERY} inputs a fresh client gets its echo answered.
 * Each input runs on a fresh stream: a client that left a partial frame is closed.
 *
 * <p>No {@code @Timeout} on the fuzz method: JUnit would apply it to the whole fuzzing run (and
 * interrupt the socket calls). Each input instead has its own deadline and fails loudly past it.
 *
 * <p>Regression mode (the default, part of {@code mvn verify}) runs the seeds under
 * {@code src/test/resources/org/bgpmgmt/fuzz/ReadPathFuzzTestInputs/}. Fuzzing mode:
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=ReadPathFuzzTest} runs for {@code maxDuration}.
 */
class ReadPathFuzzTest {

    private static final long ITERATION_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int PROBE_EVERY = 64;
    private static final int BIG = 8192;
    private static final int SMALL = MessageType.SESSION_LENGTH;
    private static final int MAX_SESSIONS = 50_000;
    /** Where the ifname field starts in a DP_ADD_SESSION or DP_DELETE_SESSION frame. */
    private static final int IFNAME_AT = 76;

    private static EventLoop loop;
    private static final List<Server> SERVERS = new ArrayList<>();
    private static long loopErrors;
    private static long inputs;

    @BeforeAll
    @Timeout(30)
    static void startServers() throws IOException {
        loop = new EventLoop(new EventLoopConfig().name("fuzz-loop"));
        for (int size : new int[] {BIG, SMALL}) { // 0, 1: big; 2, 3: small
            for (boolean controlPlane : new boolean[] {true, false}) {
                SERVERS.add(new Server(controlPlane, size));
            }
        }
        loop.runOnce(0); // the test thread becomes the loop thread; the servers start accepting
    }

    @AfterAll
    @Timeout(30)
    static void stopServers() {
        if (loop == null) {
            return;
        }
        try {
            if (loop.inLoop()) {
                for (Server s : SERVERS) {
                    s.stop();
                }
                turns(5);
            }
        } finally {
            SERVERS.clear();
            assertTrue(loop.shutdown(Duration.ofSeconds(5)), "the fuzz loop did not stop");
            loop = null;
        }
    }

    @FuzzTest(maxDuration = "20m")
    void shouldSurviveAnyBytesOnTheConnectionReadPath(final byte[] data) throws IOException {
        assertTrue(loop.inLoop(), "fuzz inputs must run on the thread that drives the loop");
        final SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        final int pair = random.nextInt(2) * 2; // the big (0, 1) or the small (2, 3) pair, see startServers
        final long deadline = System.nanoTime() + ITERATION_TIMEOUT_NANOS;
        try {
            for (int i = pair; i < pair + 2; i++) {
                final Server s = SERVERS.get(i);
                s.feed(data, random, deadline);
                checkLoopErrors(s, "feeding the input");
            }
            if (inputs++ % PROBE_EVERY == 0) { // the first input too, so that regression mode probes
                for (Server s : SERVERS) {
                    s.probe(deadline);
                    checkLoopErrors(s, "the echo probe");
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // Leave no half-fed stream or dead connection to the next input.
            for (Server s : SERVERS) {
                s.restart();
            }
            loopErrors = totalLoopErrors();
            throw e;
        }
    }

    private static void checkLoopErrors(final Server s, final String during) {
        final long now = totalLoopErrors();
        if (now != loopErrors) {
            loopErrors = now;
            final StringBuilder failed = new StringBuilder();
            for (TaskStats t : loop.taskStats()) {
                if (t.faults().errors() > 0) {
                    failed.append(' ').append(t.name()).append(" (").append(t.faults().errors()).append(" errors)");
                }
            }
            fail("a loop task threw during " + during + " on " + s + ":" + failed
                + "; the loop's 'task ... failed' warning has the stack trace");
        }
    }

    private static long totalLoopErrors() {
        long n = 0;
        for (TaskStats t : loop.taskStats()) {
            n += t.faults().errors();
        }
        return n;
    }

    private static void turns(final int n) {
        for (int i = 0; i < n; i++) {
            loop.runOnce(0);
        }
    }

    private static void turn(final long deadline, final Object what) {
        if (System.nanoTime() - deadline > 0) {
            fail("input timed out after " + TimeUnit.NANOSECONDS.toMillis(ITERATION_TIMEOUT_NANOS)
                + " ms waiting for " + what + "\n" + loop.showCpu());
        }
        loop.runOnce(1);
    }

    /** A reply the server owes: type, id, and the echoed dp_time or the lid asked about. */
    record Reply(int type, int id, long key) {
    }

    /** One listening context and the raw client that feeds it. */
    static final class Server {
        final boolean controlPlane;
        final int bufferSize;
        BgpMgmtContext context;
        BfdView bfd;
        SocketChannel client;
        String clientPeer;
        final ByteBuffer fromServer = ByteBuffer.allocate(1 << 16);
        final List<Reply> replies = new ArrayList<>();
        boolean eof;
        int probeId;

        Server(final boolean controlPlane, final int bufferSize) throws IOException {
            this.controlPlane = controlPlane;
            this.bufferSize = bufferSize;
            listen();
        }

        private void listen() throws IOException {
            context = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig()
                .name("fuzz-" + (controlPlane ? "control" : "data") + "-plane-" + bufferSize)
                .inputBufferSize(bufferSize).outputBufferSize(bufferSize));
            bfd = controlPlane ? BfdControlPlane.addTo(context) : BfdDataPlane.addTo(context);
            final java.util.concurrent.CompletableFuture<Endpoint> bound = context.start();
            for (int i = 0; i < 100 && !bound.isDone(); i++) {
                loop.runOnce(10); // the test thread drives the loop: the start runs in one of these turns
            }
            bound.join();
        }

        /** Writes the input in 1 to 3 pieces and checks what the server made of it. */
        void feed(final byte[] data, final SplittableRandom random, final long deadline) throws IOException {
            connect(deadline);
            drain();
            assertTrue(replies.isEmpty() && !eof, "the server sent " + replies + (eof ? " and closed" : "")
                + " before the input");
            final ContextStats contextBefore = context.stats();
            final BfdStats bfdBefore = bfd.stats();
            assertEquals(1, contextBefore.connections().size(), "connections on " + this);
            final ConnectionStats before = connection();
            assertNotNull(before, "the client's connection on " + this);
            final FramingModel.Scan model = FramingModel.scan(data, bufferSize, FramingModel.BUILT_IN_MINIMUM);
            final int[] cuts = cuts(data.length, random);
            long target = before.input().bytes();
            boolean closed = false;
            for (int p = 0; p + 1 < cuts.length && !closed; p++) {
                if (!write(data, cuts[p], cuts[p + 1], deadline)) {
                    closed = true;
                    break;
                }
                target += cuts[p + 1] - cuts[p];
                while (true) {
                    final ConnectionStats c = connection();
                    if (c == null) {
                        closed = true;
                        break;
                    }
                    assertTrue(c.input().bytes() <= target, "the server read more than was sent");
                    if (c.input().bytes() == target) {
                        break;
                    }
                    turn(deadline, "the server to read piece " + p + " of " + Arrays.toString(cuts));
                    checkLoopErrors(this, "reading piece " + p + " of " + Arrays.toString(cuts));
                    drain();
                }
            }
            checkLoopErrors(this, "reading the input");
            final int rejected = firstRejectedFrame(data, model);
            final List<Reply> expected = expectedReplies(data, model, rejected >= 0 ? rejected : model.frames());
            if (model.error() != null || rejected >= 0) {
                final String why = rejected >= 0 ? "the malformed session in frame " + rejected
                    : model.error() + " at offset " + model.errorOffset();
                while (connection() != null) {
                    turn(deadline, "the server to close after " + why);
                    drain();
                }
                final ContextStats after = context.stats();
                assertEquals(contextBefore.closes().protocolErrors() + 1, after.closes().protocolErrors(), "protocol errors after " + why);
                assertEquals(bfdBefore.malformed() + (rejected >= 0 ? 1 : 0), bfd.stats().malformed(),
                    "malformed BFD messages after " + why);
                while (!eof) {
                    turn(deadline, "the close to reach the client");
                    drain();
                }
                assertTrue(replies.size() <= expected.size()
                        && replies.equals(expected.subList(0, replies.size())),
                    "replies before the protocol error: " + replies + ", expected a prefix of " + expected);
                disconnect(deadline);
                return;
            }
            final ContextStats contextAfter = context.stats();
            final BfdStats bfdAfter = bfd.stats();
            assertTrue(!closed && connection() != null, "the server closed a valid stream on " + this
                + " (protocol errors " + contextBefore.closes().protocolErrors() + " -> " + contextAfter.closes().protocolErrors() + ")");
            final ConnectionStats after = connection();
            assertEquals(contextBefore.closes().protocolErrors(), contextAfter.closes().protocolErrors(), "protocol errors");
            assertEquals(before.input().messages() + model.frames(), after.input().messages(), "frames read");
            assertEquals(model.trailing(), after.input().buffered(), "bytes of the partial frame kept");
            assertTrue(after.input().buffered() < bufferSize, "input usage " + after.input().buffered() + " of " + bufferSize);
            final int[] unknown = unknownCounts(data, model);
            assertEquals(before.faults().unknownMessages() + unknown[0], after.faults().unknownMessages(), "unknown messages");
            assertEquals(before.faults().unknownReplies() + unknown[1], after.faults().unknownReplies(), "unknown replies");
            assertEquals(bfdBefore.unknownSessions() + unknown[2], bfdAfter.unknownSessions(),
                "state reports for unknown sessions");
            assertEquals(bfdBefore.malformed(), bfdAfter.malformed(), "malformed BFD messages");
            assertEquals(0, contextAfter.listenerErrors(), "connection listener errors");
            assertEquals(0, bfdAfter.listenerErrors(), "session listener errors");
            while (replies.size() < expected.size()) {
                if (connection().refused().outputFull() != before.refused().outputFull()) {
                    break; // the socket refused replies; what came must still be in order
                }
                turn(deadline, "replies " + expected + ", have " + replies);
                drain();
            }
            if (connection().refused().outputFull() == before.refused().outputFull()) {
                assertEquals(expected, replies, "replies");
            } else {
                assertTrue(replies.size() <= expected.size(), "more replies than requests");
            }
            replies.clear();
            if (model.trailing() > 0) {
                disconnect(deadline); // the next input starts a fresh stream
            }
        }

        /** A fresh client sends an ECHO_REQUEST and must get its ECHO_REPLY; then it leaves. */
        void probe(final long deadline) throws IOException {
            if (bfd.stats().sessions() > MAX_SESSIONS) {
                restart(); // fuzzed DP_ADD_SESSIONs pile up in a data plane's table
            }
            final int id = ++probeId & 0xFFFF;
            final long dpTime = 0x0123_4567_89ABL + probeId;
            final ByteBuffer request = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
            new EchoMessage().encodeRequest(request, 0, id).dpTime(dpTime);
            final int connectionsBefore = context.stats().connections().size();
            try (SocketChannel probe = SocketChannel.open(context.endpoint().address())) {
                while (request.hasRemaining()) {
                    probe.write(request);
                }
                probe.configureBlocking(false);
                final ByteBuffer reply = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
                while (reply.hasRemaining()) {
                    turn(deadline, "the echo probe's reply on " + this);
                    if (probe.read(reply) < 0) {
                        fail("the server closed the echo probe on " + this);
                    }
                }
                final EchoMessage m = new EchoMessage().wrap(reply, 0);
                assertEquals(MessageType.ECHO_REPLY, m.type(), "probe reply type");
                assertEquals(id, m.id(), "probe reply id");
                assertEquals(dpTime, m.dpTime(), "probe reply dp_time");
                assertEquals(MessageType.ECHO_LENGTH, m.length(), "probe reply length");
            }
            while (context.stats().connections().size() != connectionsBefore) {
                turn(deadline, "the server to drop the echo probe's connection on " + this);
            }
        }

        /** Throws everything away and listens anew: after a failure, or when the table grew too big. */
        void restart() {
            stop();
            turns(3);
            try {
                listen();
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen again on 127.0.0.1", e);
            }
            turns(1);
        }

        void stop() {
            closeClient();
            context.close();
        }

        private void connect(final long deadline) throws IOException {
            if (client != null) {
                return;
            }
            client = SocketChannel.open(context.endpoint().address());
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.configureBlocking(false);
            clientPeer = Endpoint.tcp((InetSocketAddress) client.getLocalAddress()).toString();
            fromServer.clear();
            replies.clear();
            eof = false;
            while (connection() == null) {
                turn(deadline, "the server to accept " + clientPeer + " on " + this);
            }
        }

        /** Closes the client and waits until the server has dropped its connection. */
        private void disconnect(final long deadline) {
            final long protocolErrors = context.stats().closes().protocolErrors();
            closeClient();
            while (!context.stats().connections().isEmpty()) {
                turn(deadline, "the server to drop a closed client on " + this);
            }
            assertEquals(protocolErrors, context.stats().closes().protocolErrors(), "a client's close is no protocol error");
        }

        private void closeClient() {
            if (client != null) {
                try {
                    client.close();
                } catch (IOException e) {
                    // closing a socket the server reset
                }
                client = null;
            }
        }

        /** Writes data[from, to) without blocking; false when the server has reset the connection. */
        private boolean write(final byte[] data, final int from, final int to, final long deadline) {
            final ByteBuffer b = ByteBuffer.wrap(data, from, to - from);
            while (b.hasRemaining()) {
                try {
                    if (client.write(b) == 0) {
                        turn(deadline, "room in the socket on " + this);
                        drain();
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }

        /** Reads what the server sent, without blocking, and parses it into replies. */
        private void drain() {
            if (client == null || eof) {
                return;
            }
            while (true) {
                final int n;
                try {
                    n = client.read(fromServer);
                } catch (IOException e) {
                    eof = true; // reset after a protocol error
                    break;
                }
                if (n < 0) {
                    eof = true;
                }
                if (n <= 0) {
                    break;
                }
            }
            fromServer.flip();
            while (fromServer.remaining() >= 8) {
                final int at = fromServer.position();
                final int length = fromServer.getShort(at + 6) & 0xFFFF;
                if (fromServer.remaining() < length) {
                    break;
                }
                final int type = fromServer.getShort(at + 2) & 0xFFFF;
                final int id = fromServer.getShort(at + 4) & 0xFFFF;
                assertEquals(1, fromServer.get(at), "version of a frame the server sent");
                if (type == MessageType.ECHO_REPLY) {
                    assertEquals(MessageType.ECHO_LENGTH, length, "length of an ECHO_REPLY");
                    replies.add(new Reply(type, id, fromServer.getLong(at + 8)));
                } else if (type == MessageType.BFD_SESSION_COUNTERS) {
                    assertEquals(MessageType.COUNTERS_REPLY_LENGTH, length, "length of a BFD_SESSION_COUNTERS");
                    replies.add(new Reply(type, id, Integer.toUnsignedLong(fromServer.getInt(at + 8))));
                } else {
                    fail(this + " sent an unasked frame of type " + type);
                }
                fromServer.position(at + length);
            }
            fromServer.compact();
        }

        /** The server's connection for the current client, or null once it is gone. */
        private ConnectionStats connection() {
            for (ConnectionStats c : context.stats().connections()) {
                if (c.peer().equals(clientPeer)) {
                    return c.up() ? c : null;
                }
            }
            return null;
        }

        /**
         * The first whole frame the data plane must turn away for its content, or -1: a
         * DP_ADD_SESSION or DP_DELETE_SESSION whose ifname field has no NUL, or whose ifname bytes,
         * read as UTF-8 (bad sequences become U+FFFD), take more than 63 bytes. The connection then
         * closes as for a protocol error, after the frames before it were handled.
         */
        private int firstRejectedFrame(final byte[] d, final FramingModel.Scan model) {
            if (controlPlane) {
                return -1;
            }
            for (int i = 0; i < model.frames(); i++) {
                final int at = model.frameOffsets().get(i);
                final int type = FramingModel.u16(d, at + 2);
                if (type != MessageType.DP_ADD_SESSION && type != MessageType.DP_DELETE_SESSION) {
                    continue;
                }
                final int ifname = at + IFNAME_AT;
                int n = 0;
                while (n < SessionMessage.IFNAME_FIELD_LENGTH && d[ifname + n] != 0) {
                    n++;
                }
                if (n == SessionMessage.IFNAME_FIELD_LENGTH || new String(d, ifname, n, StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8).length > SessionMessage.IFNAME_MAX_LENGTH) {
                    return i;
                }
            }
            return -1;
        }

        private List<Reply> expectedReplies(final byte[] d, final FramingModel.Scan model, final int frames) {
            final List<Reply> expected = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                final int at = model.frameOffsets().get(i);
                final int type = FramingModel.u16(d, at + 2);
                final int id = FramingModel.u16(d, at + 4);
                if (type == MessageType.ECHO_REQUEST) {
                    expected.add(new Reply(MessageType.ECHO_REPLY, id, FramingModel.u64(d, at + 8)));
                } else if (type == MessageType.DP_REQUEST_SESSION_COUNTERS && !controlPlane) {
                    expected.add(new Reply(MessageType.BFD_SESSION_COUNTERS, id, FramingModel.u32(d, at + 8)));
                }
            }
            return expected;
        }

        /** Unknown messages, unknown replies and (control plane) state reports for unknown sessions. */
        private int[] unknownCounts(final byte[] d, final FramingModel.Scan model) {
            final int[] n = new int[3];
            for (int i = 0; i < model.frames(); i++) {
                final int type = FramingModel.u16(d, model.frameOffsets().get(i) + 2);
                switch (type) {
                    case MessageType.ECHO_REQUEST -> { }
                    case MessageType.ECHO_REPLY, MessageType.BFD_SESSION_COUNTERS -> n[1]++;
                    case MessageType.DP_ADD_SESSION, MessageType.DP_DELETE_SESSION,
                         MessageType.DP_REQUEST_SESSION_COUNTERS -> n[0] += controlPlane ? 1 : 0;
                    case MessageType.BFD_STATE_CHANGE -> n[controlPlane ? 2 : 0]++;
                    default -> n[0]++;
                }
            }
            return n;
        }

        /** Piece boundaries: 0, up to two cut points, and the length. */
        private static int[] cuts(final int length, final SplittableRandom random) {
            final int pieces = length < 2 ? 1 : 1 + random.nextInt(Math.min(3, length));
            final int[] cuts = new int[pieces + 1];
            cuts[pieces] = length;
            for (int i = 1; i < pieces; i++) {
                cuts[i] = 1 + random.nextInt(length - 1);
            }
            Arrays.sort(cuts, 1, pieces);
            return cuts;
        }

        @Override
        public String toString() {
            return context.name();
        }
    }
}
