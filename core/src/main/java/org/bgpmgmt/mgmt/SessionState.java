package org.bgpmgmt.mgmt;

import org.bgpmgmt.wire.BfdState;

/**
 * What the data plane last reported for a session (BFD_STATE_CHANGE), plus the transitions the
 * context counted. Immutable; any thread.
 *
 * @param lid the local discriminator
 * @param state {@link BfdState}: 0 admin-down, 1 down, 2 init, 3 up
 * @param diagnostics RFC 5880 diagnostic code
 * @param remoteDiscriminator the peer's discriminator
 * @param remoteFlags the peer's flags (bit0 cpi, bit1 demand, bit2 multipoint)
 * @param remoteDesiredTxMicros the peer's desired transmit interval
 * @param remoteRequiredRxMicros the peer's required receive interval
 * @param remoteRequiredEchoRxMicros the peer's required echo receive interval
 * @param remoteDetectMultiplier the peer's detection multiplier
 * @param upCount how many times the session went up
 * @param downCount how many times it went down from up
 * @param lastUpMillis when it last went up, ms since the epoch, 0 if never
 * @param lastDownMillis when it last went down, ms since the epoch, 0 if never
 */
public record SessionState(int lid, int state, int diagnostics, int remoteDiscriminator, int remoteFlags,
                           long remoteDesiredTxMicros, long remoteRequiredRxMicros, long remoteRequiredEchoRxMicros,
                           int remoteDetectMultiplier, long upCount, long downCount, long lastUpMillis,
                           long lastDownMillis) {
    /**
     * Returns the state of a session nothing was reported for yet: down.
     *
     * @param lid the session
     * @return the initial state
     */
    public static SessionState initial(final int lid) {
        return new SessionState(lid, BfdState.DOWN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Tells whether the session is up.
     *
     * @return true for state 3
     */
    public boolean isUp() {
        return state == BfdState.UP;
    }
}
