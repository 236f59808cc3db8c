package org.bgpmgmt.wire;

/**
 * Diagnostic codes carried by {@link StateChangeMessage#diagnostics()}, numbered as in RFC 5880
 * section 4.1.
 *
 * <p>Thread-safe: immutable.
 */
public final class BfdDiagnostic {

    /** Code 0: no diagnostic. */
    public static final int NONE = 0;

    /** Code 1: control detection time expired. */
    public static final int CONTROL_EXPIRED = 1;

    /** Code 2: echo function failed. */
    public static final int ECHO_FAILED = 2;

    /** Code 3: neighbor signaled session down. */
    public static final int NEIGHBOR_DOWN = 3;

    /** Code 4: forwarding plane reset. */
    public static final int FORWARDING_RESET = 4;

    /** Code 5: path down. */
    public static final int PATH_DOWN = 5;

    /** Code 6: concatenated path down. */
    public static final int CONCATENATED_PATH_DOWN = 6;

    /** Code 7: administratively down. */
    public static final int ADMIN_DOWN = 7;

    /** Code 8: reverse concatenated path down. */
    public static final int REVERSE_CONCATENATED_PATH_DOWN = 8;

    private static final String[] NAMES = {
        "NONE",
        "CONTROL_EXPIRED",
        "ECHO_FAILED",
        "NEIGHBOR_DOWN",
        "FORWARDING_RESET",
        "PATH_DOWN",
        "CONCATENATED_PATH_DOWN",
        "ADMIN_DOWN",
        "REVERSE_CONCATENATED_PATH_DOWN",
    };

    private BfdDiagnostic() {}

    /**
     * Returns the constant name of {@code code} (no allocation), or null if it is not 0..8.
     *
     * @param code the diagnostic code; any int is accepted
     * @return the constant name, such as "PATH_DOWN", or null
     */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : null;
    }
}
