package org.bgpmgmt.examples.bgp;

/**
 * Bits of the 32-bit {@code flags} field of a {@link BgpMessageType#PEER_ADD} payload.
 *
 * <p>Combine with {@code |}, test with {@code (flags & FLAG) != 0}. Bits not listed are reserved:
 * senders write them as zero and receivers ignore them, so a later version may define them.
 *
 * <p>Thread-safe: immutable.
 */
public final class PeerFlags {

    /** Bit 0: passive: wait for the peer to open the TCP connection, never connect to it. */
    public static final int PASSIVE = 1;

    /** Bit 1: administratively shut down (the FSM stays Idle, RFC 4271 ManualStop). */
    public static final int SHUTDOWN = 1 << 1;

    /** Bit 2: both addresses are IPv6 (16 bytes); when clear they are IPv4 (the first 4 bytes). */
    public static final int IPV6 = 1 << 2;

    /** Every bit this version defines. */
    public static final int ALL = PASSIVE | SHUTDOWN | IPV6;

    private PeerFlags() {}
}
