package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over a session add/update or delete (types 2 and 3, 140 bytes): everything the data
 * plane needs to run one BFD session.
 *
 * <p>Addresses are 16-byte fields; an IPv4 address uses the first 4 bytes and the rest are zero.
 * Which one applies is decided by the {@link SessionFlags#IPV6} bit of {@link #flags()} alone:
 * the address setters never change the flags, so set that bit yourself. The raw-byte address and
 * ifname accessors never allocate; the {@code InetAddress} and {@code String} ones may, as their
 * documentation says. The two bytes after detect_mult are padding. See {@link MessageFlyweight}
 * for wrapping and encoding rules. Setters throw IllegalArgumentException for a value outside
 * the field's range and then leave the field unchanged.
 *
 * <p>Not thread-safe.
 */
public final class SessionMessage extends SessionEndpoints {

    /** Length in bytes of each address field on the wire. */
    public static final int ADDRESS_FIELD_LENGTH = 16;

    /** Length in bytes of an IPv4 address, the used prefix of an address field. */
    public static final int IPV4_ADDRESS_LENGTH = 4;

    /** Length in bytes of an IPv6 address, the whole address field. */
    public static final int IPV6_ADDRESS_LENGTH = 16;

    /** Length in bytes of the NUL-padded ifname field on the wire. */
    public static final int IFNAME_FIELD_LENGTH = 64;

    /** Longest ifname in bytes (UTF-8) that fits: the field keeps at least one terminating NUL. */
    public static final int IFNAME_MAX_LENGTH = IFNAME_FIELD_LENGTH - 1;

    private static final int LID_OFFSET = 36;
    private static final int MIN_TX_OFFSET = 40;
    private static final int MIN_RX_OFFSET = 44;
    private static final int MIN_ECHO_TX_OFFSET = 48;
    private static final int MIN_ECHO_RX_OFFSET = 52;
    private static final int HOLD_TIME_OFFSET = 56;
    private static final int TTL_OFFSET = 60;
    private static final int DETECT_MULT_OFFSET = 61;

    /** Creates a session flyweight that wraps nothing yet. */
    public SessionMessage() {
        super(MessageType.SESSION_LENGTH);
    }

    /**
     * Starts a {@link MessageType#DP_ADD_SESSION} at {@code offset}: header written, every payload
     * byte zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the request id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 140 bytes do not fit below the buffer's limit
     */
    public SessionMessage encodeAdd(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.DP_ADD_SESSION, id);
    }

    /**
     * Starts a {@link MessageType#DP_DELETE_SESSION} at {@code offset}: header written, every
     * payload byte zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the request id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 140 bytes do not fit below the buffer's limit
     */
    public SessionMessage encodeDelete(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.DP_DELETE_SESSION, id);
    }

    /**
     * Returns the local discriminator, bfdd's session key, as raw 32 bits (unsigned on the wire).
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
    public SessionMessage lid(int lid) {
        int32(LID_OFFSET, lid);
        return this;
    }

    /**
     * Returns the desired minimum transmit interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long minTx() {
        return u32(MIN_TX_OFFSET);
    }

    /**
     * Sets the desired minimum transmit interval, 0..4294967295 µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public SessionMessage minTx(long micros) {
        u32(MIN_TX_OFFSET, micros, "minTx");
        return this;
    }

    /**
     * Returns the required minimum receive interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long minRx() {
        return u32(MIN_RX_OFFSET);
    }

    /**
     * Sets the required minimum receive interval, 0..4294967295 µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public SessionMessage minRx(long micros) {
        u32(MIN_RX_OFFSET, micros, "minRx");
        return this;
    }

    /**
     * Returns the minimum echo transmit interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long minEchoTx() {
        return u32(MIN_ECHO_TX_OFFSET);
    }

    /**
     * Sets the minimum echo transmit interval, 0..4294967295 µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public SessionMessage minEchoTx(long micros) {
        u32(MIN_ECHO_TX_OFFSET, micros, "minEchoTx");
        return this;
    }

    /**
     * Returns the required minimum echo receive interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long minEchoRx() {
        return u32(MIN_ECHO_RX_OFFSET);
    }

    /**
     * Sets the required minimum echo receive interval, 0..4294967295 µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public SessionMessage minEchoRx(long micros) {
        u32(MIN_ECHO_RX_OFFSET, micros, "minEchoRx");
        return this;
    }

    /**
     * Returns the hold time in milliseconds, 0..4294967295.
     *
     * @return the hold time in ms, 0..4294967295
     */
    public long holdTime() {
        return u32(HOLD_TIME_OFFSET);
    }

    /**
     * Sets the hold time, 0..4294967295 ms; returns this.
     *
     * @param millis the hold time in ms, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if millis is not 0..4294967295
     */
    public SessionMessage holdTime(long millis) {
        u32(HOLD_TIME_OFFSET, millis, "holdTime");
        return this;
    }

    /**
     * Returns the TTL, 0..255 (255 for single hop).
     *
     * @return the TTL, 0..255
     */
    public int ttl() {
        return u8(TTL_OFFSET);
    }

    /**
     * Sets the TTL; returns this.
     *
     * @param ttl the TTL, 0..255 (255 for single hop)
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if ttl is not 0..255
     */
    public SessionMessage ttl(int ttl) {
        u8(TTL_OFFSET, ttl, "ttl");
        return this;
    }

    /**
     * Returns the detection multiplier, 0..255.
     *
     * @return the detection multiplier, 0..255
     */
    public int detectMult() {
        return u8(DETECT_MULT_OFFSET);
    }

    /**
     * Sets the detection multiplier; returns this.
     *
     * @param multiplier the detection multiplier, 0..255
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if multiplier is not 0..255
     */
    public SessionMessage detectMult(int multiplier) {
        u8(DETECT_MULT_OFFSET, multiplier, "detectMult");
        return this;
    }

}
