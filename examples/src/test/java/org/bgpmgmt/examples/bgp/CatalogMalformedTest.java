package org.bgpmgmt.examples.bgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each role of the catalog against raw peers writing bytes by hand: golden frames both ways; what
 * is not an error (a role's foreign type, an unknown key, a reply nobody waits for) counted and
 * skipped with the connection up; malformed content and reserved types closing that connection
 * only, as protocol errors, like short frames.
 */
@Timeout(60)
class CatalogMalformedTest extends CatalogFixture {

    private static byte[] peerState(final int key, final int state) {
        final ByteBuffer b = ByteBuffer.allocate(BgpMessageType.PEER_STATE_LENGTH);
        new PeerStateMessage().encode(b, 0, 0).key(key).state(state);
        return b.array();
    }

    private static byte[] countersReply(final int id, final int key, final int status, final long messagesIn) {
        final ByteBuffer b = ByteBuffer.allocate(BgpMessageType.PEER_COUNTERS_LENGTH);
        new PeerCountersMessage().encode(b, 0, id).key(key).status(status).messagesIn(messagesIn);
        return b.array();
    }

    private static byte[] keyFrame(final int type, final int id, final int key) {
        return ByteBuffer.allocate(16).put(0, (byte) 1).putShort(2, (short) type).putShort(4, (short) id)
            .putShort(6, (short) 16).putInt(8, key).array();
    }

    /** A header-only or zero-payload frame of {@code type} and {@code length} bytes. */
    private static byte[] bare(final int type, final int length) {
        return ByteBuffer.allocate(length).put(0, (byte) 1).putShort(2, (short) type)
            .putShort(6, (short) length).array();
    }

    /** PEER_ADD_V4 (key 42) with {@code values} from {@code offset} on. */
    private static byte[] brokenAdd(final int offset, final int... values) {
        final byte[] frame = GoldenBytesTest.PEER_ADD_V4.clone();
        for (int i = 0; i < values.length; i++) {
            frame[offset + i] = (byte) values[i];
        }
        return frame;
    }

    @Test
    void shouldSkipWhatIsNotAnErrorAtTheControlPlaneAndCloseOnShortFrames() throws Exception {
        final Side control = server(Role.CONTROL_PLANE, anyPort(), new BgpMgmtConfig());
        try (RawPeer raw = new RawPeer(control.context.endpoint())) {
            assertArrayEquals(Hex.bytes("01 00 | 0105 | 0000 | 0010", "00000000", "00000000"),
                raw.readUntil(BgpMessageType.PEER_SYNC_END).array(), "resync of an empty table");
            control.catalog.updatePeer(GoldenBytesTest.edge1());
            assertArrayEquals(GoldenBytesTest.PEER_ADD_V4, raw.readUntil(BgpMessageType.PEER_ADD).array());

            raw.write(peerState(77, 6));                                   // a key the table lacks
            raw.write(GoldenBytesTest.PEER_ADD_V4);                        // not for a control plane
            raw.write(countersReply(999, 42, 0, 1));                       // nobody asked
            raw.write(bare(0x0200, 16));                                   // outside the catalog's range
            raw.write(GoldenBytesTest.PEER_STATE);                         // and the connection is up
            Await.until("the valid report", () -> control.heard.states.containsKey(42));
            assertEquals(new PeerState(42, BgpFsmState.ESTABLISHED, 6, 2, 3600), control.catalog.peerState(42));
            assertEquals(List.of("state 42 ESTABLISHED"), control.heard.events);
            final BgpCatalogStats stats = control.catalog.stats();
            assertEquals(0, stats.malformedMessages());
            assertEquals(1, stats.unknownPeerMessages());
            assertEquals(2, stats.unexpectedMessages());
            assertEquals(1, control.context.stats().connections().get(0).faults().unknownMessages(), "0x0200");
            assertEquals(0, control.context.stats().closes().protocolErrors());

            CompletableFuture<PeerCounters> f = control.catalog.requestCounters(42);
            ByteBuffer request = raw.readUntil(BgpMessageType.PEER_COUNTERS_REQUEST);
            assertEquals(16, Header.lengthAt(request, 0));
            assertEquals(42, request.getInt(8));
            final int firstId = Header.idAt(request, 0);
            assertNotEquals(0, firstId);
            raw.write(countersReply(firstId, 42, PeerCountersMessage.STATUS_UNKNOWN_PEER, 0));
            assertInstanceOf(IllegalArgumentException.class, failure(f));

            f = control.catalog.requestCounters(42);
            request = raw.readUntil(BgpMessageType.PEER_COUNTERS_REQUEST);
            raw.write(countersReply(Header.idAt(request, 0), 42, 0, 5));
            assertEquals(new PeerCounters(42, 5, 0, 0, 0, 0, 0, 0), f.get(10, TimeUnit.SECONDS));

            raw.write(Hex.bytes("01 00 | 0102 | 0000 | 0010", "0000002a", "06000000")); // 16 bytes, needs 24
            assertTrue(raw.closedByPeer(Duration.ofSeconds(10)), "a short frame loses the framing");
            Await.until("protocol error counted", () -> control.context.stats().closes().protocolErrors() == 1);
            assertEquals(0, control.catalog.stats().malformedMessages(), "the frame decoder's, not the catalog's");
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSentMalformedOrReservedFramesToTheControlPlane() throws Exception {
        final Side control = server(Role.CONTROL_PLANE, anyPort(), new BgpMgmtConfig());
        try (RawPeer other = new RawPeer(control.context.endpoint())) {
            other.readUntil(BgpMessageType.PEER_SYNC_END);
            control.catalog.updatePeer(GoldenBytesTest.edge1());                 // attached to other
            assertArrayEquals(GoldenBytesTest.PEER_ADD_V4, other.readUntil(BgpMessageType.PEER_ADD).array());

            final Map<String, byte[]> bad = new LinkedHashMap<>();
            bad.put("state 9", peerState(42, 9));
            bad.put("state 0", peerState(42, 0));
            bad.put("key 0", peerState(0, 6));
            bad.put("reserved type 0x0106, header only", bare(0x0106, 8));
            bad.put("reserved type 0x01ff with a payload", bare(0x01FF, 24));
            assertEachClosesItsConnection(control, bad, GoldenBytesTest.PEER_STATE);
            assertTrue(control.heard.events.isEmpty(), "no valid frame after a bad one counted: "
                + control.heard.events);

            other.write(GoldenBytesTest.PEER_STATE);
            Await.until("the other connection goes on", () -> control.heard.states.containsKey(42));
            assertEquals(List.of("state 42 ESTABLISHED"), control.heard.events);

            // A reply that does not fit its request fails it and closes the connection.
            final CompletableFuture<PeerCounters> f = control.catalog.requestCounters(42);
            final ByteBuffer request = other.readUntil(BgpMessageType.PEER_COUNTERS_REQUEST);
            other.write(countersReply(Header.idAt(request, 0), 43, 0, 5));         // the wrong key
            assertInstanceOf(IllegalStateException.class, failure(f));
            assertTrue(other.closedByPeer(Duration.ofSeconds(10)), "a reply for another key");
            Await.until("protocol error counted", () -> control.context.stats().closes().protocolErrors() == bad.size() + 1);
        }
        try (RawPeer next = new RawPeer(control.context.endpoint())) {
            assertArrayEquals(GoldenBytesTest.PEER_ADD_V4, next.readUntil(BgpMessageType.PEER_ADD).array(),
                "peer 42 resynced on the next connection");
            next.readUntil(BgpMessageType.PEER_SYNC_END);
            final CompletableFuture<PeerCounters> f = control.catalog.requestCounters(42);
            final ByteBuffer request = next.readUntil(BgpMessageType.PEER_COUNTERS_REQUEST);
            next.write(countersReply(Header.idAt(request, 0), 42, 2, 5));          // status 2: undefined
            assertInstanceOf(IllegalStateException.class, failure(f));
            assertTrue(next.closedByPeer(Duration.ofSeconds(10)), "a reply with an undefined status");
        }
        Await.until("every protocol error counted", () -> control.context.stats().closes().protocolErrors() == 7);
        assertEquals(7, control.catalog.stats().malformedMessages());
        assertEquals(0, control.catalog.stats().unexpectedMessages());
    }

    @Test
    void shouldAnswerAndSkipAtTheDataPlaneByteForByte() throws Exception {
        final Side data = server(Role.DATA_PLANE, anyPort(), new BgpMgmtConfig());
        try (RawPeer raw = new RawPeer(data.context.endpoint())) {
            raw.write(GoldenBytesTest.PEER_STATE);                                  // not for a data plane
            raw.write(keyFrame(BgpMessageType.PEER_DELETE, 0, 55));                 // unknown key
            raw.write(GoldenBytesTest.PEER_ADD_V4);
            Await.until("the valid peer", () -> data.heard.peers.containsKey(42));
            assertEquals(GoldenBytesTest.edge1(), data.heard.peers.get(42));
            final BgpCatalogStats stats = data.catalog.stats();
            assertEquals(0, stats.malformedMessages());
            assertEquals(1, stats.unexpectedMessages());
            assertEquals(1, stats.unknownPeerMessages());

            assertTrue(done(data.catalog.updateCounters(new PeerCounters(42, 0x0102030405060708L, 2, 3, 4, 5, 6, -1L))));
            raw.write(GoldenBytesTest.PEER_COUNTERS_REQUEST);                       // id 7, key 42
            assertArrayEquals(GoldenBytesTest.PEER_COUNTERS_REPLY, raw.readFrame().array());
            raw.write(keyFrame(BgpMessageType.PEER_COUNTERS_REQUEST, 8, 43));
            assertArrayEquals(Hex.bytes("01 00 | 0104 | 0008 | 0048", "0000002b", "00000001",
                "0000000000000000".repeat(7)), raw.readFrame().array(), "unknown peer: status 1, zeros");

            assertTrue(done(data.catalog.reportState(new PeerState(42, BgpFsmState.ESTABLISHED, 6, 2, 3600))));
            assertArrayEquals(GoldenBytesTest.PEER_STATE, raw.readFrame().array());
            raw.write(GoldenBytesTest.PEER_SYNC_END);
            raw.write(GoldenBytesTest.PEER_DELETE);
            Await.until("deleted", () -> data.heard.events.contains("delete 42"));
            assertEquals(List.of("add 42", "delete 42"), data.heard.events);
            assertEquals(0, data.context.stats().closes().protocolErrors());
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSentMalformedOrReservedFramesToTheDataPlane() throws Exception {
        final Side data = server(Role.DATA_PLANE, anyPort(), new BgpMgmtConfig());
        try (RawPeer other = new RawPeer(data.context.endpoint())) {
            final Map<String, byte[]> bad = new LinkedHashMap<>();
            bad.put("description length 65", brokenAdd(60, 65));
            bad.put("description not UTF-8", brokenAdd(64, 0xFF));                 // 0xff "dge-1"
            bad.put("PEER_ADD key 0", brokenAdd(8, 0, 0, 0, 0));
            bad.put("remote AS 0", brokenAdd(48, 0, 0, 0, 0));
            bad.put("hold time 2", brokenAdd(56, 0, 2));
            bad.put("PEER_DELETE key 0", keyFrame(BgpMessageType.PEER_DELETE, 0, 0));
            bad.put("counters request with id 0", keyFrame(BgpMessageType.PEER_COUNTERS_REQUEST, 0, 42));
            bad.put("counters request for key 0", keyFrame(BgpMessageType.PEER_COUNTERS_REQUEST, 9, 0));
            bad.put("reserved type 0x0106", bare(0x0106, 16));
            assertEachClosesItsConnection(data, bad, GoldenBytesTest.PEER_ADD_V6);
            assertTrue(data.heard.events.isEmpty(), "no valid frame after a bad one counted: " + data.heard.events);
            assertEquals(bad.size(), data.catalog.stats().malformedMessages());

            other.write(GoldenBytesTest.PEER_ADD_V4);
            Await.until("the other connection goes on", () -> data.heard.peers.containsKey(42));
            assertEquals(List.of("add 42"), data.heard.events);
            assertEquals(bad.size(), data.context.stats().closes().protocolErrors());
            assertFalse(other.closedByPeer(Duration.ofMillis(100)));
        }
    }

    @Test
    void shouldDropStalePeersOnlyAtTheNextSyncEnd() throws Exception {
        final Side data = server(Role.DATA_PLANE, anyPort(), new BgpMgmtConfig());
        try (RawPeer raw = new RawPeer(data.context.endpoint())) {
            raw.write(GoldenBytesTest.PEER_ADD_V4);
            raw.write(GoldenBytesTest.PEER_ADD_V6);
            Await.until("two peers", () -> data.heard.peers.size() == 2);
        }
        Await.until("connection lost", () -> !data.connected());
        assertEquals(2, data.catalog.peers().size());
        assertTrue(done(data.catalog.reportState(PeerState.of(42, BgpFsmState.IDLE, 1))));
        try (RawPeer raw = new RawPeer(data.context.endpoint())) {
            raw.write(GoldenBytesTest.PEER_ADD_V4);                                 // 42 again
            final ByteBuffer report = raw.readFrame();                              // its last state
            assertEquals(BgpMessageType.PEER_STATE, Header.typeAt(report, 0));
            assertEquals(42, report.getInt(8));
            assertEquals(BgpFsmState.IDLE.code(), report.get(12));
            raw.write(GoldenBytesTest.PEER_SYNC_END);                               // 0xfffffffe is gone
            Await.until("stale peer dropped", () -> data.heard.events.contains("delete -2"));
            assertEquals(List.of("add 42", "add -2", "update 42", "delete -2"), data.heard.events);
        }
    }

    /**
     * Sends each bad frame, then {@code valid}, on a connection of its own: the catalog must close
     * it with a protocol error (counted by the context and by the catalog) before the valid frame
     * is read.
     */
    private void assertEachClosesItsConnection(final Side side, final Map<String, byte[]> bad, final byte[] valid)
        throws Exception {
        long errors = side.context.stats().closes().protocolErrors();
        long malformed = side.catalog.stats().malformedMessages();
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            try (RawPeer raw = new RawPeer(side.context.endpoint())) {
                raw.write(e.getValue());
                raw.write(valid);
                assertTrue(raw.closedByPeer(Duration.ofSeconds(10)), e.getKey() + " closes the connection");
            }
            final long expected = ++errors;
            Await.until(e.getKey() + ": protocol error counted",
                () -> side.context.stats().closes().protocolErrors() == expected);
            assertEquals(++malformed, side.catalog.stats().malformedMessages(), e.getKey());
        }
    }

    private static Throwable failure(final CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
    }
}
