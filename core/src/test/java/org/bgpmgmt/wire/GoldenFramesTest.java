package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class GoldenFramesTest {

    private static ByteBuffer in(byte[] frame) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        assertEquals(frame.length, new FrameDecoder(8192).check(buffer, 0, frame.length));
        return buffer;
    }

    private static void assertReencodes(byte[] golden, BiConsumer<ByteBuffer, Integer> encoder) {
        ByteBuffer out = ByteBuffer.allocate(golden.length);
        encoder.accept(out, 0);
        assertArrayEquals(golden, out.array());
    }

    private static void assertHeader(MessageFlyweight<?> message, int type, int id, int length) {
        assertEquals(Header.VERSION, message.version());
        assertEquals(type, message.type());
        assertEquals(id, message.id());
        assertEquals(length, message.length());
    }

    @Test
    void shouldDecodeAndReencodeEchoRequest() {
        EchoMessage echo = new EchoMessage().wrap(in(GoldenFrames.echoRequest()), 0);
        assertHeader(echo, MessageType.ECHO_REQUEST, 0x0102, MessageType.ECHO_LENGTH);
        assertEquals(1_700_000_000_123_456L, echo.dpTime());
        assertEquals(1_699_999_999_876_543L, echo.bfddTime());
        assertReencodes(GoldenFrames.echoRequest(), GoldenFrames::encodeEchoRequest);
    }

    @Test
    void shouldDecodeAndReencodeEchoReply() {
        EchoMessage echo = new EchoMessage().wrap(in(GoldenFrames.echoReply()), 0);
        assertHeader(echo, MessageType.ECHO_REPLY, 0x0102, MessageType.ECHO_LENGTH);
        assertEquals(1_700_000_000_123_456L, echo.dpTime());
        assertEquals(1_700_000_000_234_567L, echo.bfddTime());
        assertReencodes(GoldenFrames.echoReply(), GoldenFrames::encodeEchoReply);
    }

    @Test
    void shouldDecodeAndReencodeIpv6AddSession() throws Exception {
        SessionMessage session = new SessionMessage().wrap(in(GoldenFrames.addSessionIpv6()), 0);
        assertHeader(session, MessageType.DP_ADD_SESSION, 0x1234, MessageType.SESSION_LENGTH);
        assertEquals(SessionFlags.ECHO | SessionFlags.IPV6 | SessionFlags.PASSIVE, session.flags());
        assertEquals(16, session.addressLength());
        byte[] address = new byte[16];
        assertEquals(16, session.copySourceAddressTo(address, 0));
        assertArrayEquals(GoldenFrames.IPV6_SOURCE, address);
        assertEquals(16, session.copyDestinationAddressTo(address, 0));
        assertArrayEquals(GoldenFrames.IPV6_DESTINATION, address);
        assertEquals(InetAddress.getByName("2001:db8:10:20::a1"), session.sourceInetAddress());
        assertEquals(InetAddress.getByName("2001:db8:10:20::b2"), session.destinationInetAddress());
        assertEquals(0xDEADBEEF, session.lid());
        assertEquals(300_000L, session.minTx());
        assertEquals(250_000L, session.minRx());
        assertEquals(50_000L, session.minEchoTx());
        assertEquals(3_000_000_000L, session.minEchoRx());
        assertEquals(900L, session.holdTime());
        assertEquals(255, session.ttl());
        assertEquals(3, session.detectMult());
        assertEquals(3, session.ifindex());
        assertEquals("enp0s31f6", session.ifname());
        assertEquals(9, session.ifnameLength());
        assertReencodes(GoldenFrames.addSessionIpv6(), GoldenFrames::encodeAddSessionIpv6);
    }

    @Test
    void shouldDecodeAndReencodeIpv4DeleteSession() throws Exception {
        SessionMessage session = new SessionMessage().wrap(in(GoldenFrames.deleteSessionIpv4()), 0);
        assertHeader(session, MessageType.DP_DELETE_SESSION, 0xFFFF, MessageType.SESSION_LENGTH);
        assertEquals(
                SessionFlags.MULTIHOP | SessionFlags.DEMAND | SessionFlags.CBIT | SessionFlags.SHUTDOWN,
                session.flags());
        assertEquals(4, session.addressLength());
        byte[] address = new byte[4];
        assertEquals(4, session.copySourceAddressTo(address, 0));
        assertArrayEquals(GoldenFrames.IPV4_SOURCE, address);
        assertEquals(4, session.copyDestinationAddressTo(address, 0));
        assertArrayEquals(GoldenFrames.IPV4_DESTINATION, address);
        assertEquals(InetAddress.getByName("192.0.2.1"), session.sourceInetAddress());
        assertEquals(InetAddress.getByName("198.51.100.254"), session.destinationInetAddress());
        assertEquals(257, session.lid());
        assertEquals(1_000_000L, session.minTx());
        assertEquals(2_000_000L, session.minRx());
        assertEquals(100_000L, session.minEchoTx());
        assertEquals(150_000L, session.minEchoRx());
        assertEquals(30_000L, session.holdTime());
        assertEquals(254, session.ttl());
        assertEquals(5, session.detectMult());
        assertEquals(16, session.ifindex());
        assertEquals("vrf-red", session.ifname());
        assertReencodes(GoldenFrames.deleteSessionIpv4(), GoldenFrames::encodeDeleteSessionIpv4);
    }

    @Test
    void shouldDecodeAndReencodeStateChange() {
        StateChangeMessage change = new StateChangeMessage().wrap(in(GoldenFrames.stateChange()), 0);
        assertHeader(change, MessageType.BFD_STATE_CHANGE, 0x42, MessageType.STATE_CHANGE_LENGTH);
        assertEquals(0xDEADBEEF, change.lid());
        assertEquals(0x80000F0F, change.rid());
        assertEquals(RemoteFlags.CPI | RemoteFlags.DEMAND, change.remoteFlags());
        assertEquals(1_000_000L, change.desiredTx());
        assertEquals(300_000L, change.requiredRx());
        assertEquals(50_000L, change.requiredEchoRx());
        assertEquals(3, change.state(), "UP");
        assertEquals(1, change.diagnostics(), "control detection time expired");
        assertEquals(5, change.detectionMultiplier());
        assertReencodes(GoldenFrames.stateChange(), GoldenFrames::encodeStateChange);
    }

    @Test
    void shouldDecodeAndReencodeCountersRequest() {
        CountersRequestMessage request =
                new CountersRequestMessage().wrap(in(GoldenFrames.countersRequest()), 0);
        assertHeader(
                request, MessageType.DP_REQUEST_SESSION_COUNTERS, 7, MessageType.COUNTERS_REQUEST_LENGTH);
        assertEquals(0xDEADBEEF, request.lid());
        assertReencodes(GoldenFrames.countersRequest(), GoldenFrames::encodeCountersRequest);
    }

    @Test
    void shouldDecodeAndReencodeCountersReply() {
        CountersReplyMessage reply =
                new CountersReplyMessage().wrap(in(GoldenFrames.countersReply()), 0);
        assertHeader(reply, MessageType.BFD_SESSION_COUNTERS, 7, MessageType.COUNTERS_REPLY_LENGTH);
        assertEquals(0xDEADBEEF, reply.lid());
        assertEquals(29_629_608L, reply.controlInputBytes());
        assertEquals(1_234_567L, reply.controlInputPackets());
        assertEquals(29_629_632L, reply.controlOutputBytes());
        assertEquals(1_234_568L, reply.controlOutputPackets());
        assertEquals(4_800_000_000L, reply.echoInputBytes());
        assertEquals(200_000_000L, reply.echoInputPackets());
        assertEquals(4_800_000_024L, reply.echoOutputBytes());
        assertEquals("9223372036854775809", Long.toUnsignedString(reply.echoOutputPackets()));
        assertReencodes(GoldenFrames.countersReply(), GoldenFrames::encodeCountersReply);
    }

    @Test
    void shouldDecodeFromDirectBufferAtOffset() {
        byte[] golden = GoldenFrames.stateChange();
        ByteBuffer direct = ByteBuffer.allocateDirect(100);
        direct.put(13, golden);
        StateChangeMessage change = new StateChangeMessage().wrap(direct, 13);
        assertEquals(0x80000F0F, change.rid());
        assertEquals(3, change.state(), "UP");
        assertEquals(0, direct.position());
    }
}
