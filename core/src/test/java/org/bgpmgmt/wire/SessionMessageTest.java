package org.bgpmgmt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionMessageTest {

    private final ByteBuffer out = ByteBuffer.allocate(MessageType.SESSION_LENGTH);
    private final SessionMessage session = new SessionMessage().encodeAdd(out, 0, 1);

    private static final int IFNAME_INDEX = 8 + 68;

    @Test
    void shouldAcceptIfnameOfExactly63Bytes() {
        String name = "x".repeat(63);
        session.ifname(name);
        assertEquals(name, session.ifname());
        assertEquals(0, out.get(IFNAME_INDEX + 63), "terminating NUL");
    }

    @Test
    void shouldRejectIfnameOf64BytesNamingTheValue() {
        session.ifname("eth0");
        String name = "y".repeat(64);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> session.ifname(name));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        assertEquals("eth0", session.ifname(), "field unchanged after a rejected name");
    }

    @Test
    void shouldCountIfnameLengthInUtf8Bytes() {
        String name = "é".repeat(32); // 32 chars, 64 bytes
        assertThrows(IllegalArgumentException.class, () -> session.ifname(name));
        session.ifname("br-é€😀");
        assertEquals("br-é€😀", session.ifname());
        assertEquals(3 + 2 + 3 + 4, session.ifnameLength());
        byte[] raw = new byte[64];
        int n = session.copyIfnameTo(raw, 0);
        assertArrayEquals(
                "br-é€😀".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(raw, n));
    }

    @Test
    void shouldRejectIfnameWithNulOrUnpairedSurrogate() {
        assertThrows(IllegalArgumentException.class, () -> session.ifname("eth\0"));
        assertThrows(IllegalArgumentException.class, () -> session.ifname("eth\uD800"));
        assertThrows(IllegalArgumentException.class, () -> session.ifname("eth\uDC00x"));
    }

    @Test
    void shouldClearOldIfnameTailWhenShorterNameIsWritten() {
        session.ifname("a-rather-long-interface-name");
        session.ifname("lo");
        assertEquals("lo", session.ifname());
        for (int i = 2; i < 64; i++) {
            assertEquals(0, out.get(IFNAME_INDEX + i), "ifname byte " + i);
        }
        session.ifname("");
        assertEquals("", session.ifname());
        assertEquals(0, session.ifnameLength());
    }

    @Test
    void shouldSetIfnameFromRawBytes() {
        byte[] src = "xxeth1xx".getBytes(StandardCharsets.US_ASCII);
        session.ifname(src, 2, 4);
        assertEquals("eth1", session.ifname());
        assertThrows(IllegalArgumentException.class, () -> session.ifname(new byte[64], 0, 64));
        assertThrows(IllegalArgumentException.class, () -> session.ifname(new byte[3], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> session.ifname(src, 6, 4));
    }

    @Test
    void shouldReadIfnameWithoutNulAsAll64Bytes() {
        for (int i = 0; i < 64; i++) {
            out.put(IFNAME_INDEX + i, (byte) 'a');
        }
        assertEquals(64, session.ifnameLength());
        assertEquals("a".repeat(64), session.ifname());
    }

    @Test
    void shouldZeroAddressTailWhenIpv4ReplacesIpv6() {
        session.sourceAddress(GoldenFrames.IPV6_SOURCE).sourceAddress(GoldenFrames.IPV4_SOURCE);
        for (int i = 4; i < 16; i++) {
            assertEquals(0, out.get(8 + 4 + i), "source byte " + i);
        }
        byte[] dst = new byte[4];
        assertEquals(4, session.copySourceAddressTo(dst, 0));
        assertArrayEquals(GoldenFrames.IPV4_SOURCE, dst);
    }

    @Test
    void shouldLeaveFlagsAloneWhenSettingAddresses() throws Exception {
        session.flags(SessionFlags.ECHO);
        session.sourceInetAddress(InetAddress.getByName("2001:db8::1"));
        session.destinationInetAddress(InetAddress.getByName("2001:db8::2"));
        assertEquals(SessionFlags.ECHO, session.flags());
        session.flags(SessionFlags.ECHO | SessionFlags.IPV6);
        assertEquals(InetAddress.getByName("2001:db8::2"), session.destinationInetAddress());
    }

    @Test
    void shouldRejectAddressesOfOtherLengths() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> session.sourceAddress(new byte[5]));
        assertTrue(e.getMessage().contains("sourceAddress"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> session.destinationAddress(new byte[0]));
    }

    @Test
    void shouldRejectValuesOutsideFieldRanges() {
        assertThrows(IllegalArgumentException.class, () -> session.minTx(-1));
        assertThrows(IllegalArgumentException.class, () -> session.minRx(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> session.holdTime(-5));
        assertThrows(IllegalArgumentException.class, () -> session.ttl(256));
        assertThrows(IllegalArgumentException.class, () -> session.detectMult(-1));
        assertThrows(IllegalArgumentException.class, () -> session.id(0x10000));
        session.minEchoRx(0xFFFF_FFFFL).ttl(0).detectMult(255).id(0xFFFF);
        assertEquals(0xFFFF_FFFFL, session.minEchoRx());
        assertEquals(0xFFFF, session.id());
    }

    @Test
    void shouldModifyWrappedFrameInPlace() {
        ByteBuffer in = ByteBuffer.wrap(GoldenFrames.addSessionIpv6());
        new SessionMessage().wrap(in, 0).minTx(1_000_000).ttl(64);
        SessionMessage reread = new SessionMessage().wrap(in, 0);
        assertEquals(1_000_000L, reread.minTx());
        assertEquals(64, reread.ttl());
        assertEquals("enp0s31f6", reread.ifname());
    }

    @Test
    void shouldRejectLittleEndianAndTooSmallBuffers() {
        ByteBuffer little = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class, () -> new SessionMessage().wrap(little, 0));
        SessionMessage fresh = new SessionMessage();
        assertThrows(IllegalArgumentException.class, () -> fresh.encodeAdd(little, 0, 1));
        ByteBuffer small = ByteBuffer.allocate(200);
        assertThrows(IndexOutOfBoundsException.class, () -> fresh.wrap(small, 61));
        assertThrows(IndexOutOfBoundsException.class, () -> fresh.encodeDelete(small, -1, 1));
        small.limit(139);
        assertThrows(IndexOutOfBoundsException.class, () -> fresh.encodeAdd(small, 0, 1));
    }
}
