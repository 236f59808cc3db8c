package org.bgpmgmt.examples.bgp;

/**
 * The counters of one peer, as a {@link BgpMessageType#PEER_COUNTERS_REPLY} carries them, named
 * after the BGP MIB (RFC 4273). The MIB's counters are 32-bit; the wire carries 64 bits so that
 * they do not wrap. Unsigned on the wire: a value above {@link Long#MAX_VALUE} reads as negative.
 *
 * <p>Thread-safe: immutable.
 *
 * @param key the peer key
 * @param messagesIn BGP messages received ({@code bgpPeerInTotalMessages})
 * @param messagesOut BGP messages sent ({@code bgpPeerOutTotalMessages})
 * @param updatesIn UPDATE messages received ({@code bgpPeerInUpdates})
 * @param updatesOut UPDATE messages sent ({@code bgpPeerOutUpdates})
 * @param prefixesReceived prefixes received, before import policy
 * @param prefixesAccepted prefixes accepted by import policy
 * @param establishedTransitions times the FSM moved into Established
 *     ({@code bgpPeerFsmEstablishedTransitions})
 */
public record PeerCounters(int key, long messagesIn, long messagesOut, long updatesIn, long updatesOut,
                           long prefixesReceived, long prefixesAccepted, long establishedTransitions) {

    /**
     * Returns all-zero counters for {@code key}: the answer for a peer with no figures yet. Any
     * thread.
     *
     * @param key the peer key
     * @return zero counters
     */
    public static PeerCounters zero(final int key) {
        return new PeerCounters(key, 0, 0, 0, 0, 0, 0, 0);
    }
}
