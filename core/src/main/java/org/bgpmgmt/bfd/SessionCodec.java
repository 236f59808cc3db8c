package org.bgpmgmt.bfd;

import org.bgpmgmt.wire.SessionFlags;
import org.bgpmgmt.wire.SessionMessage;

/**
 * Reads and writes a {@link BfdSession} as the body of DP_ADD_SESSION and DP_DELETE_SESSION.
 * Stateless; any thread.
 */
final class SessionCodec {
    private SessionCodec() {
    }

    /** Reads the session a DP_ADD_SESSION or DP_DELETE_SESSION carries. Allocates. */
    static BfdSession read(final SessionMessage m) {
        if (m.ifnameLength() > SessionMessage.IFNAME_MAX_LENGTH) {
            throw new IllegalArgumentException("the 64-byte ifname field has no terminating NUL");
        }
        final boolean v6 = (m.flags() & SessionFlags.IPV6) != 0;
        final byte[] src = new byte[v6 ? 16 : 4];
        final byte[] dst = new byte[v6 ? 16 : 4];
        m.copySourceAddressTo(src, 0);
        m.copyDestinationAddressTo(dst, 0);
        final BfdSession.Builder b = new BfdSession.Builder(m.lid());
        b.flags = m.flags() & ~SessionFlags.IPV6; // unknown bits pass through, as bfdd sent them
        b.source = src;
        b.destination = dst;
        return b.minTx(m.minTx()).minRx(m.minRx()).minEchoTx(m.minEchoTx()).minEchoRx(m.minEchoRx())
            .holdTime(m.holdTime()).ttl(m.ttl()).detectMultiplier(m.detectMult()).ifindex(m.ifindex())
            .ifname(m.ifname()).build();
    }

    /** Writes every field of {@code s} into a session message the caller has just started. */
    static void write(final BfdSession s, final SessionMessage m) {
        m.flags(s.flags()).lid(s.lid()).sourceAddress(s.source).destinationAddress(s.destination)
            .minTx(s.minTxMicros()).minRx(s.minRxMicros()).minEchoTx(s.minEchoTxMicros())
            .minEchoRx(s.minEchoRxMicros()).holdTime(s.holdTimeMillis()).ttl(s.ttl())
            .detectMult(s.detectMultiplier()).ifindex(s.ifindex());
        if (!s.ifname().isEmpty()) {
            m.ifname(s.ifname());
        }
    }

    /** The address of raw bytes; allocates. */
    static java.net.InetAddress address(final byte[] raw) {
        try {
            // Inet6Address keeps an IPv4-mapped IPv6 address (::ffff:a.b.c.d) IPv6; InetAddress.getByAddress
            // would turn it into an Inet4Address and flip the session's family (found by fuzzing).
            return raw.length == 16 ? java.net.Inet6Address.getByAddress(null, raw, -1)
                : java.net.InetAddress.getByAddress(raw);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("impossible address length " + raw.length, e);
        }
    }

    /** Checks that {@code v} fits a u32 field, naming the field. */
    static long u32(final long v, final String what) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " out of 0..4294967295: " + v);
        }
        return v;
    }
}
