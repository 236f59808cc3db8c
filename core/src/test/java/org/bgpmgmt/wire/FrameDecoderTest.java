package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final int MAX_FRAME_LENGTH = 8192;

    private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME_LENGTH);

    private static ByteBuffer header(int version, int type, int id, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.put(0, (byte) version).putShort(2, (short) type).putShort(4, (short) id)
                .putShort(6, (short) length);
        return buffer;
    }

    @Test
    void shouldNeedMoreForFewerThanEightBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(GoldenFrames.countersRequest());
        for (int available = 0; available < Header.HEADER_LENGTH; available++) {
            assertEquals(FrameDecoder.NEED_MORE, decoder.check(buffer, 0, available), "" + available);
            assertNull(decoder.error());
            assertEquals(-1, decoder.frameType());
        }
    }

    @Test
    void shouldNeedMoreForEveryPartialFrame() {
        ByteBuffer buffer = ByteBuffer.wrap(GoldenFrames.addSessionIpv6());
        for (int available = Header.HEADER_LENGTH; available < 140; available++) {
            assertEquals(FrameDecoder.NEED_MORE, decoder.check(buffer, 0, available), "" + available);
            assertNull(decoder.error());
            assertEquals(MessageType.DP_ADD_SESSION, decoder.frameType());
            assertEquals(140, decoder.frameLength());
        }
        assertEquals(140, decoder.check(buffer, 0, 140));
        assertEquals(0x1234, decoder.frameId());
    }

    @Test
    void shouldRejectWrongVersion() {
        for (int version : new int[] {0, 2, 255}) {
            assertEquals(FrameDecoder.ERROR, decoder.check(header(version, 4, 0, 36), 0, 8));
            assertEquals(ProtocolError.BAD_VERSION, decoder.error());
            assertEquals(version, decoder.errorValue());
            assertEquals(Header.VERSION, decoder.errorLimit());
        }
        assertEquals(
                "unsupported bfddp version 255 in a frame of type 4 (this codec speaks 1)",
                decoder.errorMessage());
    }

    @Test
    void shouldRejectLengthBelowHeader() {
        for (int length = 0; length < Header.HEADER_LENGTH; length++) {
            assertEquals(FrameDecoder.ERROR, decoder.check(header(1, 0x200, 0, length), 0, 16));
            assertEquals(ProtocolError.LENGTH_BELOW_HEADER, decoder.error());
            assertEquals(length, decoder.errorValue());
        }
        assertEquals(
                "frame length 7 of type 512 is shorter than the 8-byte header", decoder.errorMessage());
    }

    @Test
    void shouldRejectLengthAboveMaximumButAcceptTheMaximum() {
        assertEquals(FrameDecoder.ERROR, decoder.check(header(1, 0x200, 0, 8193), 0, 8));
        assertEquals(ProtocolError.LENGTH_ABOVE_MAXIMUM, decoder.error());
        assertEquals(8193, decoder.errorValue());
        assertEquals(MAX_FRAME_LENGTH, decoder.errorLimit());
        assertEquals(
                "frame length 8193 of type 512 exceeds the maximum frame size 8192",
                decoder.errorMessage());
        ByteBuffer big = ByteBuffer.allocate(MAX_FRAME_LENGTH);
        big.put(0, header(1, 0x200, 0, MAX_FRAME_LENGTH).array(), 0, 8);
        assertEquals(FrameDecoder.NEED_MORE, decoder.check(big, 0, 8191));
        assertEquals(MAX_FRAME_LENGTH, decoder.check(big, 0, MAX_FRAME_LENGTH));
    }

    @Test
    void shouldRejectEveryBuiltInTypeShorterThanItsFixedSize() {
        for (int type = 0; type < MessageType.BUILT_IN_COUNT; type++) {
            int needed = MessageType.fixedLength(type);
            // Only the header has arrived: the error must not wait for the rest.
            assertEquals(FrameDecoder.ERROR, decoder.check(header(1, type, 9, needed - 1), 0, 8));
            assertEquals(ProtocolError.PAYLOAD_TOO_SHORT, decoder.error());
            assertEquals(needed - 1, decoder.errorValue());
            assertEquals(needed, decoder.errorLimit());
            assertEquals(type, decoder.frameType());
        }
        assertEquals(
                "frame length 79 is shorter than the 80 bytes type 6 needs", decoder.errorMessage());
    }

    @Test
    void shouldRejectRegisteredUserTypeShorterThanItsMinimum() {
        MessageRegistry<Runnable> registry =
                new MessageRegistry<Runnable>().register(0x100, "BGP_PEER", 16, () -> {});
        FrameDecoder withUserTypes = new FrameDecoder(registry, MAX_FRAME_LENGTH);
        assertEquals(FrameDecoder.ERROR, withUserTypes.check(header(1, 0x100, 0, 23), 0, 8));
        assertEquals(ProtocolError.PAYLOAD_TOO_SHORT, withUserTypes.error());
        assertEquals(24, withUserTypes.errorLimit());
        ByteBuffer frame = ByteBuffer.allocate(24).put(0, header(1, 0x100, 0, 24).array(), 0, 8);
        assertEquals(24, withUserTypes.check(frame, 0, 24));
    }

    @Test
    void shouldAcceptFrameLongerThanItsTypeNeeds() {
        byte[] golden = GoldenFrames.stateChange();
        ByteBuffer buffer = ByteBuffer.allocate(40);
        buffer.put(0, golden).putShort(6, (short) 40).putInt(36, 0xCAFEBABE);
        assertEquals(FrameDecoder.NEED_MORE, decoder.check(buffer, 0, 36));
        assertEquals(40, decoder.check(buffer, 0, 40));
        StateChangeMessage change = new StateChangeMessage().wrap(buffer, 0);
        assertEquals(40, change.length());
        assertEquals(0x80000F0F, change.rid());
        assertEquals(5, change.detectionMultiplier());
    }

    @Test
    void shouldAcceptUnknownTypes() {
        assertEquals(8, decoder.check(header(1, 0x7F, 3, 8), 0, 16));
        assertEquals(12, decoder.check(header(1, 0xFFFF, 3, 12), 0, 16));
        assertNull(decoder.error());
    }

    @Test
    void shouldSplitManyFramesBackToBack() {
        List<byte[]> frames = List.of(
                GoldenFrames.echoRequest(),
                GoldenFrames.addSessionIpv6(),
                GoldenFrames.stateChange(),
                GoldenFrames.deleteSessionIpv4(),
                GoldenFrames.countersRequest(),
                GoldenFrames.countersReply(),
                GoldenFrames.echoReply(),
                header(1, 0x300, 0, 16).array());
        ByteBuffer stream = ByteBuffer.allocate(4096);
        int total = 0;
        for (int round = 0; round < 5; round++) {
            for (byte[] frame : frames) {
                stream.put(total, frame);
                total += frame.length;
            }
        }
        List<Integer> types = new ArrayList<>();
        int offset = 0;
        int n;
        while ((n = decoder.check(stream, offset, total - offset)) > 0) {
            types.add(decoder.frameType());
            offset += n;
        }
        assertEquals(FrameDecoder.NEED_MORE, n);
        assertEquals(total, offset);
        assertEquals(40, types.size());
        assertEquals(List.of(0, 2, 4, 3, 5, 6, 1, 0x300), types.subList(32, 40));
    }

    @Test
    void shouldFindFramesWhenBytesTrickleIn() {
        byte[] a = GoldenFrames.countersReply();
        byte[] b = GoldenFrames.echoRequest();
        ByteBuffer stream = ByteBuffer.allocate(a.length + b.length).put(a).put(b);
        int offset = 0;
        List<Integer> lengths = new ArrayList<>();
        for (int arrived = 0; arrived <= stream.capacity(); arrived++) {
            int n = decoder.check(stream, offset, arrived - offset);
            if (n > 0) {
                lengths.add(n);
                offset += n;
                assertEquals(FrameDecoder.NEED_MORE, decoder.check(stream, offset, arrived - offset));
            } else {
                assertEquals(FrameDecoder.NEED_MORE, n);
            }
        }
        assertEquals(List.of(80, 24), lengths);
    }

    @Test
    void shouldRejectRegionOutsideBufferAndSmallMaximum() {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.check(buffer, 10, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.check(buffer, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(7));
    }

    @Test
    void shouldNotAllocateWhileCheckingAndDecoding() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteBuffer stream = ByteBuffer.allocateDirect(1024);
        GoldenFrames.encodeAddSessionIpv6(stream, 0);
        GoldenFrames.encodeCountersReply(stream, 140);
        SessionMessage session = new SessionMessage();
        CountersReplyMessage reply = new CountersReplyMessage();
        byte[] address = new byte[16];
        long sum = 0;
        for (int warmup = 0; warmup < 2; warmup++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                int n = decoder.check(stream, 0, 220);
                sum += session.wrap(stream, 0).lid() + session.copySourceAddressTo(address, 0) + n;
                session.encodeAdd(stream, 0, i & 0xFFFF).ifname("enp0s31f6").minTx(i);
                sum += decoder.check(stream, 140, 80);
                sum += reply.wrap(stream, 140).echoOutputBytes();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (warmup == 1) {
                assertTrue(allocated < 20_000, "allocated " + allocated + " bytes in 20000 iterations");
            }
        }
        assertTrue(sum != 0);
    }
}
