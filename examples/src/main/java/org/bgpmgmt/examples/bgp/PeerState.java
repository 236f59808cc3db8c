package org.bgpmgmt.examples.bgp;

import java.util.Objects;

/**
 * What a data plane reports about one peer in a {@link BgpMessageType#PEER_STATE}: its RFC 4271
 * FSM state, the last NOTIFICATION error (RFC 4271 §4.5) and how long it has been in that state.
 *
 * <p>Thread-safe: immutable.
 *
 * @param key the peer key
 * @param state the FSM state
 * @param errorCode the last error code, 0 when none (1 header, 2 OPEN, 3 UPDATE, 4 hold timer
 *     expired, 5 FSM, 6 cease)
 * @param errorSubcode the last error subcode, 0 when none or unspecific
 * @param timeInStateSeconds seconds spent in {@code state}, 0..4294967295
 */
public record PeerState(int key, BgpFsmState state, int errorCode, int errorSubcode, long timeInStateSeconds) {

    /**
     * Checks every field against its wire range. Any thread.
     *
     * @param key the peer key, not 0
     * @param state the FSM state, not null
     * @param errorCode the last error code, 0..255
     * @param errorSubcode the last error subcode, 0..255
     * @param timeInStateSeconds seconds spent in {@code state}, 0..4294967295
     * @throws IllegalArgumentException naming the field and value
     */
    public PeerState {
        Objects.requireNonNull(state, "state");
        if (key == 0) {
            throw new IllegalArgumentException("peer key must not be 0");
        }
        if (errorCode < 0 || errorCode > 255) {
            throw new IllegalArgumentException("errorCode out of 0..255: " + errorCode);
        }
        if (errorSubcode < 0 || errorSubcode > 255) {
            throw new IllegalArgumentException("errorSubcode out of 0..255: " + errorSubcode);
        }
        if (timeInStateSeconds < 0 || timeInStateSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timeInStateSeconds out of 0..4294967295: " + timeInStateSeconds);
        }
    }

    /**
     * Returns the state of a peer nothing was reported for yet: Idle, no error, 0 s. Any thread.
     *
     * @param key the peer key
     * @return the initial state
     */
    public static PeerState initial(final int key) {
        return new PeerState(key, BgpFsmState.IDLE, 0, 0, 0);
    }

    /**
     * Returns a state with no error. Any thread.
     *
     * @param key the peer key
     * @param state the FSM state
     * @param timeInStateSeconds seconds spent in it
     * @return the state
     */
    public static PeerState of(final int key, final BgpFsmState state, final long timeInStateSeconds) {
        return new PeerState(key, state, 0, 0, timeInStateSeconds);
    }

    /**
     * Tells whether the peer is Established. Any thread.
     *
     * @return true for {@link BgpFsmState#ESTABLISHED}
     */
    public boolean isEstablished() {
        return state == BgpFsmState.ESTABLISHED;
    }
}
