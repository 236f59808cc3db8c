package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Hand-written frames of every bfddp v1 message, laid out byte by byte from the tables in
 * docs/bfddp-v1.md, and the API calls that must produce them. Each frame uses non-zero values in
 * every field that allows one, so a field written at the wrong offset cannot go unnoticed.
 */
final class GoldenFrames {

    private GoldenFrames() {}

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xFF) {
                throw new IllegalArgumentException("not a byte: " + values[i]);
            }
            out[i] = (byte) values[i];
        }
        return out;
    }

    // --- type 0 ---------------------------------------------------------------------------------

    static final int ECHO_ID = 0x0102;
    static final long ECHO_REQUEST_DP_TIME = 1_700_000_000_123_456L;
    static final long ECHO_REQUEST_BFDD_TIME = 1_699_999_999_876_543L;

    static byte[] echoRequest() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x00, // type 0 ECHO_REQUEST
                0x01, 0x02, // id 0x0102
                0x00, 0x18, // length 24
                0x00, 0x06, 0x0a, 0x24, 0x18, 0x20, 0x22, 0x40, // dp_time 1700000000123456 us
                0x00, 0x06, 0x0a, 0x24, 0x18, 0x1c, 0x5d, 0xbf); // bfdd_time 1699999999876543 us
    }

    static void encodeEchoRequest(ByteBuffer out, int offset) {
        new EchoMessage()
                .encodeRequest(out, offset, ECHO_ID)
                .dpTime(ECHO_REQUEST_DP_TIME)
                .bfddTime(ECHO_REQUEST_BFDD_TIME);
    }

    // --- type 1 ---------------------------------------------------------------------------------

    static final long ECHO_REPLY_BFDD_TIME = 1_700_000_000_234_567L;

    static byte[] echoReply() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x01, // type 1 ECHO_REPLY
                0x01, 0x02, // id 0x0102, the request's
                0x00, 0x18, // length 24
                0x00, 0x06, 0x0a, 0x24, 0x18, 0x20, 0x22, 0x40, // dp_time 1700000000123456 us, echoed
                0x00, 0x06, 0x0a, 0x24, 0x18, 0x21, 0xd4, 0x47); // bfdd_time 1700000000234567 us
    }

    static void encodeEchoReply(ByteBuffer out, int offset) {
        new EchoMessage()
                .encodeReply(out, offset, ECHO_ID)
                .dpTime(ECHO_REQUEST_DP_TIME)
                .bfddTime(ECHO_REPLY_BFDD_TIME);
    }

    // --- type 2, IPv6 single hop ----------------------------------------------------------------

    static final byte[] IPV6_SOURCE =
            bytes(0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 0x00, 0xa1);
    static final byte[] IPV6_DESTINATION =
            bytes(0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 0x00, 0xb2);

    static byte[] addSessionIpv6() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x02, // type 2 DP_ADD_SESSION
                0x12, 0x34, // id 0x1234
                0x00, 0x8c, // length 140
                0x00, 0x00, 0x00, 0x38, // flags: echo 0x08 | ipv6 0x10 | passive 0x20
                // source 2001:db8:10:20::a1
                0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0x00, 0x20,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xa1,
                // destination 2001:db8:10:20::b2
                0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0x00, 0x20,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb2,
                0xde, 0xad, 0xbe, 0xef, // lid 0xdeadbeef (above 2^31: unsigned)
                0x00, 0x04, 0x93, 0xe0, // min_tx 300000 us
                0x00, 0x03, 0xd0, 0x90, // min_rx 250000 us
                0x00, 0x00, 0xc3, 0x50, // min_echo_tx 50000 us
                0xb2, 0xd0, 0x5e, 0x00, // min_echo_rx 3000000000 us (above 2^31: unsigned)
                0x00, 0x00, 0x03, 0x84, // hold_time 900 ms
                0xff, // ttl 255
                0x03, // detect_mult 3
                0x00, 0x00, // zero
                0x00, 0x00, 0x00, 0x03, // ifindex 3
                // ifname "enp0s31f6", NUL-padded to 64 bytes
                0x65, 0x6e, 0x70, 0x30, 0x73, 0x33, 0x31, 0x66, // "enp0s31f"
                0x36, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // "6", NULs
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    }

    static void encodeAddSessionIpv6(ByteBuffer out, int offset) {
        new SessionMessage()
                .encodeAdd(out, offset, 0x1234)
                .flags(SessionFlags.ECHO | SessionFlags.IPV6 | SessionFlags.PASSIVE)
                .sourceAddress(IPV6_SOURCE)
                .destinationAddress(IPV6_DESTINATION)
                .lid(0xDEADBEEF)
                .minTx(300_000)
                .minRx(250_000)
                .minEchoTx(50_000)
                .minEchoRx(3_000_000_000L)
                .holdTime(900)
                .ttl(255)
                .detectMult(3)
                .ifindex(3)
                .ifname("enp0s31f6");
    }

    // --- type 3, IPv4 multihop ------------------------------------------------------------------

    static final byte[] IPV4_SOURCE = bytes(192, 0, 2, 1);
    static final byte[] IPV4_DESTINATION = bytes(198, 51, 100, 254);

    static byte[] deleteSessionIpv4() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x03, // type 3 DP_DELETE_SESSION
                0xff, 0xff, // id 65535
                0x00, 0x8c, // length 140
                0x00, 0x00, 0x00, 0x47, // flags: multihop 0x01 | demand 0x02 | cbit 0x04 | shutdown 0x40
                // source 192.0.2.1, then 12 unused bytes
                0xc0, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                // destination 198.51.100.254, then 12 unused bytes
                0xc6, 0x33, 0x64, 0xfe, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x01, 0x01, // lid 257
                0x00, 0x0f, 0x42, 0x40, // min_tx 1000000 us
                0x00, 0x1e, 0x84, 0x80, // min_rx 2000000 us
                0x00, 0x01, 0x86, 0xa0, // min_echo_tx 100000 us
                0x00, 0x02, 0x49, 0xf0, // min_echo_rx 150000 us
                0x00, 0x00, 0x75, 0x30, // hold_time 30000 ms
                0xfe, // ttl 254
                0x05, // detect_mult 5
                0x00, 0x00, // zero
                0x00, 0x00, 0x00, 0x10, // ifindex 16
                // ifname "vrf-red", NUL-padded to 64 bytes
                0x76, 0x72, 0x66, 0x2d, 0x72, 0x65, 0x64, 0x00, // "vrf-red", NUL
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    }

    static void encodeDeleteSessionIpv4(ByteBuffer out, int offset) {
        new SessionMessage()
                .encodeDelete(out, offset, 0xFFFF)
                .flags(SessionFlags.MULTIHOP | SessionFlags.DEMAND | SessionFlags.CBIT
                        | SessionFlags.SHUTDOWN)
                .sourceAddress(IPV4_SOURCE)
                .destinationAddress(IPV4_DESTINATION)
                .lid(257)
                .minTx(1_000_000)
                .minRx(2_000_000)
                .minEchoTx(100_000)
                .minEchoRx(150_000)
                .holdTime(30_000)
                .ttl(254)
                .detectMult(5)
                .ifindex(16)
                .ifname("vrf-red");
    }

    // --- type 4 ---------------------------------------------------------------------------------

    static byte[] stateChange() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x04, // type 4 BFD_STATE_CHANGE
                0x00, 0x42, // id 0x0042
                0x00, 0x24, // length 36
                0xde, 0xad, 0xbe, 0xef, // lid 0xdeadbeef
                0x80, 0x00, 0x0f, 0x0f, // rid 0x80000f0f
                0x00, 0x00, 0x00, 0x03, // remote_flags: cpi 0x1 | demand 0x2
                0x00, 0x0f, 0x42, 0x40, // desired_tx 1000000 us
                0x00, 0x04, 0x93, 0xe0, // required_rx 300000 us
                0x00, 0x00, 0xc3, 0x50, // required_echo_rx 50000 us
                0x03, // state 3 up
                0x01, // diagnostics 1 control detection time expired
                0x05, // detection_multiplier 5
                0x00); // padding
    }

    static void encodeStateChange(ByteBuffer out, int offset) {
        new StateChangeMessage()
                .encode(out, offset, 0x42)
                .lid(0xDEADBEEF)
                .rid(0x80000F0F)
                .remoteFlags(RemoteFlags.CPI | RemoteFlags.DEMAND)
                .desiredTx(1_000_000)
                .requiredRx(300_000)
                .requiredEchoRx(50_000)
                .state(3) // UP (org.bgpmgmt.bfd.BfdState; wire stays free of it)
                .diagnostics(1) // control detection time expired
                .detectionMultiplier(5);
    }

    // --- type 5 ---------------------------------------------------------------------------------

    static byte[] countersRequest() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x05, // type 5 DP_REQUEST_SESSION_COUNTERS
                0x00, 0x07, // id 7
                0x00, 0x0c, // length 12
                0xde, 0xad, 0xbe, 0xef); // lid 0xdeadbeef
    }

    static void encodeCountersRequest(ByteBuffer out, int offset) {
        new CountersRequestMessage().encode(out, offset, 7).lid(0xDEADBEEF);
    }

    // --- type 6 ---------------------------------------------------------------------------------

    static byte[] countersReply() {
        return bytes(
                0x01, 0x00, // version 1, zero
                0x00, 0x06, // type 6 BFD_SESSION_COUNTERS
                0x00, 0x07, // id 7, the request's
                0x00, 0x50, // length 80
                0xde, 0xad, 0xbe, 0xef, // lid 0xdeadbeef
                0x00, 0x00, 0x00, 0x00, // padding
                0x00, 0x00, 0x00, 0x00, 0x01, 0xc4, 0x1c, 0xa8, // control input bytes 29629608
                0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0xd6, 0x87, // control input packets 1234567
                0x00, 0x00, 0x00, 0x00, 0x01, 0xc4, 0x1c, 0xc0, // control output bytes 29629632
                0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0xd6, 0x88, // control output packets 1234568
                0x00, 0x00, 0x00, 0x01, 0x1e, 0x1a, 0x30, 0x00, // echo input bytes 4800000000
                0x00, 0x00, 0x00, 0x00, 0x0b, 0xeb, 0xc2, 0x00, // echo input packets 200000000
                0x00, 0x00, 0x00, 0x01, 0x1e, 0x1a, 0x30, 0x18, // echo output bytes 4800000024
                0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01); // echo output packets 2^63 + 1 (unsigned)
    }

    static final long ECHO_OUTPUT_PACKETS = Long.parseUnsignedLong("9223372036854775809");

    static void encodeCountersReply(ByteBuffer out, int offset) {
        new CountersReplyMessage()
                .encode(out, offset, 7)
                .lid(0xDEADBEEF)
                .controlInputBytes(29_629_608L)
                .controlInputPackets(1_234_567L)
                .controlOutputBytes(29_629_632L)
                .controlOutputPackets(1_234_568L)
                .echoInputBytes(4_800_000_000L)
                .echoInputPackets(200_000_000L)
                .echoOutputBytes(4_800_000_024L)
                .echoOutputPackets(ECHO_OUTPUT_PACKETS);
    }
}
