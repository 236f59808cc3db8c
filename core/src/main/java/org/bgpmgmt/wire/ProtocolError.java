package org.bgpmgmt.wire;

/**
 * Why {@link FrameDecoder} rejected a frame header; each constant carries a message template for
 * logs.
 *
 * <p>Every error loses the stream's framing, so the connection must be closed, as bfdd does. The
 * templates take four values, used positionally: {@code %1$d} the offending value, {@code %2$d}
 * the frame's type, {@code %3$d} the limit it broke, {@code %4$s} the framing's name.
 *
 * <p>Thread-safe: immutable.
 */
public enum ProtocolError {

    /** The version byte is not the framing's ({@link Header#VERSION} for bfddp); the value is the version received. */
    BAD_VERSION("unsupported %4$s version %1$d in a frame of type %2$d (this codec speaks %3$d)"),

    /** The length field is below the framing's header; the value is that length. */
    LENGTH_BELOW_HEADER("frame length %1$d of type %2$d is shorter than the %3$d-byte header"),

    /** The length field exceeds the caller's maximum frame size; the value is that length. */
    LENGTH_ABOVE_MAXIMUM("frame length %1$d of type %2$d exceeds the maximum frame size %3$d"),

    /**
     * The length field is below the fixed size of a built-in type or the minimum of a registered
     * one; the value is that length.
     */
    PAYLOAD_TOO_SHORT("frame length %1$d is shorter than the %3$d bytes type %2$d needs");

    private final String template;

    ProtocolError(String template) {
        this.template = template;
    }

    /**
     * Returns the {@link String#format} template, with positional arguments (value, type, limit, framing).
     *
     * @return the template
     */
    public String template() {
        return template;
    }

    /**
     * Returns the log message for a bfddp frame with the given offending value, type and limit. Allocates.
     *
     * @param value the offending value: the version or length received
     * @param type the frame's type
     * @param limit the limit the value broke
     * @return a new log message
     */
    public String format(int value, int type, int limit) {
        return format(Framing.BFDDP.name(), value, type, limit);
    }

    /**
     * Returns the log message for a frame of the named framing. Allocates.
     *
     * @param framing the framing's name, such as {@code "bfddp"}
     * @param value the offending value: the version or length received
     * @param type the frame's type
     * @param limit the limit the value broke
     * @return a new log message
     */
    public String format(String framing, int value, int type, int limit) {
        return String.format(template, value, type, limit, framing);
    }
}
