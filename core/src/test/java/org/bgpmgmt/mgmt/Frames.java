package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;

/**
 * Builds bfddp frames for raw-socket tests, with the wire flyweights alone: public so the BFD
 * tests of {@code org.bgpmgmt.bfd} play a raw peer with the same frames.
 */
public final class Frames {
    private Frames() {
    }

    public static ByteBuffer echoRequest(final int id, final long dpTime) {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeRequest(b, 0, id).dpTime(dpTime);
        return b;
    }

    public static ByteBuffer echoReply(final int id, final long dpTime) {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeReply(b, 0, id).dpTime(dpTime);
        return b;
    }

    /**
     * DP_ADD_SESSION of what {@code BfdSession.builder(lid).addresses(127.0.0.1, 127.0.0.2).minTx(100_000)
     * .ifname("eth0")} builds: the builder's defaults written out, since its codec is the bfd package's own.
     */
    public static ByteBuffer addSession(final int lid) {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.SESSION_LENGTH);
        new SessionMessage().encodeAdd(b, 0, 0).lid(lid).sourceAddress(new byte[] {127, 0, 0, 1})
            .destinationAddress(new byte[] {127, 0, 0, 2}).minTx(100_000).minRx(300_000).minEchoTx(50_000)
            .minEchoRx(50_000).ttl(255).detectMult(3).ifname("eth0");
        return b;
    }

    /** BFD_STATE_CHANGE for {@code lid} with raw wire codes, so a test can send codes no enum has. */
    public static ByteBuffer stateChange(final int lid, final int state, final int diagnostic) {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.STATE_CHANGE_LENGTH);
        new StateChangeMessage().encode(b, 0, 0).lid(lid).rid(0x1234).state(state).diagnostics(diagnostic)
            .detectionMultiplier(3);
        return b;
    }

    public static ByteBuffer raw(final int version, final int type, final int id, final int length, final int size) {
        final ByteBuffer b = ByteBuffer.allocate(size);
        b.put(0, (byte) version).put(1, (byte) 0).putShort(2, (short) type).putShort(4, (short) id)
            .putShort(6, (short) length);
        return b;
    }
}
