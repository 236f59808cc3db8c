package org.bgpmgmt.examples.bgp;

/**
 * The six states of the RFC 4271 §8 BGP finite state machine, numbered on the wire as the BGP MIB
 * numbers {@code bgpPeerState} (RFC 4273): idle(1) to established(6).
 *
 * <p>Thread-safe: immutable.
 */
public enum BgpFsmState {
    /** 1: refuses connections; the start state and where errors lead. */
    IDLE(1),
    /** 2: waiting for the TCP connection to complete. */
    CONNECT(2),
    /** 3: trying to acquire the peer by listening for, or starting, a TCP connection. */
    ACTIVE(3),
    /** 4: OPEN sent, waiting for the peer's OPEN. */
    OPEN_SENT(4),
    /** 5: OPEN received, waiting for KEEPALIVE or NOTIFICATION. */
    OPEN_CONFIRM(5),
    /** 6: the session is up and exchanges UPDATE messages. */
    ESTABLISHED(6);

    private static final BgpFsmState[] BY_CODE = values();

    private final int code;

    BgpFsmState(final int code) {
        this.code = code;
    }

    /**
     * Returns the number carried on the wire, 1..6. Any thread.
     *
     * @return the MIB code
     */
    public int code() {
        return code;
    }

    /**
     * Returns the state numbered {@code code}, or null if it is not 1..6. Any thread.
     *
     * @param code the wire value
     * @return the state, or null
     */
    public static BgpFsmState fromCode(final int code) {
        return code >= 1 && code <= BY_CODE.length ? BY_CODE[code - 1] : null;
    }
}
