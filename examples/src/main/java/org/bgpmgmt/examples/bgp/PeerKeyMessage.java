package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.wire.MessageFlyweight;

/**
 * Flyweight over the two catalog messages that carry only a peer key (16 bytes):
 * {@link BgpMessageType#PEER_DELETE} (0x0101) and {@link BgpMessageType#PEER_COUNTERS_REQUEST}
 * (0x0103). The 4 bytes after the key are reserved: written as zero, ignored on receipt. See
 * {@link MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class PeerKeyMessage extends MessageFlyweight<PeerKeyMessage> {

    private static final int KEY_OFFSET = 0;

    /** Creates a peer-key flyweight that wraps nothing yet. Any thread. */
    public PeerKeyMessage() {
        super(BgpMessageType.PEER_KEY_LENGTH);
    }

    /**
     * Starts a PEER_DELETE at {@code offset}: header written, payload zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the header id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 16 bytes do not fit below the buffer's limit
     */
    public PeerKeyMessage encodeDelete(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, BgpMessageType.PEER_DELETE, id);
    }

    /**
     * Starts a PEER_COUNTERS_REQUEST at {@code offset}: header written, payload zero; returns
     * this. A request on the wire needs a non-zero id; {@code Connection.request} assigns one.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the header id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 16 bytes do not fit below the buffer's limit
     */
    public PeerKeyMessage encodeCountersRequest(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, BgpMessageType.PEER_COUNTERS_REQUEST, id);
    }

    /**
     * Returns the peer key as raw 32 bits (unsigned on the wire).
     *
     * @return the peer key as raw 32 bits (unsigned on the wire)
     */
    public int key() {
        return int32(KEY_OFFSET);
    }

    /**
     * Sets the peer key (raw 32 bits, unsigned on the wire); returns this.
     *
     * @param key the peer key (raw 32 bits, unsigned on the wire)
     * @return this flyweight, for chaining
     */
    public PeerKeyMessage key(int key) {
        int32(KEY_OFFSET, key);
        return this;
    }
}
