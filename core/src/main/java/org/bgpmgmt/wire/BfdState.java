package org.bgpmgmt.wire;

/**
 * Session states carried by {@link StateChangeMessage#state()}, numbered as in RFC 5880.
 *
 * <p>Thread-safe: immutable.
 */
public final class BfdState {

    /** State 0: administratively down. */
    public static final int ADMIN_DOWN = 0;

    /** State 1: down. */
    public static final int DOWN = 1;

    /** State 2: init (the remote is seen, three-way handshake not done). */
    public static final int INIT = 2;

    /** State 3: up; bfdd then shows the peer up. */
    public static final int UP = 3;

    private static final String[] NAMES = {"ADMIN_DOWN", "DOWN", "INIT", "UP"};

    private BfdState() {}

    /**
     * Returns the constant name of {@code state} (no allocation), or null if it is not 0..3.
     *
     * @param state the state number; any int is accepted
     * @return the constant name, such as "UP", or null
     */
    public static String name(int state) {
        return state >= 0 && state < NAMES.length ? NAMES[state] : null;
    }
}
