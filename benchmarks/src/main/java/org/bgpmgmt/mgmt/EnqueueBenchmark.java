package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionFlags;
import org.bgpmgmt.wire.SessionMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Connection#enqueue} of a prepared 140-byte DP_ADD_SESSION frame on the loop thread,
 * beside a plain absolute bulk {@link ByteBuffer#put(int, ByteBuffer, int, int)} of the same 140
 * bytes into a direct 8 KiB buffer, in the same run (issue target: 0 B/op, and enqueue within 2x
 * the plain put; run with {@code -prof gc}).
 *
 * <p>The JMH thread is the loop thread (one {@code runOnce} in setup claims it), so enqueue takes
 * its on-loop path: reserve, copy, commit. The connection is a real server-side connection
 * accepted from a blocking client socket; the loop never runs during measurement, so its write
 * task stays scheduled and nothing is sent. Both benchmarks reset their 8 KiB buffer after every
 * 58 messages (58 x 140 = 8120 bytes), before it could fill: enqueue never reaches its
 * synchronous-flush path, and both do exactly the same work shape. An iteration teardown checks
 * that no message was refused and no byte was written to the socket.
 *
 * <p>{@code encodeInPlace} is the catalog path: reserve, encode the session with its flyweight
 * straight into the output buffer, commit; it measures the flyweight's field writes more than the
 * connection, and shows that path allocates nothing either. The BFD catalog's own encoder is
 * package-private in {@code org.bgpmgmt.bfd} (and {@code discardOutput} in this package), so the
 * benchmark makes the same flyweight calls from the session's getters, with its addresses taken
 * out once in setup (the getters return a new {@link InetAddress}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnqueueBenchmark {

    /** Output buffer size, the library default. */
    static final int BUFFER_SIZE = 8192;

    /** Messages that fit before the buffer is reset: 58. */
    static final int PER_BUFFER = BUFFER_SIZE / MessageType.SESSION_LENGTH;

    /** A DP_ADD_SESSION frame (IPv6, echo, ens3f0) in a direct buffer, position 0, limit 140. */
    static ByteBuffer addSessionFrame() {
        ByteBuffer frame = ByteBuffer.allocateDirect(MessageType.SESSION_LENGTH);
        byte[] ifname = "ens3f0".getBytes(StandardCharsets.US_ASCII);
        new SessionMessage().encodeAdd(frame, 0, 0)
                .flags(SessionFlags.ECHO | SessionFlags.IPV6)
                .sourceAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                .destinationAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2})
                .lid(0x1000_002A)
                .minTx(300_000)
                .minRx(300_000)
                .minEchoTx(50_000)
                .minEchoRx(50_000)
                .ttl(255)
                .detectMult(3)
                .ifindex(3)
                .ifname(ifname, 0, ifname.length);
        return frame;
    }

    /** The session {@link #addSessionFrame} carries, built with the public builder. */
    static BfdSession addSession() throws IOException {
        return BfdSession.builder(0x1000_002A)
                .addresses(InetAddress.getByAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 1}), InetAddress.getByAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 2}))
                .flags(SessionFlags.ECHO)
                .minTx(300_000)
                .minRx(300_000)
                .minEchoTx(50_000)
                .minEchoRx(50_000)
                .ttl(255)
                .detectMultiplier(3)
                .ifindex(3)
                .ifname("ens3f0")
                .build();
    }

    /** An up server-side connection whose loop is driven by the JMH thread. */
    @State(Scope.Thread)
    public static class OnLoop {
        EventLoop loop;
        BgpMgmtContext server;
        SocketChannel client;
        Connection connection;
        ByteBuffer message;
        final SessionMessage flyweight = new SessionMessage();
        BfdSession session;
        byte[] source;
        byte[] destination;
        int count;
        long fullEventsBefore;
        long outputBytesBefore;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            loop = new EventLoop(new EventLoopConfig().name("bench").cpuTiming(false));
            loop.runOnce(0); // the JMH thread becomes the loop thread
            server = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                    new BgpMgmtConfig().outputBufferSize(BUFFER_SIZE));
            final java.util.concurrent.CompletableFuture<Endpoint> bound = server.start();
            for (int i = 0; i < 500 && !bound.isDone(); i++) {
                loop.runOnce(10); // the start runs on the loop, which is this thread
            }
            client = SocketChannel.open(server.endpoint().address()); // blocking connect
            for (int i = 0; i < 500 && connection == null; i++) {
                loop.runOnce(10);
                for (Connection c : server.connections()) {
                    if (c.isUp()) {
                        connection = c;
                    }
                }
            }
            if (connection == null) {
                throw new IllegalStateException("no connection accepted from " + client);
            }
            message = addSessionFrame();
            session = addSession();
            source = session.source().getAddress();
            destination = session.destination().getAddress();
            // The first enqueue schedules the write task; it stays scheduled because the loop
            // never runs again, so measured enqueues only check it.
            if (!connection.enqueue(message)) {
                throw new IllegalStateException("first enqueue refused");
            }
            connection.discardOutput();
            count = 0;
        }

        @Setup(Level.Iteration)
        public void checkThread() {
            if (!loop.inLoop()) {
                throw new IllegalStateException("benchmark thread " + Thread.currentThread().getName()
                        + " is not the loop thread");
            }
            fullEventsBefore = connection.stats().refused().outputFull();
            outputBytesBefore = connection.stats().output().bytes();
        }

        @TearDown(Level.Iteration)
        public void checkNoFlush() {
            if (connection.stats().refused().outputFull() != fullEventsBefore
                    || connection.stats().output().bytes() != outputBytesBefore || !connection.isUp()) {
                throw new IllegalStateException("enqueue left its fast path: " + connection.stats());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            connection.discardOutput();
            server.close();
            client.close();
            if (!loop.shutdown(Duration.ofSeconds(5))) {
                try {
                    loop.runOnce(0); // marked only: the next turn finishes it
                } catch (IllegalStateException expected) {
                    // "loop is shut down": the final turn ran
                }
            }
        }
    }

    /** The baseline: a plain direct 8 KiB buffer. */
    @State(Scope.Thread)
    public static class Plain {
        final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_SIZE);
        ByteBuffer message;
        int count;

        @Setup(Level.Trial)
        public void setUp() {
            message = addSessionFrame();
        }
    }

    @Benchmark
    public boolean enqueue(OnLoop s) {
        if (s.count == PER_BUFFER) {
            s.connection.discardOutput();
            s.count = 0;
        }
        s.count++;
        return s.connection.enqueue(s.message);
    }

    /** A DP_ADD_SESSION encoded straight into the output buffer: what a catalog row does. */
    @Benchmark
    public boolean encodeInPlace(OnLoop s) {
        if (s.count == PER_BUFFER) {
            s.connection.discardOutput();
            s.count = 0;
        }
        s.count++;
        final int at = s.connection.reserve(MessageType.SESSION_LENGTH);
        if (at < 0) {
            return false;
        }
        final BfdSession b = s.session;
        final SessionMessage m = s.flyweight.encodeAdd(s.connection.output(), at, 0).flags(b.flags()).lid(b.lid())
                .sourceAddress(s.source).destinationAddress(s.destination).minTx(b.minTxMicros())
                .minRx(b.minRxMicros()).minEchoTx(b.minEchoTxMicros()).minEchoRx(b.minEchoRxMicros())
                .holdTime(b.holdTimeMillis()).ttl(b.ttl()).detectMult(b.detectMultiplier()).ifindex(b.ifindex());
        if (!b.ifname().isEmpty()) {
            m.ifname(b.ifname());
        }
        s.connection.commit(MessageType.SESSION_LENGTH);
        return true;
    }

    @Benchmark
    public ByteBuffer plainPut(Plain p) {
        ByteBuffer out = p.out;
        if (p.count == PER_BUFFER) {
            out.clear();
            p.count = 0;
        }
        p.count++;
        ByteBuffer message = p.message;
        int length = message.remaining();
        int at = out.position();
        out.put(at, message, message.position(), length);
        out.position(at + length);
        return out;
    }
}
