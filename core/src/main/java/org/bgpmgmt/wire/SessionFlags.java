package org.bgpmgmt.wire;

/**
 * Bits of the 32-bit {@code flags} field of a session payload ({@link SessionMessage#flags()}).
 *
 * <p>Combine with {@code |}, test with {@code (flags & FLAG) != 0}.
 *
 * <p>Thread-safe: immutable.
 */
public final class SessionFlags {

    /** Bit 0: the session is multihop (RFC 5883) rather than single hop. */
    public static final int MULTIHOP = 1;

    /** Bit 1: demand mode is wanted. */
    public static final int DEMAND = 1 << 1;

    /** Bit 2: the control plane is independent (the C bit). */
    public static final int CBIT = 1 << 2;

    /** Bit 3: the echo function is enabled. */
    public static final int ECHO = 1 << 3;

    /** Bit 4: the addresses are IPv6 (16 bytes); when clear they are IPv4 (the first 4 bytes). */
    public static final int IPV6 = 1 << 4;

    /** Bit 5: passive mode: wait for the peer to start sending. */
    public static final int PASSIVE = 1 << 5;

    /** Bit 6: the session is administratively shut down. */
    public static final int SHUTDOWN = 1 << 6;

    /** Every bit bfddp v1 defines; others are reserved and sent as zero. */
    public static final int ALL = MULTIHOP | DEMAND | CBIT | ECHO | IPV6 | PASSIVE | SHUTDOWN;

    private SessionFlags() {}
}
