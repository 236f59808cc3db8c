package org.bgpmgmt.examples.bgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Every catalog message against bytes written by hand from the tables of docs/bgp-catalog.md: decoding
 * the golden bytes gives the fields, and encoding the fields gives the golden bytes.
 */
class GoldenBytesTest {

    // PEER_ADD, IPv4, passive and shut down, 4-byte remote AS, description "edge-1".
    static final byte[] PEER_ADD_V4 = Hex.bytes(
        "01 00 | 0100 | 0000 | 0080",                         // header: v1, type 0x0100, id 0, length 128
        "0000002a",                                            // 8   key 42
        "00000003",                                            // 12  flags PASSIVE | SHUTDOWN
        "c0000201 00000000 00000000 00000000",                 // 16  peer 192.0.2.1
        "c0000202 00000000 00000000 00000000",                 // 32  local 192.0.2.2
        "fa56ea01",                                            // 48  remote AS 4200000001
        "0000fde8",                                            // 52  local AS 65000
        "005a | 001e",                                         // 56  hold 90 s, 58 keepalive 30 s
        "06 | 000000",                                         // 60  description length 6, reserved
        "656467652d31 0000", "0000000000000000",               // 64  "edge-1", zero padded to 64
        "0000000000000000", "0000000000000000", "0000000000000000",
        "0000000000000000", "0000000000000000", "0000000000000000");

    // PEER_ADD, IPv6, local "any", key above 2^31, hold time 0, no description.
    static final byte[] PEER_ADD_V6 = Hex.bytes(
        "01 00 | 0100 | 0000 | 0080",
        "fffffffe",                                            // 8   key 4294967294
        "00000004",                                            // 12  flags IPV6
        "20010db8 00000000 00000000 00000001",                 // 16  peer 2001:db8::1
        "00000000 00000000 00000000 00000000",                 // 32  local :: (any)
        "0000fde9",                                            // 48  remote AS 65001
        "00000000",                                            // 52  local AS 0: the data plane's
        "0000 | 0000",                                         // 56  hold 0, keepalive 0
        "00 | 000000",                                         // 60  no description
        "0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000",
        "0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000");

    static final byte[] PEER_DELETE = Hex.bytes(
        "01 00 | 0101 | 0000 | 0010", "0000002a", "00000000");

    // Established for an hour; last error 6/2, Cease / Administrative Shutdown (RFC 4486).
    static final byte[] PEER_STATE = Hex.bytes(
        "01 00 | 0102 | 0000 | 0018", "0000002a", "06 | 06 | 02 | 00", "00000e10", "00000000");

    static final byte[] PEER_COUNTERS_REQUEST = Hex.bytes(
        "01 00 | 0103 | 0007 | 0010", "0000002a", "00000000");

    static final byte[] PEER_COUNTERS_REPLY = Hex.bytes(
        "01 00 | 0104 | 0007 | 0048",                          // id 7, the request's; length 72
        "0000002a", "00000000",                                // key 42, status OK
        "0102030405060708",                                    // 16 messages in
        "0000000000000002", "0000000000000003", "0000000000000004",
        "0000000000000005", "0000000000000006",
        "ffffffffffffffff");                                   // 64 established transitions, u64 max

    static final byte[] PEER_SYNC_END = Hex.bytes(
        "01 00 | 0105 | 0000 | 0010", "00000002", "00000000");

    static BgpPeer edge1() throws Exception {
        return BgpPeer.builder(42).peerAddress(InetAddress.getByName("192.0.2.1"))
            .localAddress(InetAddress.getByName("192.0.2.2")).remoteAs(4_200_000_001L).localAs(65000)
            .holdTime(90).keepalive(30).passive(true).shutdown(true).description("edge-1").build();
    }

    @Test
    void shouldEncodeAndDecodePeerAddV4() throws Exception {
        final PeerAddMessage m = new PeerAddMessage().wrap(ByteBuffer.wrap(PEER_ADD_V4), 0);
        assertEquals(BgpMessageType.PEER_ADD, m.type());
        assertEquals(128, m.length());
        assertEquals(42, m.key());
        assertEquals(PeerFlags.PASSIVE | PeerFlags.SHUTDOWN, m.flags());
        assertEquals(InetAddress.getByName("192.0.2.1"), m.peerInetAddress());
        assertEquals(InetAddress.getByName("192.0.2.2"), m.localInetAddress());
        assertEquals(4_200_000_001L, m.remoteAs());
        assertEquals(65000, m.localAs());
        assertEquals(90, m.holdTime());
        assertEquals(30, m.keepalive());
        assertEquals("edge-1", m.description());
        assertEquals(edge1(), BgpPeer.from(m));

        final ByteBuffer out = ByteBuffer.allocate(128);
        edge1().writeTo(new PeerAddMessage().encode(out, 0, 0));
        assertArrayEquals(PEER_ADD_V4, out.array());
    }

    @Test
    void shouldEncodeAndDecodePeerAddV6WithUnsignedKey() throws Exception {
        final BgpPeer peer = BgpPeer.builder(0xFFFF_FFFE).peerAddress(InetAddress.getByName("2001:db8::1"))
            .remoteAs(65001).holdTime(0).keepalive(0).build();
        assertTrue(peer.isIpv6());
        assertEquals(InetAddress.getByName("::"), peer.localAddress());
        final BgpPeer decoded = BgpPeer.from(new PeerAddMessage().wrap(ByteBuffer.wrap(PEER_ADD_V6), 0));
        assertEquals(peer, decoded);
        assertEquals(4_294_967_294L, Integer.toUnsignedLong(decoded.key()));

        final ByteBuffer out = ByteBuffer.allocate(128);
        peer.writeTo(new PeerAddMessage().encode(out, 0, 0));
        assertArrayEquals(PEER_ADD_V6, out.array());
    }

    @Test
    void shouldClearTheTailWhenAnIpv4AddressReplacesAnIpv6One() throws Exception {
        final ByteBuffer out = ByteBuffer.wrap(PEER_ADD_V6.clone());
        final PeerAddMessage m = new PeerAddMessage().wrap(out, 0)
            .flags(PeerFlags.PASSIVE | PeerFlags.SHUTDOWN).key(42)
            .peerAddress(InetAddress.getByName("192.0.2.1").getAddress())
            .localAddress(InetAddress.getByName("192.0.2.2").getAddress())
            .remoteAs(4_200_000_001L).localAs(65000).holdTime(90).keepalive(30).description("edge-1");
        assertEquals(4, m.addressLength());
        assertArrayEquals(PEER_ADD_V4, out.array());
    }

    @Test
    void shouldEncodeAndDecodePeerDeleteAndCountersRequest() {
        final PeerKeyMessage m = new PeerKeyMessage().wrap(ByteBuffer.wrap(PEER_DELETE), 0);
        assertEquals(BgpMessageType.PEER_DELETE, m.type());
        assertEquals(42, m.key());
        final ByteBuffer out = ByteBuffer.allocate(16);
        new PeerKeyMessage().encodeDelete(out, 0, 0).key(42);
        assertArrayEquals(PEER_DELETE, out.array());

        final PeerKeyMessage r = new PeerKeyMessage().wrap(ByteBuffer.wrap(PEER_COUNTERS_REQUEST), 0);
        assertEquals(BgpMessageType.PEER_COUNTERS_REQUEST, r.type());
        assertEquals(7, r.id());
        assertEquals(42, r.key());
        final ByteBuffer req = ByteBuffer.allocate(16);
        new PeerKeyMessage().encodeCountersRequest(req, 0, 7).key(42);
        assertArrayEquals(PEER_COUNTERS_REQUEST, req.array());
    }

    @Test
    void shouldEncodeAndDecodePeerState() {
        final PeerStateMessage m = new PeerStateMessage().wrap(ByteBuffer.wrap(PEER_STATE), 0);
        assertEquals(BgpMessageType.PEER_STATE, m.type());
        assertEquals(24, m.length());
        assertEquals(42, m.key());
        assertEquals(BgpFsmState.ESTABLISHED, BgpFsmState.fromCode(m.state()));
        assertEquals(6, m.errorCode());
        assertEquals(2, m.errorSubcode());
        assertEquals(3600, m.timeInState());

        final ByteBuffer out = ByteBuffer.allocate(24);
        new PeerStateMessage().encode(out, 0, 0).key(42).state(BgpFsmState.ESTABLISHED.code()).errorCode(6)
            .errorSubcode(2).timeInState(3600);
        assertArrayEquals(PEER_STATE, out.array());
    }

    @Test
    void shouldEncodeAndDecodePeerCountersReply() {
        final PeerCountersMessage m = new PeerCountersMessage().wrap(ByteBuffer.wrap(PEER_COUNTERS_REPLY), 0);
        assertEquals(BgpMessageType.PEER_COUNTERS_REPLY, m.type());
        assertEquals(7, m.id());
        assertEquals(42, m.key());
        assertEquals(PeerCountersMessage.STATUS_OK, m.status());
        assertEquals(0x0102030405060708L, m.messagesIn());
        assertEquals(2, m.messagesOut());
        assertEquals(3, m.updatesIn());
        assertEquals(4, m.updatesOut());
        assertEquals(5, m.prefixesReceived());
        assertEquals(6, m.prefixesAccepted());
        assertEquals("18446744073709551615", Long.toUnsignedString(m.establishedTransitions()));

        final ByteBuffer out = ByteBuffer.allocate(72);
        new PeerCountersMessage().encode(out, 0, 7).key(42).messagesIn(0x0102030405060708L).messagesOut(2)
            .updatesIn(3).updatesOut(4).prefixesReceived(5).prefixesAccepted(6).establishedTransitions(-1L);
        assertArrayEquals(PEER_COUNTERS_REPLY, out.array());
    }

    @Test
    void shouldEncodeAndDecodePeerSyncEnd() {
        final PeerSyncMessage m = new PeerSyncMessage().wrap(ByteBuffer.wrap(PEER_SYNC_END), 0);
        assertEquals(BgpMessageType.PEER_SYNC_END, m.type());
        assertEquals(2, m.peerCount());
        final ByteBuffer out = ByteBuffer.allocate(16);
        new PeerSyncMessage().encode(out, 0, 0).peerCount(2);
        assertArrayEquals(PEER_SYNC_END, out.array());
    }

    @Test
    void shouldNameEveryTypeWithItsLength() {
        assertEquals(0x0100, BgpMessageType.FIRST);
        assertEquals(0x0105, BgpMessageType.LAST);
        final int[] lengths = {128, 16, 24, 16, 72, 16};
        for (int type = BgpMessageType.FIRST; type <= BgpMessageType.LAST; type++) {
            assertEquals(lengths[type - BgpMessageType.FIRST], BgpMessageType.fixedLength(type));
            assertEquals(0, BgpMessageType.fixedLength(type) % 8, "multiple of 8");
            assertTrue(BgpMessageType.name(type).startsWith("PEER_"));
        }
        assertFalse(BgpMessageType.isCatalogType(6));
        assertFalse(BgpMessageType.isCatalogType(0x0106));
        assertEquals(-1, BgpMessageType.fixedLength(2));
    }

    @Test
    void shouldRejectMalformedPeerAddContent() {
        assertMalformed("description length 65", frame -> frame.put(60, (byte) 65));
        assertMalformed("description not UTF-8", frame -> frame.put(60, (byte) 2).put(64, (byte) 0xC3)
            .put(65, (byte) 0x28));
        assertMalformed("key 0", frame -> frame.putInt(8, 0));
        assertMalformed("remote AS 0", frame -> frame.putInt(48, 0));
        assertMalformed("hold time 2", frame -> frame.putShort(56, (short) 2));
    }

    @Test
    void shouldIgnoreReservedBytesAndFlagBits() throws Exception {
        final ByteBuffer frame = ByteBuffer.wrap(PEER_ADD_V4.clone());
        frame.putInt(12, 0x8000_0003).put(61, (byte) 0x55).put(100, (byte) 0x77);
        assertEquals(edge1(), BgpPeer.from(new PeerAddMessage().wrap(frame, 0)));
    }

    @Test
    void shouldCheckFieldRangesInTheBuilder() throws Exception {
        final InetAddress v4 = InetAddress.getByName("192.0.2.1");
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(0));
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).holdTime(1));
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).holdTime(65_536));
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).remoteAs(0));
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).remoteAs(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).description("é".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).description("\uD800"));
        assertThrows(IllegalStateException.class, () -> BgpPeer.builder(1).peerAddress(v4).build());
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.builder(1).peerAddress(v4).remoteAs(1)
            .localAddress(InetAddress.getByName("::1")).build());
        assertEquals(64, BgpPeer.builder(1).peerAddress(v4).remoteAs(1).description("é".repeat(32)).build()
            .description().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThrows(IllegalArgumentException.class, () -> new PeerState(1, BgpFsmState.IDLE, 256, 0, 0));
        assertEquals(null, BgpFsmState.fromCode(0));
        assertEquals(null, BgpFsmState.fromCode(7));
    }

    private static void assertMalformed(final String what, final java.util.function.Consumer<ByteBuffer> breakIt) {
        final ByteBuffer frame = ByteBuffer.wrap(PEER_ADD_V4.clone());
        breakIt.accept(frame);
        assertThrows(IllegalArgumentException.class, () -> BgpPeer.from(new PeerAddMessage().wrap(frame, 0)), what);
    }
}
