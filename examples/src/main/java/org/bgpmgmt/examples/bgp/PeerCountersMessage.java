package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.wire.MessageFlyweight;

/**
 * Flyweight over a {@link BgpMessageType#PEER_COUNTERS_REPLY} (type 0x0104, 72 bytes): a status
 * word and the seven 64-bit counters of one peer, named after the BGP MIB (RFC 4273).
 *
 * <p>The reply carries the id of its request. Every counter is unsigned 64-bit, held in a {@code
 * long}. See {@link MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class PeerCountersMessage extends MessageFlyweight<PeerCountersMessage> {

    /** {@link #status()}: the counters are the peer's. */
    public static final int STATUS_OK = 0;

    /** {@link #status()}: the data plane has no peer with this key; every counter is zero. */
    public static final int STATUS_UNKNOWN_PEER = 1;

    private static final int KEY_OFFSET = 0;
    private static final int STATUS_OFFSET = 4;
    private static final int MESSAGES_IN_OFFSET = 8;
    private static final int MESSAGES_OUT_OFFSET = 16;
    private static final int UPDATES_IN_OFFSET = 24;
    private static final int UPDATES_OUT_OFFSET = 32;
    private static final int PREFIXES_RECEIVED_OFFSET = 40;
    private static final int PREFIXES_ACCEPTED_OFFSET = 48;
    private static final int ESTABLISHED_TRANSITIONS_OFFSET = 56;

    /** Creates a counters reply flyweight that wraps nothing yet. Any thread. */
    public PeerCountersMessage() {
        super(BgpMessageType.PEER_COUNTERS_LENGTH);
    }

    /**
     * Starts a PEER_COUNTERS_REPLY at {@code offset}: header written, status OK, every counter
     * zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the header id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 72 bytes do not fit below the buffer's limit
     */
    public PeerCountersMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, BgpMessageType.PEER_COUNTERS_REPLY, id);
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
    public PeerCountersMessage key(int key) {
        int32(KEY_OFFSET, key);
        return this;
    }

    /**
     * Returns the status word: {@link #STATUS_OK} or {@link #STATUS_UNKNOWN_PEER}, as raw 32 bits.
     *
     * @return the status word: {@link #STATUS_OK} or {@link #STATUS_UNKNOWN_PEER}, as raw 32 bits
     */
    public int status() {
        return int32(STATUS_OFFSET);
    }

    /**
     * Sets the status word; returns this.
     *
     * @param status the status word
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage status(int status) {
        int32(STATUS_OFFSET, status);
        return this;
    }

    /**
     * Returns the BGP messages received ({@code bgpPeerInTotalMessages}), unsigned 64-bit.
     *
     * @return the BGP messages received ({@code bgpPeerInTotalMessages}), unsigned 64-bit
     */
    public long messagesIn() {
        return int64(MESSAGES_IN_OFFSET);
    }

    /**
     * Sets the BGP messages received; returns this.
     *
     * @param count the BGP messages received
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage messagesIn(long count) {
        int64(MESSAGES_IN_OFFSET, count);
        return this;
    }

    /**
     * Returns the BGP messages sent ({@code bgpPeerOutTotalMessages}), unsigned 64-bit.
     *
     * @return the BGP messages sent ({@code bgpPeerOutTotalMessages}), unsigned 64-bit
     */
    public long messagesOut() {
        return int64(MESSAGES_OUT_OFFSET);
    }

    /**
     * Sets the BGP messages sent; returns this.
     *
     * @param count the BGP messages sent
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage messagesOut(long count) {
        int64(MESSAGES_OUT_OFFSET, count);
        return this;
    }

    /**
     * Returns the UPDATE messages received ({@code bgpPeerInUpdates}), unsigned 64-bit.
     *
     * @return the UPDATE messages received ({@code bgpPeerInUpdates}), unsigned 64-bit
     */
    public long updatesIn() {
        return int64(UPDATES_IN_OFFSET);
    }

    /**
     * Sets the UPDATE messages received; returns this.
     *
     * @param count the UPDATE messages received
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage updatesIn(long count) {
        int64(UPDATES_IN_OFFSET, count);
        return this;
    }

    /**
     * Returns the UPDATE messages sent ({@code bgpPeerOutUpdates}), unsigned 64-bit.
     *
     * @return the UPDATE messages sent ({@code bgpPeerOutUpdates}), unsigned 64-bit
     */
    public long updatesOut() {
        return int64(UPDATES_OUT_OFFSET);
    }

    /**
     * Sets the UPDATE messages sent; returns this.
     *
     * @param count the UPDATE messages sent
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage updatesOut(long count) {
        int64(UPDATES_OUT_OFFSET, count);
        return this;
    }

    /**
     * Returns the prefixes received from the peer, before policy, unsigned 64-bit.
     *
     * @return the prefixes received from the peer, before policy, unsigned 64-bit
     */
    public long prefixesReceived() {
        return int64(PREFIXES_RECEIVED_OFFSET);
    }

    /**
     * Sets the prefixes received; returns this.
     *
     * @param count the prefixes received
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage prefixesReceived(long count) {
        int64(PREFIXES_RECEIVED_OFFSET, count);
        return this;
    }

    /**
     * Returns the prefixes accepted by import policy, unsigned 64-bit.
     *
     * @return the prefixes accepted by import policy, unsigned 64-bit
     */
    public long prefixesAccepted() {
        return int64(PREFIXES_ACCEPTED_OFFSET);
    }

    /**
     * Sets the prefixes accepted; returns this.
     *
     * @param count the prefixes accepted
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage prefixesAccepted(long count) {
        int64(PREFIXES_ACCEPTED_OFFSET, count);
        return this;
    }

    /**
     * Returns how many times the FSM moved into Established ({@code
     * bgpPeerFsmEstablishedTransitions}), unsigned 64-bit.
     *
     * @return the established transitions, unsigned 64-bit
     */
    public long establishedTransitions() {
        return int64(ESTABLISHED_TRANSITIONS_OFFSET);
    }

    /**
     * Sets the established transitions; returns this.
     *
     * @param count the established transitions
     * @return this flyweight, for chaining
     */
    public PeerCountersMessage establishedTransitions(long count) {
        int64(ESTABLISHED_TRANSITIONS_OFFSET, count);
        return this;
    }
}
