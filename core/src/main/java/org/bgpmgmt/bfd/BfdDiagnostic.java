package org.bgpmgmt.bfd;

/**
 * Why a BFD session last changed state, numbered as in RFC 5880 section 4.1 and carried by
 * BFD_STATE_CHANGE. Thread-safe: immutable.
 */
public enum BfdDiagnostic {
    /** Code 0: no diagnostic. */
    NONE,
    /** Code 1: control detection time expired. */
    CONTROL_EXPIRED,
    /** Code 2: echo function failed. */
    ECHO_FAILED,
    /** Code 3: the neighbor signaled session down. */
    NEIGHBOR_DOWN,
    /** Code 4: forwarding plane reset. */
    FORWARDING_RESET,
    /** Code 5: path down. */
    PATH_DOWN,
    /** Code 6: concatenated path down. */
    CONCATENATED_PATH_DOWN,
    /** Code 7: administratively down. */
    ADMIN_DOWN,
    /** Code 8: reverse concatenated path down. */
    REVERSE_CONCATENATED_PATH_DOWN;

    private static final BfdDiagnostic[] BY_CODE = values();

    /**
     * Returns the code this diagnostic has on the wire.
     *
     * @return 0 to 8
     */
    public int code() {
        return ordinal();
    }

    /**
     * Returns the diagnostic with the wire code {@code code}.
     *
     * @param code a wire code
     * @return the diagnostic
     * @throws IllegalArgumentException for a code RFC 5880 does not define (9 to 31 are reserved)
     */
    public static BfdDiagnostic of(final int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("diagnostic " + code + " is not a BFD diagnostic (0 to 8)");
        }
        return BY_CODE[code];
    }
}
