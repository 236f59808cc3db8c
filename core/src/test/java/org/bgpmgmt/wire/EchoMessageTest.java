package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EchoMessageTest {

    @Test
    void shouldWriteTheReplyToARequestAsTheFlyweightEncodesIt() {
        ByteBuffer request = ByteBuffer.allocateDirect(40);
        new EchoMessage().encodeRequest(request, 3, 0xBEEF).dpTime(0x8000_0000_0000_0001L).bfddTime(77);
        ByteBuffer out = ByteBuffer.allocateDirect(40);
        for (int i = 0; i < out.capacity(); i++) {
            out.put(i, (byte) 0x5A); // garbage the reply must cover completely
        }
        EchoMessage.writeReply(request, 3, out, 5, 0x0102_0304_0506_0708L);

        ByteBuffer expected = ByteBuffer.allocate(40);
        Arrays.fill(expected.array(), (byte) 0x5A);
        new EchoMessage().encodeReply(expected, 5, 0xBEEF).dpTime(0x8000_0000_0000_0001L)
                .bfddTime(0x0102_0304_0506_0708L);
        byte[] written = new byte[40];
        out.get(0, written);
        assertArrayEquals(expected.array(), written);
        assertEquals(0, out.position(), "position untouched");
        assertEquals(40, out.limit(), "limit untouched");
    }

    @Test
    void shouldRefuseAReplyThatDoesNotFitOrALittleEndianBuffer() {
        ByteBuffer request = ByteBuffer.allocate(24);
        new EchoMessage().encodeRequest(request, 0, 1);
        assertThrows(IndexOutOfBoundsException.class,
                () -> EchoMessage.writeReply(request, 0, ByteBuffer.allocate(30), 7, 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> EchoMessage.writeReply(request, 1, ByteBuffer.allocate(24), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> EchoMessage.writeReply(request, 0, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN), 0, 0));
    }
}
