package org.bgpmgmt.wire;

/**
 * One entry of a {@link MessageRegistry}: a message type number with its name, the minimum
 * payload it needs and the handler the user attached.
 *
 * <p>Thread-safe: immutable (the handler's own rule applies to the handler).
 *
 * @param <H> the handler type the registry's owner chose
 */
public final class RegisteredType<H> {

    private final int type;
    private final String name;
    private final int minPayloadLength;
    private final H handler;
    private final boolean builtIn;

    RegisteredType(int type, String name, int minPayloadLength, H handler, boolean builtIn) {
        this.type = type;
        this.name = name;
        this.minPayloadLength = minPayloadLength;
        this.handler = handler;
        this.builtIn = builtIn;
    }

    /**
     * Returns the type number, 0..65535.
     *
     * @return the type number, 0..65535
     */
    public int type() {
        return type;
    }

    /**
     * Returns the name given at registration, for logs.
     *
     * @return the non-empty name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the fewest payload bytes (after the header) a frame of this type must carry.
     *
     * @return the minimum payload length in bytes, 0..65527
     */
    public int minPayloadLength() {
        return minPayloadLength;
    }

    /**
     * Returns the fewest bytes a whole frame of this type must have, header included.
     *
     * @return the minimum frame length in bytes, 8..65535
     */
    public int minFrameLength() {
        return Header.HEADER_LENGTH + minPayloadLength;
    }

    /**
     * Returns the user's handler, or null for a built-in type: the connection layer decodes those
     * itself with this package's flyweights.
     *
     * @return the handler, or null for a built-in type
     */
    public H handler() {
        return handler;
    }

    /**
     * Returns whether this is one of the seven bfddp v1 built-in types.
     *
     * @return true for a built-in type, false for a user type
     */
    public boolean builtIn() {
        return builtIn;
    }

    /** Returns "NAME(type)" for logs. */
    @Override
    public String toString() {
        return name + "(" + type + ")";
    }
}
