package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MessageRegistryTest {

    private static final int PEER_CATALOG_TYPE = MessageType.FIRST_USER_TYPE;

    /** What a user-defined message looks like: a flyweight built on the library's base class. */
    static final class PeerCatalogMessage extends MessageFlyweight<PeerCatalogMessage> {
        static final int LENGTH = 16;

        PeerCatalogMessage() {
            super(LENGTH);
        }

        PeerCatalogMessage encode(ByteBuffer buffer, int offset, int id) {
            return encodeZeroed(buffer, offset, PEER_CATALOG_TYPE, id);
        }

        int peerCount() {
            return int32(0);
        }

        PeerCatalogMessage peerCount(int count) {
            int32(0, count);
            return this;
        }
    }

    private final MessageRegistry<Consumer<ByteBuffer>> registry = new MessageRegistry<>();

    @Test
    void shouldHoldTheSevenBuiltInsFromTheStart() {
        assertEquals(MessageType.BUILT_IN_COUNT, registry.size());
        for (int type = 0; type < MessageType.BUILT_IN_COUNT; type++) {
            RegisteredType<Consumer<ByteBuffer>> entry = registry.entry(type);
            assertEquals(type, entry.type());
            assertEquals(MessageType.name(type), entry.name());
            assertEquals(MessageType.fixedLength(type), entry.minFrameLength());
            assertEquals(MessageType.fixedLength(type), registry.minFrameLength(type));
            assertTrue(entry.builtIn());
            assertNull(entry.handler());
        }
        assertEquals(132, registry.entry(MessageType.DP_ADD_SESSION).minPayloadLength());
        assertFalse(registry.isRegistered(MessageType.BUILT_IN_COUNT));
    }

    @Test
    void shouldFindRegisteredUserType() {
        Consumer<ByteBuffer> handler = buffer -> {};
        registry.register(PEER_CATALOG_TYPE, "BGP_PEER_CATALOG", PeerCatalogMessage.LENGTH - 8, handler)
                .register(0xFFFF, "LAST", 0, buffer -> {});
        RegisteredType<Consumer<ByteBuffer>> entry = registry.entry(PEER_CATALOG_TYPE);
        assertSame(handler, entry.handler());
        assertSame(handler, registry.handler(PEER_CATALOG_TYPE));
        assertEquals("BGP_PEER_CATALOG", entry.name());
        assertFalse(entry.builtIn());
        assertEquals(16, registry.minFrameLength(PEER_CATALOG_TYPE));
        assertEquals(8, registry.minFrameLength(0xFFFF));
        assertEquals(9, registry.size());
        assertEquals("BGP_PEER_CATALOG(256)", entry.toString());
    }

    @Test
    void shouldAnswerNothingForUnregisteredOrOutOfRangeTypes() {
        assertNull(registry.entry(PEER_CATALOG_TYPE + 1));
        assertNull(registry.entry(-1));
        assertNull(registry.entry(0x10000));
        assertNull(registry.handler(MessageType.ECHO_REQUEST));
        assertEquals(Header.HEADER_LENGTH, registry.minFrameLength(0x4242));
    }

    @Test
    void shouldRefuseToReplaceBuiltInNamingTheType() {
        for (int type = 0; type < MessageType.BUILT_IN_COUNT; type++) {
            int builtIn = type;
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> registry.register(builtIn, "MINE", 0, b -> {}));
            assertTrue(e.getMessage().contains("message type " + type + " "), e.getMessage());
        }
        assertNull(registry.handler(MessageType.DP_ADD_SESSION));
    }

    @Test
    void shouldRefuseDoubleRegistrationNamingTheType() {
        Consumer<ByteBuffer> first = buffer -> {};
        registry.register(0x1234, "FIRST", 4, first);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> registry.register(0x1234, "SECOND", 4, b -> {}));
        assertTrue(e.getMessage().contains("4660"), e.getMessage());
        assertSame(first, registry.handler(0x1234));
    }

    @Test
    void shouldRejectInvalidRegistrations() {
        assertThrows(IllegalArgumentException.class, () -> registry.register(-1, "X", 0, b -> {}));
        assertThrows(IllegalArgumentException.class, () -> registry.register(0x10000, "X", 0, b -> {}));
        assertThrows(IllegalArgumentException.class, () -> registry.register(0x200, "", 0, b -> {}));
        assertThrows(IllegalArgumentException.class, () -> registry.register(0x200, "X", -1, b -> {}));
        assertThrows(
                IllegalArgumentException.class, () -> registry.register(0x200, "X", 65528, b -> {}));
        assertThrows(NullPointerException.class, () -> registry.register(0x200, "X", 0, null));
        assertFalse(registry.isRegistered(0x200));
    }

    @Test
    void shouldRunUserTypeThroughDecoderAndHandler() {
        int[] seen = new int[1];
        registry.register(PEER_CATALOG_TYPE, "BGP_PEER_CATALOG", 8, buffer -> seen[0]++);
        ByteBuffer stream = ByteBuffer.allocate(64);
        new PeerCatalogMessage().encode(stream, 0, 5).peerCount(58);
        FrameDecoder decoder = new FrameDecoder(registry, stream.capacity());
        int n = decoder.check(stream, 0, PeerCatalogMessage.LENGTH);
        assertEquals(PeerCatalogMessage.LENGTH, n);
        registry.handler(decoder.frameType()).accept(stream);
        assertEquals(1, seen[0]);
        assertEquals(58, new PeerCatalogMessage().wrap(stream, 0).peerCount());
    }
}
