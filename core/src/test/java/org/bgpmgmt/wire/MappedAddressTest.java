package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Found by fuzzing: an IPv4-mapped IPv6 address must stay IPv6. */
class MappedAddressTest {
    @Test
    void shouldKeepAnIpv4MappedAddressOfAnIpv6SessionIpv6() {
        final byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, 0, 2, 1};
        final ByteBuffer b = ByteBuffer.allocate(MessageType.SESSION_LENGTH);
        final SessionMessage m = new SessionMessage().encodeAdd(b, 0, 0).flags(SessionFlags.IPV6)
            .sourceAddress(mapped).destinationAddress(mapped);
        assertInstanceOf(Inet6Address.class, m.sourceInetAddress());
        assertEquals(16, m.destinationInetAddress().getAddress().length);
        assertArrayEquals(mapped, m.sourceInetAddress().getAddress());
    }
}
