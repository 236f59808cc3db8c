package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over a counters reply (type 6, 80 bytes): the eight 64-bit counters of one session.
 *
 * <p>The 4 padding bytes after {@code lid} are real: a reply without them is misread by bfdd,
 * every counter shifted by 4 bytes. Every counter is unsigned 64-bit, held in a {@code long}; use
 * {@link Long#toUnsignedString(long)} to print one. The reply carries the id of the request. See
 * {@link MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class CountersReplyMessage extends MessageFlyweight<CountersReplyMessage> {

    private static final int LID_OFFSET = 0;
    private static final int CONTROL_INPUT_BYTES_OFFSET = 8;
    private static final int CONTROL_INPUT_PACKETS_OFFSET = 16;
    private static final int CONTROL_OUTPUT_BYTES_OFFSET = 24;
    private static final int CONTROL_OUTPUT_PACKETS_OFFSET = 32;
    private static final int ECHO_INPUT_BYTES_OFFSET = 40;
    private static final int ECHO_INPUT_PACKETS_OFFSET = 48;
    private static final int ECHO_OUTPUT_BYTES_OFFSET = 56;
    private static final int ECHO_OUTPUT_PACKETS_OFFSET = 64;

    /** Creates a counters reply flyweight that wraps nothing yet. */
    public CountersReplyMessage() {
        super(MessageType.COUNTERS_REPLY_LENGTH);
    }

    /**
     * Starts a {@link MessageType#BFD_SESSION_COUNTERS} at {@code offset}: header written, lid,
     * padding and counters zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the id of the request this replies to, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 80 bytes do not fit below the buffer's limit
     */
    public CountersReplyMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.BFD_SESSION_COUNTERS, id);
    }

    /**
     * Returns the local discriminator as raw 32 bits (unsigned on the wire).
     *
     * @return the local discriminator as raw 32 bits
     */
    public int lid() {
        return int32(LID_OFFSET);
    }

    /**
     * Sets the local discriminator (raw 32 bits, unsigned on the wire); returns this.
     *
     * @param lid the local discriminator as raw 32 bits
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage lid(int lid) {
        int32(LID_OFFSET, lid);
        return this;
    }

    /**
     * Returns the control packet bytes received (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long controlInputBytes() {
        return int64(CONTROL_INPUT_BYTES_OFFSET);
    }

    /**
     * Sets the control packet bytes received (unsigned 64-bit); returns this.
     *
     * @param bytes the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage controlInputBytes(long bytes) {
        int64(CONTROL_INPUT_BYTES_OFFSET, bytes);
        return this;
    }

    /**
     * Returns the control packets received (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long controlInputPackets() {
        return int64(CONTROL_INPUT_PACKETS_OFFSET);
    }

    /**
     * Sets the control packets received (unsigned 64-bit); returns this.
     *
     * @param packets the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage controlInputPackets(long packets) {
        int64(CONTROL_INPUT_PACKETS_OFFSET, packets);
        return this;
    }

    /**
     * Returns the control packet bytes sent (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long controlOutputBytes() {
        return int64(CONTROL_OUTPUT_BYTES_OFFSET);
    }

    /**
     * Sets the control packet bytes sent (unsigned 64-bit); returns this.
     *
     * @param bytes the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage controlOutputBytes(long bytes) {
        int64(CONTROL_OUTPUT_BYTES_OFFSET, bytes);
        return this;
    }

    /**
     * Returns the control packets sent (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long controlOutputPackets() {
        return int64(CONTROL_OUTPUT_PACKETS_OFFSET);
    }

    /**
     * Sets the control packets sent (unsigned 64-bit); returns this.
     *
     * @param packets the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage controlOutputPackets(long packets) {
        int64(CONTROL_OUTPUT_PACKETS_OFFSET, packets);
        return this;
    }

    /**
     * Returns the echo packet bytes received (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long echoInputBytes() {
        return int64(ECHO_INPUT_BYTES_OFFSET);
    }

    /**
     * Sets the echo packet bytes received (unsigned 64-bit); returns this.
     *
     * @param bytes the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage echoInputBytes(long bytes) {
        int64(ECHO_INPUT_BYTES_OFFSET, bytes);
        return this;
    }

    /**
     * Returns the echo packets received (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long echoInputPackets() {
        return int64(ECHO_INPUT_PACKETS_OFFSET);
    }

    /**
     * Sets the echo packets received (unsigned 64-bit); returns this.
     *
     * @param packets the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage echoInputPackets(long packets) {
        int64(ECHO_INPUT_PACKETS_OFFSET, packets);
        return this;
    }

    /**
     * Returns the echo packet bytes sent (unsigned 64-bit). bfdd 8.4 prints this field as its
     * "Echo packet output", not {@link #echoOutputPackets()}.
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long echoOutputBytes() {
        return int64(ECHO_OUTPUT_BYTES_OFFSET);
    }

    /**
     * Sets the echo packet bytes sent (unsigned 64-bit); returns this.
     *
     * @param bytes the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage echoOutputBytes(long bytes) {
        int64(ECHO_OUTPUT_BYTES_OFFSET, bytes);
        return this;
    }

    /**
     * Returns the echo packets sent (unsigned 64-bit).
     *
     * @return the count as raw 64 bits, unsigned
     */
    public long echoOutputPackets() {
        return int64(ECHO_OUTPUT_PACKETS_OFFSET);
    }

    /**
     * Sets the echo packets sent (unsigned 64-bit); returns this.
     *
     * @param packets the count as raw 64 bits, unsigned
     * @return this flyweight, for chaining
     */
    public CountersReplyMessage echoOutputPackets(long packets) {
        int64(ECHO_OUTPUT_PACKETS_OFFSET, packets);
        return this;
    }
}
