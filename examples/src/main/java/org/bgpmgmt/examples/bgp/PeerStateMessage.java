package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.wire.MessageFlyweight;

/**
 * Flyweight over a {@link BgpMessageType#PEER_STATE} (type 0x0102, 24 bytes): the data plane
 * tells the control plane a peer's FSM state, the last NOTIFICATION error and how long the peer
 * has been in that state.
 *
 * <p>The state is a {@link BgpFsmState#code()} (1..6), the error code and subcode are those of RFC
 * 4271 §4.5 (0 when none). Byte 15 and bytes 20..23 are reserved (zero). See {@link
 * MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class PeerStateMessage extends MessageFlyweight<PeerStateMessage> {

    private static final int KEY_OFFSET = 0;
    private static final int STATE_OFFSET = 4;
    private static final int ERROR_CODE_OFFSET = 5;
    private static final int ERROR_SUBCODE_OFFSET = 6;
    private static final int TIME_IN_STATE_OFFSET = 8;

    /** Creates a PEER_STATE flyweight that wraps nothing yet. Any thread. */
    public PeerStateMessage() {
        super(BgpMessageType.PEER_STATE_LENGTH);
    }

    /**
     * Starts a PEER_STATE at {@code offset}: header written, payload zero (state 0 is not valid:
     * set one); returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the header id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 24 bytes do not fit below the buffer's limit
     */
    public PeerStateMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, BgpMessageType.PEER_STATE, id);
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
    public PeerStateMessage key(int key) {
        int32(KEY_OFFSET, key);
        return this;
    }

    /**
     * Returns the FSM state byte as received, 0..255 (valid: 1..6, see {@link BgpFsmState}).
     *
     * @return the FSM state byte as received, 0..255 (valid: 1..6, see {@link BgpFsmState})
     */
    public int state() {
        return u8(STATE_OFFSET);
    }

    /**
     * Sets the FSM state byte; returns this.
     *
     * @param state the FSM state byte
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if state is not 0..255
     */
    public PeerStateMessage state(int state) {
        u8(STATE_OFFSET, state, "state");
        return this;
    }

    /**
     * Returns the last error code (RFC 4271 §4.5), 0 when none.
     *
     * @return the last error code (RFC 4271 §4.5), 0 when none
     */
    public int errorCode() {
        return u8(ERROR_CODE_OFFSET);
    }

    /**
     * Sets the last error code; returns this.
     *
     * @param code the last error code
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if code is not 0..255
     */
    public PeerStateMessage errorCode(int code) {
        u8(ERROR_CODE_OFFSET, code, "errorCode");
        return this;
    }

    /**
     * Returns the last error subcode (RFC 4271 §4.5), 0 when none or unspecific.
     *
     * @return the last error subcode (RFC 4271 §4.5), 0 when none or unspecific
     */
    public int errorSubcode() {
        return u8(ERROR_SUBCODE_OFFSET);
    }

    /**
     * Sets the last error subcode; returns this.
     *
     * @param subcode the last error subcode
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if subcode is not 0..255
     */
    public PeerStateMessage errorSubcode(int subcode) {
        u8(ERROR_SUBCODE_OFFSET, subcode, "errorSubcode");
        return this;
    }

    /**
     * Returns the time the peer has spent in its state, in seconds, 0..4294967295.
     *
     * @return the time the peer has spent in its state, in seconds, 0..4294967295
     */
    public long timeInState() {
        return u32(TIME_IN_STATE_OFFSET);
    }

    /**
     * Sets the time in state, 0..4294967295 s; returns this.
     *
     * @param seconds the time in state, 0..4294967295 s
     * @return this flyweight, for chaining
     */
    public PeerStateMessage timeInState(long seconds) {
        u32(TIME_IN_STATE_OFFSET, seconds, "timeInState");
        return this;
    }
}
