package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class PaddingTest {

    private static final byte GARBAGE = (byte) 0xA5;
    private static final int OFFSET = 5;

    private static ByteBuffer garbage() {
        byte[] bytes = new byte[256];
        Arrays.fill(bytes, GARBAGE);
        return ByteBuffer.wrap(bytes);
    }

    /** Encodes over garbage at an odd offset; returns the buffer after checking the frame. */
    private static ByteBuffer encodeOverGarbage(
            byte[] golden, BiConsumer<ByteBuffer, Integer> encoder) {
        ByteBuffer out = garbage();
        encoder.accept(out, OFFSET);
        byte[] written = Arrays.copyOfRange(out.array(), OFFSET, OFFSET + golden.length);
        assertArrayEquals(golden, written);
        assertEquals(GARBAGE, out.get(OFFSET - 1), "byte before the frame untouched");
        assertEquals(GARBAGE, out.get(OFFSET + golden.length), "byte after the frame untouched");
        assertEquals(0, out.position(), "position untouched");
        return out;
    }

    private static void assertZero(ByteBuffer out, int frameOffset, int length) {
        for (int i = 0; i < length; i++) {
            assertEquals(0, out.get(OFFSET + frameOffset + i), "byte " + (frameOffset + i));
        }
    }

    @Test
    void shouldZeroHeaderReservedByte() {
        ByteBuffer out = encodeOverGarbage(GoldenFrames.echoRequest(), GoldenFrames::encodeEchoRequest);
        assertZero(out, 1, 1);
    }

    @Test
    void shouldZeroSessionPaddingAndUnusedAddressBytes() {
        ByteBuffer out =
                encodeOverGarbage(GoldenFrames.deleteSessionIpv4(), GoldenFrames::encodeDeleteSessionIpv4);
        assertZero(out, 8 + 4 + 4, 12); // source address bytes 4..15 of an IPv4 session
        assertZero(out, 8 + 20 + 4, 12); // destination address bytes 4..15
        assertZero(out, 8 + 62, 2); // the two zero bytes after detect_mult
        assertZero(out, 8 + 68 + 7, 64 - 7); // ifname NUL padding after "vrf-red"
    }

    @Test
    void shouldZeroSessionPaddingOfIpv6Session() {
        ByteBuffer out =
                encodeOverGarbage(GoldenFrames.addSessionIpv6(), GoldenFrames::encodeAddSessionIpv6);
        assertZero(out, 8 + 62, 2);
    }

    @Test
    void shouldZeroStateChangePadding() {
        ByteBuffer out = encodeOverGarbage(GoldenFrames.stateChange(), GoldenFrames::encodeStateChange);
        assertZero(out, 8 + 27, 1);
    }

    @Test
    void shouldZeroCountersReplyPadding() {
        ByteBuffer out =
                encodeOverGarbage(GoldenFrames.countersReply(), GoldenFrames::encodeCountersReply);
        assertZero(out, 8 + 4, 4);
    }

    @Test
    void shouldWriteEveryOtherTypeExactlyOverGarbage() {
        encodeOverGarbage(GoldenFrames.echoReply(), GoldenFrames::encodeEchoReply);
        encodeOverGarbage(GoldenFrames.countersRequest(), GoldenFrames::encodeCountersRequest);
    }

    @Test
    void shouldZeroEveryPayloadByteNotSet() {
        ByteBuffer out = garbage();
        new SessionMessage().encodeAdd(out, OFFSET, 1);
        assertZero(out, 8, MessageType.SESSION_LENGTH - 8);
    }
}
