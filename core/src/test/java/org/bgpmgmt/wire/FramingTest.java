package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The decoder cuts other protocols' streams by their framing: BMP's and FPM's headers as examples. */
class FramingTest {
    /** RFC 7854: version 3, a 4-byte length at 1 counting the 6-byte header, the type at 5. */
    static final Framing BMP = Framing.of("bmp", 6).version(0, 3).length(1, 4, true).type(5, 1);
    /** FPM: version 1, type at 1 (1 = netlink), a 2-byte length at 2 counting the 4-byte header. */
    static final Framing FPM = Framing.of("fpm", 4).version(0, 1).type(1, 1).length(2, 2, true);

    private static ByteBuffer bmp(final int type, final int length) {
        final ByteBuffer b = ByteBuffer.allocate(Math.max(length, 6));
        b.put(0, (byte) 3).putInt(1, length).put(5, (byte) type);
        return b;
    }

    @Test
    void shouldCutBmpFramesOverTheirFourByteLength() {
        final FrameDecoder d = new FrameDecoder(BMP, new MessageRegistry<Void>(), 1 << 20);
        final ByteBuffer b = bmp(3, 70_000); // a Peer Up longer than a 2-byte field could carry
        assertEquals(FrameDecoder.NEED_MORE, d.check(b, 0, 5), "less than the header");
        assertEquals(-1, d.frameType());
        assertEquals(FrameDecoder.NEED_MORE, d.check(b, 0, 69_999), "one byte short");
        assertEquals(3, d.frameType());
        assertEquals(70_000, d.frameLength());
        assertEquals(70_000, d.check(b, 0, 70_000));
        assertEquals(-1, d.frameId(), "BMP has no id");
    }

    @Test
    void shouldRejectABadVersionNamingTheFraming() {
        final FrameDecoder d = new FrameDecoder(BMP, new MessageRegistry<Void>(), 4096);
        final ByteBuffer b = bmp(4, 20).put(0, (byte) 1);
        assertEquals(FrameDecoder.ERROR, d.check(b, 0, 6), "reported with the header alone");
        assertEquals(ProtocolError.BAD_VERSION, d.error());
        assertEquals("unsupported bmp version 1 in a frame of type 4 (this codec speaks 3)", d.errorMessage());
    }

    @Test
    void shouldRejectLengthsBelowTheHeaderAndAboveTheMaximum() {
        final FrameDecoder d = new FrameDecoder(BMP, new MessageRegistry<Void>(), 4096);
        assertEquals(FrameDecoder.ERROR, d.check(bmp(0, 5), 0, 6));
        assertEquals("frame length 5 of type 0 is shorter than the 6-byte header", d.errorMessage());
        assertEquals(FrameDecoder.ERROR, d.check(bmp(0, 4097), 0, 6));
        assertEquals(ProtocolError.LENGTH_ABOVE_MAXIMUM, d.error());
        final ByteBuffer huge = bmp(0, 6).putInt(1, 0xFFFF_FFFF); // 4 GiB: an unsigned field, never negative
        assertEquals(FrameDecoder.ERROR, d.check(huge, 0, 6));
        assertEquals(ProtocolError.LENGTH_ABOVE_MAXIMUM, d.error());
        assertEquals(6, d.check(bmp(5, 6), 0, 6), "a bare header is a whole frame");
    }

    @Test
    void shouldCutFpmFramesAndCheckAUserTypesMinimumBeyondItsHeader() {
        final MessageRegistry<String> types = new MessageRegistry<String>().register(200, "FPM_TEST", 12, "h");
        final FrameDecoder d = new FrameDecoder(FPM, types, 65_535);
        final ByteBuffer b = ByteBuffer.allocate(64);
        b.put(0, (byte) 1).put(1, (byte) 1).putShort(2, (short) 20); // netlink: 20 bytes
        b.put(20, (byte) 1).put(21, (byte) 200).putShort(22, (short) 15); // type 200 needs 4 + 12
        assertEquals(20, d.check(b, 0, 64));
        assertEquals(1, d.frameType());
        assertEquals(FrameDecoder.ERROR, d.check(b, 20, 44));
        assertEquals(ProtocolError.PAYLOAD_TOO_SHORT, d.error());
        assertEquals(16, d.errorLimit());
        b.put(1, (byte) 2); // built-in bfddp numbers carry no bfddp minimum under another framing
        assertEquals(20, d.check(b, 0, 64));
    }

    @Test
    void shouldAddTheHeaderWhenTheLengthCountsOnlyThePayload() {
        final Framing payloadOnly = Framing.of("tlv", 3).type(0, 1).length(1, 2, false);
        assertEquals(65_535 + 3, payloadOnly.maxFrameLength());
        final FrameDecoder d = new FrameDecoder(payloadOnly, new MessageRegistry<Void>(), 100);
        final ByteBuffer b = ByteBuffer.allocate(16).put(0, (byte) 9).putShort(1, (short) 5);
        assertEquals(8, d.check(b, 0, 16));
        assertEquals(9, d.frameType());
        assertEquals(-1, payloadOnly.version(), "no version byte: every frame matches");
    }

    @Test
    void shouldKeepBfddpBitForBitWhetherNamedOrDefault() {
        final ByteBuffer echo = ByteBuffer.allocate(24);
        new EchoMessage().encodeRequest(echo, 0, 7);
        final FrameDecoder named = new FrameDecoder(Framing.BFDDP, new MessageRegistry<Void>(), 8192);
        final FrameDecoder byDefault = new FrameDecoder(8192);
        assertEquals(24, named.check(echo, 0, 24));
        assertEquals(24, byDefault.check(echo, 0, 24));
        assertEquals(7, named.frameId());
        assertEquals(65_535, Framing.BFDDP.maxFrameLength());
        assertEquals(Framing.BFDDP, Framing.of("bfddp", 8).version(0, 1).type(2, 2).length(6, 2, true));
        assertNotEquals(Framing.BFDDP, BMP);
    }

    @Test
    void shouldRefuseFieldsOutsideTheHeader() {
        final Framing f = Framing.of("x", 4);
        assertThrows(IllegalArgumentException.class, () -> f.length(2, 4, true));
        assertThrows(IllegalArgumentException.class, () -> f.length(0, 3, true));
        assertThrows(IllegalArgumentException.class, () -> f.type(4, 1));
        assertThrows(IllegalArgumentException.class, () -> f.version(0, 256));
        assertThrows(IllegalArgumentException.class, () -> Framing.of("", 4));
        assertThrows(IllegalArgumentException.class, () -> Framing.of("x", 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(BMP, new MessageRegistry<Void>(), 5));
    }
}
