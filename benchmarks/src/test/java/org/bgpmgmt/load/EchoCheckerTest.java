package org.bgpmgmt.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EchoCheckerTest {
    private final EchoChecker checker = new EchoChecker("test", 4);
    private final ByteBuffer out = ByteBuffer.allocate(256);

    /** Turns the request at {@code offset} into the reply a correct server sends. */
    private static ByteBuffer replyTo(final ByteBuffer requests, final int offset) {
        final ByteBuffer r = ByteBuffer.allocate(24);
        r.put(0, requests, offset, 24);
        r.putShort(2, (short) 1);
        return r;
    }

    @Test
    void shouldAcceptInOrderRepliesAndMeasureTheirRoundTrip() {
        checker.writeRequest(out, 1_000);
        checker.writeRequest(out, 2_000);
        assertEquals(2, checker.inFlight());
        assertEquals(9_000, checker.checkReply(replyTo(out, 0), 0, 10_000));
        assertEquals(8_000, checker.checkReply(replyTo(out, 24), 0, 10_000));
        assertEquals(0, checker.inFlight());
    }

    @Test
    void shouldAcceptBfddsZeroIdAndCountIt() {
        checker.writeRequest(out, 0);
        final ByteBuffer reply = replyTo(out, 0);
        reply.putShort(4, (short) 0);
        checker.checkReply(reply, 0, 1);
        assertEquals(1, checker.zeroIdReplies);
    }

    @Test
    void shouldFailOnAWrongTypeIdOrTimeAndOnAnUnaskedReply() {
        checker.writeRequest(out, 0);
        final ByteBuffer wrongType = replyTo(out, 0).putShort(2, (short) 0);
        assertTrue(assertThrows(LoadFailure.class, () -> checker.checkReply(wrongType, 0, 1)).getMessage()
            .contains("type 0"));
        final ByteBuffer wrongId = replyTo(out, 0).putShort(4, (short) 99);
        assertTrue(assertThrows(LoadFailure.class, () -> checker.checkReply(wrongId, 0, 1)).getMessage()
            .contains("id 99"));
        final ByteBuffer wrongTime = replyTo(out, 0).putLong(8, 12345);
        assertTrue(assertThrows(LoadFailure.class, () -> checker.checkReply(wrongTime, 0, 1)).getMessage()
            .contains("dp_time 12345"));
        checker.checkReply(replyTo(out, 0), 0, 1);
        assertThrows(LoadFailure.class, () -> checker.checkReply(replyTo(out, 0), 0, 1), "nothing in flight");
    }

    @Test
    void shouldNeverUseIdZero() {
        for (long seq = 0; seq < 200_000; seq++) {
            final int id = EchoChecker.idOf(seq);
            assertTrue(id >= 1 && id <= 0xFFFF, "seq " + seq + " id " + id);
        }
    }
}
