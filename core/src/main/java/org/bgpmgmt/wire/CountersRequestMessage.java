package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over a counters request (type 5, 12 bytes): bfdd asks for the counters of the
 * session with local discriminator {@code lid}.
 *
 * <p>bfdd always sends a non-zero id and waits for the {@link CountersReplyMessage} carrying the
 * same id. See {@link MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class CountersRequestMessage extends MessageFlyweight<CountersRequestMessage> {

    private static final int LID_OFFSET = 0;

    /** Creates a counters request flyweight that wraps nothing yet. */
    public CountersRequestMessage() {
        super(MessageType.COUNTERS_REQUEST_LENGTH);
    }

    /**
     * Starts a {@link MessageType#DP_REQUEST_SESSION_COUNTERS} at {@code offset}: header written,
     * lid zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the request id, 0..65535 (bfdd never sends 0)
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 12 bytes do not fit below the buffer's limit
     */
    public CountersRequestMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.DP_REQUEST_SESSION_COUNTERS, id);
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
    public CountersRequestMessage lid(int lid) {
        int32(LID_OFFSET, lid);
        return this;
    }
}
