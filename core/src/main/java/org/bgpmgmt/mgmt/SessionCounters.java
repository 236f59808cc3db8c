package org.bgpmgmt.mgmt;

/**
 * The packet counters of one BFD session, as BFD_SESSION_COUNTERS carries them. Unsigned on the
 * wire; a value above {@link Long#MAX_VALUE} reads as negative. Immutable; any thread.
 *
 * @param lid the session's local discriminator
 * @param controlInputBytes control packet bytes received
 * @param controlInputPackets control packets received
 * @param controlOutputBytes control packet bytes sent
 * @param controlOutputPackets control packets sent
 * @param echoInputBytes echo packet bytes received
 * @param echoInputPackets echo packets received
 * @param echoOutputBytes echo packet bytes sent
 * @param echoOutputPackets echo packets sent
 */
public record SessionCounters(int lid, long controlInputBytes, long controlInputPackets, long controlOutputBytes,
                              long controlOutputPackets, long echoInputBytes, long echoInputPackets,
                              long echoOutputBytes, long echoOutputPackets) {
    /**
     * Returns all-zero counters for {@code lid}: the answer for a session with no figures yet.
     *
     * @param lid the session
     * @return zero counters
     */
    public static SessionCounters zero(final int lid) {
        return new SessionCounters(lid, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
