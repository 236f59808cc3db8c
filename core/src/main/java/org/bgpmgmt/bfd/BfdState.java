package org.bgpmgmt.bfd;

/**
 * A BFD session's state, numbered as in RFC 5880 section 4.1 and carried by BFD_STATE_CHANGE.
 * Thread-safe: immutable.
 */
public enum BfdState {
    /** Code 0: held down by administrative action. */
    ADMIN_DOWN,
    /** Code 1: down, or not yet established. */
    DOWN,
    /** Code 2: the remote system is heard, the session is coming up. */
    INIT,
    /** Code 3: up. */
    UP;

    private static final BfdState[] BY_CODE = values();

    /**
     * Returns the code this state has on the wire.
     *
     * @return 0 to 3
     */
    public int code() {
        return ordinal();
    }

    /**
     * Returns the state with the wire code {@code code}.
     *
     * @param code a wire code
     * @return the state
     * @throws IllegalArgumentException for a code RFC 5880 does not define
     */
    public static BfdState of(final int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("state " + code + " is not a BFD state (0 to 3)");
        }
        return BY_CODE[code];
    }
}
