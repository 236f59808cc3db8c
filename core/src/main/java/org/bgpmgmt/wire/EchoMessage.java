package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over an echo request or reply (types 0 and 1, 24 bytes): two 64-bit timestamps in
 * microseconds since the Unix epoch.
 *
 * <p>The data plane sets {@code dp_time} and gets it back unchanged; bfdd sets {@code bfdd_time}
 * in its reply. See {@link MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class EchoMessage extends MessageFlyweight<EchoMessage> {

    private static final int DP_TIME_OFFSET = 0;
    private static final int BFDD_TIME_OFFSET = 8;

    /** Creates an echo flyweight that wraps nothing yet. */
    public EchoMessage() {
        super(MessageType.ECHO_LENGTH);
    }

    /**
     * Starts an {@link MessageType#ECHO_REQUEST} at {@code offset}: header written, timestamps
     * zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the message id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 24 bytes do not fit below the buffer's limit
     */
    public EchoMessage encodeRequest(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.ECHO_REQUEST, id);
    }

    /**
     * Starts an {@link MessageType#ECHO_REPLY} at {@code offset}: header written, timestamps zero;
     * returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the message id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 24 bytes do not fit below the buffer's limit
     */
    public EchoMessage encodeReply(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.ECHO_REPLY, id);
    }

    /**
     * Returns dp_time, the data plane's timestamp in µs since the epoch (unsigned 64-bit).
     *
     * @return the timestamp in µs as raw 64 bits, unsigned
     */
    public long dpTime() {
        return int64(DP_TIME_OFFSET);
    }

    /**
     * Sets dp_time in µs since the epoch (treated as unsigned 64-bit); returns this.
     *
     * @param micros the timestamp in µs since the epoch, as raw 64 bits
     * @return this flyweight, for chaining
     */
    public EchoMessage dpTime(long micros) {
        int64(DP_TIME_OFFSET, micros);
        return this;
    }

    /**
     * Returns bfdd_time, bfdd's timestamp in µs since the epoch (unsigned 64-bit).
     *
     * @return the timestamp in µs as raw 64 bits, unsigned
     */
    public long bfddTime() {
        return int64(BFDD_TIME_OFFSET);
    }

    /**
     * Sets bfdd_time in µs since the epoch (treated as unsigned 64-bit); returns this.
     *
     * @param micros the timestamp in µs since the epoch, as raw 64 bits
     * @return this flyweight, for chaining
     */
    public EchoMessage bfddTime(long micros) {
        int64(BFDD_TIME_OFFSET, micros);
        return this;
    }
}
