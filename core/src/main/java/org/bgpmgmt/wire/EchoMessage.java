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
    /** An ECHO_REPLY header with id 0, as one big-endian long: version, zero, type, id, length. */
    private static final long REPLY_HEADER =
            (long) Header.VERSION << 56 | (long) MessageType.ECHO_REPLY << 32 | MessageType.ECHO_LENGTH;

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
     * Writes the {@link MessageType#ECHO_REPLY} to the ECHO_REQUEST at {@code requestOffset} in
     * {@code request}, at {@code offset} in {@code out}: the request's id and dp_time, and {@code
     * bfddTime}; returns nothing. It wraps no flyweight and writes each 8-byte word once (no
     * zeroing pass, no field stores), for answering echoes on a hot path; the bytes are those of
     * {@code encodeReply(out, offset, id).dpTime(dpTime).bfddTime(bfddTime)}. Neither buffer's
     * position or limit changes. Not thread-safe: the caller owns both buffers.
     *
     * @param request the big-endian buffer holding the request
     * @param requestOffset the absolute index of the request's first header byte
     * @param out the big-endian buffer to write the reply into
     * @param offset the absolute index of the reply's first header byte
     * @param bfddTime the answerer's timestamp in µs since the epoch, as raw 64 bits
     * @throws IllegalArgumentException if either buffer is not big-endian
     * @throws IndexOutOfBoundsException if 24 bytes do not fit below either buffer's limit
     */
    public static void writeReply(ByteBuffer request, int requestOffset, ByteBuffer out, int offset, long bfddTime) {
        Bytes.checkRegion(request, requestOffset, MessageType.ECHO_LENGTH);
        Bytes.checkRegion(out, offset, MessageType.ECHO_LENGTH);
        int payload = Header.HEADER_LENGTH;
        out.putLong(offset, REPLY_HEADER | (long) Header.idAt(request, requestOffset) << 16);
        out.putLong(offset + payload + DP_TIME_OFFSET, request.getLong(requestOffset + payload + DP_TIME_OFFSET));
        out.putLong(offset + payload + BFDD_TIME_OFFSET, bfddTime);
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
