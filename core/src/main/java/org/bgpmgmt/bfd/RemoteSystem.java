package org.bgpmgmt.bfd;

/**
 * What a data plane knows of the far end of a session (RFC 5880's remote system), as
 * BFD_STATE_CHANGE carries it. Thread-safe: immutable.
 *
 * @param discriminator the remote discriminator
 * @param flags the remote flags ({@link org.bgpmgmt.wire.RemoteFlags})
 * @param desiredTxMicros the remote desired transmit interval, microseconds
 * @param requiredRxMicros the remote required receive interval, microseconds
 * @param requiredEchoRxMicros the remote required echo receive interval, microseconds
 * @param detectMultiplier the remote detection multiplier
 */
public record RemoteSystem(int discriminator, int flags, long desiredTxMicros, long requiredRxMicros,
                           long requiredEchoRxMicros, int detectMultiplier) {
    /** Nothing known of the remote system yet: every field zero. */
    public static final RemoteSystem UNKNOWN = new RemoteSystem(0, 0, 0, 0, 0, 0);
}
