package org.bgpmgmt.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdState;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode and decode of each of the seven built-in bfddp message types with the wire flyweights
 * (issue target: 0 B/op everywhere; run with {@code -prof gc} and read {@code gc.alloc.rate.norm}).
 *
 * <ul>
 *   <li>{@code encode*}: {@code encode...} at offset 0 of a preallocated direct big-endian buffer,
 *       then every field set with the fluent setters; the flyweight is returned to JMH.</li>
 *   <li>{@code decode*}: {@link FrameDecoder#check} of a frame encoded in setup, {@code wrap}, then
 *       every field read and summed into a {@link Blackhole}.</li>
 * </ul>
 *
 * <p>Session addresses and the ifname go through the raw-byte setters and copy methods: the
 * {@code InetAddress} and {@code String} accessors allocate by design and are not measured. Field
 * values sit in non-final state fields so that the JIT cannot fold them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {

    // Realistic field values: a bfdd session over IPv6 on ens3f0 with 300 ms timers.
    int id = 4711;
    long dpTime = 1_735_689_600_123_456L; // µs since the epoch, 2025-01-01
    long bfddTime = 1_735_689_600_123_789L;
    int sessionFlags = SessionFlags.ECHO | SessionFlags.IPV6;
    int lid = 0x1000_002A;
    int rid = 0x2000_0017;
    long minTx = 300_000L;
    long minRx = 300_000L;
    long minEchoTx = 50_000L;
    long minEchoRx = 50_000L;
    long holdTime = 0L;
    int ttl = 255;
    int detectMult = 3;
    int ifindex = 3;
    byte[] source = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
    byte[] destination = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02};
    byte[] source4 = {10, 0, 0, 1};
    byte[] destination4 = {10, 0, 0, 2};
    byte[] ifname = "ens3f0".getBytes(StandardCharsets.US_ASCII);
    int remoteFlags = RemoteFlags.CPI;
    int state = BfdState.UP.code();
    int diagnostics = BfdDiagnostic.NONE.code();
    long controlInputBytes = 24_000_000L;
    long controlInputPackets = 1_000_000L;
    long controlOutputBytes = 24_000_024L;
    long controlOutputPackets = 1_000_001L;
    long echoInputBytes = 0L;
    long echoInputPackets = 0L;
    long echoOutputBytes = 0L;
    long echoOutputPackets = 0L;

    final ByteBuffer out = ByteBuffer.allocateDirect(256);
    final FrameDecoder decoder = new FrameDecoder(8192);
    final EchoMessage echo = new EchoMessage();
    final SessionMessage session = new SessionMessage();
    final StateChangeMessage stateChange = new StateChangeMessage();
    final CountersRequestMessage countersRequest = new CountersRequestMessage();
    final CountersReplyMessage countersReply = new CountersReplyMessage();
    /** Scratch for the address and ifname copies. */
    final byte[] scratch = new byte[SessionMessage.IFNAME_FIELD_LENGTH];

    ByteBuffer echoRequestFrame;
    ByteBuffer echoReplyFrame;
    ByteBuffer addSessionFrame;
    ByteBuffer deleteSessionFrame;
    ByteBuffer stateChangeFrame;
    ByteBuffer countersRequestFrame;
    ByteBuffer countersReplyFrame;

    /** Encodes one frame of each type into its own direct buffer for the decode benchmarks. */
    @Setup(Level.Trial)
    public void encodeFrames() {
        echoRequestFrame = frame(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeRequest(echoRequestFrame, 0, id).dpTime(dpTime);
        echoReplyFrame = frame(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeReply(echoReplyFrame, 0, id).dpTime(dpTime).bfddTime(bfddTime);
        addSessionFrame = frame(MessageType.SESSION_LENGTH);
        fillSession(new SessionMessage().encodeAdd(addSessionFrame, 0, id));
        deleteSessionFrame = frame(MessageType.SESSION_LENGTH);
        fillSession4(new SessionMessage().encodeDelete(deleteSessionFrame, 0, id));
        stateChangeFrame = frame(MessageType.STATE_CHANGE_LENGTH);
        fillStateChange(new StateChangeMessage().encode(stateChangeFrame, 0, 0));
        countersRequestFrame = frame(MessageType.COUNTERS_REQUEST_LENGTH);
        new CountersRequestMessage().encode(countersRequestFrame, 0, id).lid(lid);
        countersReplyFrame = frame(MessageType.COUNTERS_REPLY_LENGTH);
        fillCountersReply(new CountersReplyMessage().encode(countersReplyFrame, 0, id));
    }

    private static ByteBuffer frame(int length) {
        return ByteBuffer.allocateDirect(length); // big-endian, limit = length
    }

    private SessionMessage fillSession(SessionMessage m) {
        return m.flags(sessionFlags)
                .sourceAddress(source)
                .destinationAddress(destination)
                .lid(lid)
                .minTx(minTx)
                .minRx(minRx)
                .minEchoTx(minEchoTx)
                .minEchoRx(minEchoRx)
                .holdTime(holdTime)
                .ttl(ttl)
                .detectMult(detectMult)
                .ifindex(ifindex)
                .ifname(ifname, 0, ifname.length);
    }

    /** An IPv4 single-hop session, as a delete for one usually is. */
    private SessionMessage fillSession4(SessionMessage m) {
        return m.flags(0)
                .sourceAddress(source4)
                .destinationAddress(destination4)
                .lid(lid)
                .minTx(minTx)
                .minRx(minRx)
                .minEchoTx(minEchoTx)
                .minEchoRx(minEchoRx)
                .holdTime(holdTime)
                .ttl(ttl)
                .detectMult(detectMult)
                .ifindex(ifindex)
                .ifname(ifname, 0, ifname.length);
    }

    private StateChangeMessage fillStateChange(StateChangeMessage m) {
        return m.lid(lid)
                .rid(rid)
                .remoteFlags(remoteFlags)
                .desiredTx(minTx)
                .requiredRx(minRx)
                .requiredEchoRx(minEchoRx)
                .state(state)
                .diagnostics(diagnostics)
                .detectionMultiplier(detectMult);
    }

    private CountersReplyMessage fillCountersReply(CountersReplyMessage m) {
        return m.lid(lid)
                .controlInputBytes(controlInputBytes)
                .controlInputPackets(controlInputPackets)
                .controlOutputBytes(controlOutputBytes)
                .controlOutputPackets(controlOutputPackets)
                .echoInputBytes(echoInputBytes)
                .echoInputPackets(echoInputPackets)
                .echoOutputBytes(echoOutputBytes)
                .echoOutputPackets(echoOutputPackets);
    }

    // ------------------------------------------------------------------------------ encode

    @Benchmark
    public EchoMessage encodeEchoRequest() {
        return echo.encodeRequest(out, 0, id).dpTime(dpTime);
    }

    @Benchmark
    public EchoMessage encodeEchoReply() {
        return echo.encodeReply(out, 0, id).dpTime(dpTime).bfddTime(bfddTime);
    }

    /** Answers an echo request as a context did before: wrap it, then encode the reply through the flyweight. */
    @Benchmark
    public EchoMessage answerEchoWithFlyweight() {
        final long requestDpTime = echo.wrap(echoRequestFrame, 0).dpTime();
        return echo.encodeReply(out, 0, id).dpTime(requestDpTime).bfddTime(bfddTime);
    }

    /** Answers an echo request as a context does: three 8-byte words, no wrap. */
    @Benchmark
    public ByteBuffer answerEcho() {
        EchoMessage.writeReply(echoRequestFrame, 0, out, 0, bfddTime);
        return out;
    }

    @Benchmark
    public SessionMessage encodeAddSession() {
        return fillSession(session.encodeAdd(out, 0, id));
    }

    @Benchmark
    public SessionMessage encodeDeleteSession() {
        return fillSession4(session.encodeDelete(out, 0, id));
    }

    @Benchmark
    public StateChangeMessage encodeStateChange() {
        return fillStateChange(stateChange.encode(out, 0, 0));
    }

    @Benchmark
    public CountersRequestMessage encodeCountersRequest() {
        return countersRequest.encode(out, 0, id).lid(lid);
    }

    @Benchmark
    public CountersReplyMessage encodeCountersReply() {
        return fillCountersReply(countersReply.encode(out, 0, id));
    }

    // ------------------------------------------------------------------------------ decode

    /** Checks the frame header; returns the frame length plus the header fields. */
    private long checkFrame(ByteBuffer frame) {
        int n = decoder.check(frame, 0, frame.limit());
        if (n <= 0) {
            throw new IllegalStateException("bad frame: " + n);
        }
        return n + decoder.frameType() + decoder.frameId();
    }

    private long readEcho(ByteBuffer frame) {
        long sum = checkFrame(frame);
        EchoMessage m = echo.wrap(frame, 0);
        return sum + m.dpTime() + m.bfddTime();
    }

    private long readSession(ByteBuffer frame) {
        long sum = checkFrame(frame);
        SessionMessage m = session.wrap(frame, 0);
        byte[] s = scratch;
        sum += m.flags();
        sum += m.copySourceAddressTo(s, 0) + s[0];
        sum += m.copyDestinationAddressTo(s, 0) + s[0];
        sum += m.lid() + m.minTx() + m.minRx() + m.minEchoTx() + m.minEchoRx() + m.holdTime();
        sum += m.ttl() + m.detectMult() + m.ifindex();
        sum += m.copyIfnameTo(s, 0) + s[0];
        return sum;
    }

    @Benchmark
    public void decodeEchoRequest(Blackhole bh) {
        bh.consume(readEcho(echoRequestFrame));
    }

    @Benchmark
    public void decodeEchoReply(Blackhole bh) {
        bh.consume(readEcho(echoReplyFrame));
    }

    @Benchmark
    public void decodeAddSession(Blackhole bh) {
        bh.consume(readSession(addSessionFrame));
    }

    @Benchmark
    public void decodeDeleteSession(Blackhole bh) {
        bh.consume(readSession(deleteSessionFrame));
    }

    @Benchmark
    public void decodeStateChange(Blackhole bh) {
        ByteBuffer frame = stateChangeFrame;
        long sum = checkFrame(frame);
        StateChangeMessage m = stateChange.wrap(frame, 0);
        sum += m.lid() + m.rid() + m.remoteFlags() + m.desiredTx() + m.requiredRx() + m.requiredEchoRx();
        sum += m.state() + m.diagnostics() + m.detectionMultiplier();
        bh.consume(sum);
    }

    @Benchmark
    public void decodeCountersRequest(Blackhole bh) {
        ByteBuffer frame = countersRequestFrame;
        long sum = checkFrame(frame);
        bh.consume(sum + countersRequest.wrap(frame, 0).lid());
    }

    @Benchmark
    public void decodeCountersReply(Blackhole bh) {
        ByteBuffer frame = countersReplyFrame;
        long sum = checkFrame(frame);
        CountersReplyMessage m = countersReply.wrap(frame, 0);
        sum += m.lid() + m.controlInputBytes() + m.controlInputPackets() + m.controlOutputBytes()
                + m.controlOutputPackets() + m.echoInputBytes() + m.echoInputPackets()
                + m.echoOutputBytes() + m.echoOutputPackets();
        bh.consume(sum);
    }
}
