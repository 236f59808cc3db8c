package org.bgpmgmt.wire;

/**
 * Type numbers and fixed frame lengths of the seven bfddp v1 built-in messages.
 *
 * <p>Every length here is a whole frame in bytes, header included, exactly as bfdd sends it
 * ({@code sizeof} of the C struct, padding included).
 *
 * <p>Thread-safe: immutable.
 */
public final class MessageType {

    /** Type 0: echo request, sent by either side. */
    public static final int ECHO_REQUEST = 0;

    /** Type 1: echo reply to an {@link #ECHO_REQUEST}. */
    public static final int ECHO_REPLY = 1;

    /** Type 2: bfdd asks the data plane to add or update a session. */
    public static final int DP_ADD_SESSION = 2;

    /** Type 3: bfdd asks the data plane to delete a session. */
    public static final int DP_DELETE_SESSION = 3;

    /** Type 4: the data plane reports a session state change to bfdd. */
    public static final int BFD_STATE_CHANGE = 4;

    /** Type 5: bfdd asks the data plane for one session's counters (id never 0). */
    public static final int DP_REQUEST_SESSION_COUNTERS = 5;

    /** Type 6: the data plane answers {@link #DP_REQUEST_SESSION_COUNTERS} with the same id. */
    public static final int BFD_SESSION_COUNTERS = 6;

    /** Number of built-in types; they are numbered 0 to {@code BUILT_IN_COUNT - 1}. */
    public static final int BUILT_IN_COUNT = 7;

    /**
     * Suggested first type number for user-defined messages; bfddp leaves everything from 7 free,
     * but starting at 0x100 keeps clear of types later FRR versions may add.
     */
    public static final int FIRST_USER_TYPE = 0x100;

    /** Largest type number the 16-bit type field can carry. */
    public static final int MAX_TYPE = 0xFFFF;

    /** Frame length in bytes of {@link #ECHO_REQUEST} and {@link #ECHO_REPLY}. */
    public static final int ECHO_LENGTH = 24;

    /** Frame length in bytes of {@link #DP_ADD_SESSION} and {@link #DP_DELETE_SESSION}. */
    public static final int SESSION_LENGTH = 140;

    /** Frame length in bytes of {@link #BFD_STATE_CHANGE}. */
    public static final int STATE_CHANGE_LENGTH = 36;

    /** Frame length in bytes of {@link #DP_REQUEST_SESSION_COUNTERS}. */
    public static final int COUNTERS_REQUEST_LENGTH = 12;

    /** Frame length in bytes of {@link #BFD_SESSION_COUNTERS}. */
    public static final int COUNTERS_REPLY_LENGTH = 80;

    private static final int[] FIXED_LENGTHS = {
        ECHO_LENGTH,
        ECHO_LENGTH,
        SESSION_LENGTH,
        SESSION_LENGTH,
        STATE_CHANGE_LENGTH,
        COUNTERS_REQUEST_LENGTH,
        COUNTERS_REPLY_LENGTH,
    };

    private static final String[] NAMES = {
        "ECHO_REQUEST",
        "ECHO_REPLY",
        "DP_ADD_SESSION",
        "DP_DELETE_SESSION",
        "BFD_STATE_CHANGE",
        "DP_REQUEST_SESSION_COUNTERS",
        "BFD_SESSION_COUNTERS",
    };

    private MessageType() {}

    /**
     * Returns whether {@code type} is one of the seven bfddp v1 built-in types.
     *
     * @param type the type number; any int is accepted
     * @return true if type is 0..6
     */
    public static boolean isBuiltIn(int type) {
        return type >= 0 && type < BUILT_IN_COUNT;
    }

    /**
     * Returns the fixed frame length in bytes of built-in {@code type}, or -1 for any other type.
     *
     * @param type the type number; any int is accepted
     * @return the frame length in bytes, header included, or -1
     */
    public static int fixedLength(int type) {
        return isBuiltIn(type) ? FIXED_LENGTHS[type] : -1;
    }

    /**
     * Returns the constant name of built-in {@code type} (no allocation), or null for others.
     *
     * @param type the type number; any int is accepted
     * @return the constant name, such as "ECHO_REQUEST", or null
     */
    public static String name(int type) {
        return isBuiltIn(type) ? NAMES[type] : null;
    }
}
