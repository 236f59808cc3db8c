package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderTest {

    @Test
    void shouldReadHeaderOfAnyFrame() {
        Header header = new Header().wrap(ByteBuffer.wrap(GoldenFrames.deleteSessionIpv4()), 0);
        assertEquals(1, header.version());
        assertEquals(0, header.reserved());
        assertEquals(MessageType.DP_DELETE_SESSION, header.type());
        assertEquals(0xFFFF, header.id());
        assertEquals(140, header.length());
    }

    @Test
    void shouldEncodeUserHeaderOverGarbage() {
        ByteBuffer out = ByteBuffer.wrap(new byte[10]);
        Arrays.fill(out.array(), (byte) 0x5A);
        new Header().encode(out, 1, 0x0102, 0xBEEF, 0x0304);
        byte[] expected = GoldenFrames.bytes(
                0x5a, // untouched
                0x01, 0x00, // version 1, zero
                0x01, 0x02, // type 0x0102
                0xbe, 0xef, // id 0xbeef
                0x03, 0x04, // length 0x0304
                0x5a); // untouched
        assertArrayEquals(expected, out.array());
    }

    @Test
    void shouldRejectOutOfRangeHeaderFields() {
        ByteBuffer out = ByteBuffer.allocate(8);
        Header header = new Header();
        assertThrows(IllegalArgumentException.class, () -> header.encode(out, 0, 0x10000, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> header.encode(out, 0, 1, -1, 8));
        assertThrows(IllegalArgumentException.class, () -> header.encode(out, 0, 1, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> header.encode(out, 0, 1, 1, 0x10000));
        assertArrayEquals(new byte[8], out.array(), "nothing written by a rejected encode");
        assertThrows(IndexOutOfBoundsException.class, () -> header.encode(out, 1, 1, 1, 8));
    }

    @Test
    void shouldNameBuiltInTypes() {
        assertEquals("BFD_SESSION_COUNTERS", MessageType.name(6));
        assertEquals(null, MessageType.name(7));
        assertEquals(-1, MessageType.fixedLength(-1));
    }
}
