package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.wire.MessageFlyweight;

/**
 * Flyweight over a {@link BgpMessageType#PEER_SYNC_END} (type 0x0105, 16 bytes): sent by the
 * control plane after the resync of a (re)connected connection, once every peer attached to it has
 * been sent. It carries how many that was, for logs; bytes 12..15 are reserved (zero). See {@link
 * MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class PeerSyncMessage extends MessageFlyweight<PeerSyncMessage> {

    private static final int PEER_COUNT_OFFSET = 0;

    /** Creates a PEER_SYNC_END flyweight that wraps nothing yet. Any thread. */
    public PeerSyncMessage() {
        super(BgpMessageType.PEER_SYNC_END_LENGTH);
    }

    /**
     * Starts a PEER_SYNC_END at {@code offset}: header written, payload zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the header id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 16 bytes do not fit below the buffer's limit
     */
    public PeerSyncMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, BgpMessageType.PEER_SYNC_END, id);
    }

    /**
     * Returns how many peers the control plane has attached to this connection, 0..4294967295.
     *
     * @return how many peers the control plane has attached to this connection, 0..4294967295
     */
    public long peerCount() {
        return u32(PEER_COUNT_OFFSET);
    }

    /**
     * Sets the peer count, 0..4294967295; returns this.
     *
     * @param count the peer count, 0..4294967295
     * @return this flyweight, for chaining
     */
    public PeerSyncMessage peerCount(long count) {
        u32(PEER_COUNT_OFFSET, count, "peerCount");
        return this;
    }
}
