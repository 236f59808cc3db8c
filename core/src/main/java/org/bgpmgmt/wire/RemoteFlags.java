package org.bgpmgmt.wire;

/**
 * Bits of the 32-bit {@code remote_flags} field of a state change ({@link
 * StateChangeMessage#remoteFlags()}), as the remote system last sent them.
 *
 * <p>Thread-safe: immutable.
 */
public final class RemoteFlags {

    /** Bit 0: control plane independent (the remote's C bit). */
    public static final int CPI = 1;

    /** Bit 1: the remote runs demand mode. */
    public static final int DEMAND = 1 << 1;

    /** Bit 2: multipoint (the M bit). */
    public static final int MULTIPOINT = 1 << 2;

    private RemoteFlags() {}
}
