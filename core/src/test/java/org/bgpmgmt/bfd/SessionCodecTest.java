package org.bgpmgmt.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.bgpmgmt.mgmt.Frames;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.junit.jupiter.api.Test;

class SessionCodecTest {
    @Test
    void shouldWriteWhatTheRawPeerFramesSendAndReadItBack() throws Exception {
        final BfdSession s = BfdSession.builder(42).addresses(InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.2")).minTx(100_000).ifname("eth0").build();
        final ByteBuffer written = ByteBuffer.allocate(MessageType.SESSION_LENGTH);
        SessionCodec.write(s, new SessionMessage().encodeAdd(written, 0, 0));
        assertEquals(written, Frames.addSession(42), "the tests' raw frame is the session the builder makes");
        assertEquals(s, SessionCodec.read(new SessionMessage().wrap(written, 0)));
    }

    @Test
    void shouldRefuseAnIfnameFieldWithoutItsNul() {
        final ByteBuffer add = Frames.addSession(9);
        for (int i = 0; i < SessionMessage.IFNAME_FIELD_LENGTH; i++) {
            add.put(8 + 68 + i, (byte) 'i');
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SessionCodec.read(new SessionMessage().wrap(add, 0)));
        assertEquals("the 64-byte ifname field has no terminating NUL", e.getMessage());
    }
}
