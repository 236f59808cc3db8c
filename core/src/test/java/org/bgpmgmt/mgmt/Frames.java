package org.bgpmgmt.mgmt;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;

/** Builds bfddp frames for raw-socket tests. */
final class Frames {
    private Frames() {
    }

    static ByteBuffer echoRequest(final int id, final long dpTime) {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeRequest(b, 0, id).dpTime(dpTime);
        return b;
    }

    static ByteBuffer echoReply(final int id, final long dpTime) {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeReply(b, 0, id).dpTime(dpTime);
        return b;
    }

    static ByteBuffer addSession(final int lid) throws Exception {
        final ByteBuffer b = ByteBuffer.allocate(MessageType.SESSION_LENGTH);
        SessionCodec.write(BfdSession.builder(lid).addresses(InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.2")).minTx(100_000).ifname("eth0").build(),
            new SessionMessage().encodeAdd(b, 0, 0));
        return b;
    }

    static ByteBuffer raw(final int version, final int type, final int id, final int length, final int size) {
        final ByteBuffer b = ByteBuffer.allocate(size);
        b.put(0, (byte) version).put(1, (byte) 0).putShort(2, (short) type).putShort(4, (short) id)
            .putShort(6, (short) length);
        return b;
    }
}
