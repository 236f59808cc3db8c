package org.bgpmgmt.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
 * the field's range and then leave the field unchanged. The accessors below come in wire order:
 * flags, addresses, identity and timing, interface.
 *
 * <p>Not thread-safe.
 */
public final class SessionMessage extends MessageFlyweight<SessionMessage> {

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

    private static final int FLAGS_OFFSET = 0;
    private static final int SOURCE_OFFSET = 4;
    private static final int DESTINATION_OFFSET = 20;
    private static final int LID_OFFSET = 36;
    private static final int MIN_TX_OFFSET = 40;
    private static final int MIN_RX_OFFSET = 44;
    private static final int MIN_ECHO_TX_OFFSET = 48;
    private static final int MIN_ECHO_RX_OFFSET = 52;
    private static final int HOLD_TIME_OFFSET = 56;
    private static final int TTL_OFFSET = 60;
    private static final int DETECT_MULT_OFFSET = 61;
    private static final int IFINDEX_OFFSET = 64;
    private static final int IFNAME_OFFSET = 68;

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
     * Returns the session flags, a combination of {@link SessionFlags} bits.
     *
     * @return the flags as raw 32 bits
     */
    public int flags() {
        return int32(FLAGS_OFFSET);
    }

    /**
     * Sets the session flags ({@link SessionFlags} bits); returns this.
     *
     * @param flags the flags as raw 32 bits
     * @return this flyweight, for chaining
     */
    public SessionMessage flags(int flags) {
        int32(FLAGS_OFFSET, flags);
        return this;
    }

    /**
     * Returns the length in bytes of the addresses: 16 with {@link SessionFlags#IPV6}, else 4.
     *
     * @return 4 or 16
     */
    public int addressLength() {
        return (flags() & SessionFlags.IPV6) != 0
            ? IPV6_ADDRESS_LENGTH : IPV4_ADDRESS_LENGTH;
    }

    /**
     * Copies the source address ({@link #addressLength()} bytes) into {@code dst} at {@code
     * dstOffset} without allocating; returns the number of bytes copied (4 or 16).
     *
     * @param dst the array to copy into
     * @param dstOffset the index in dst of the first byte copied
     * @return the number of bytes copied, 4 or 16
     * @throws IndexOutOfBoundsException if dst has no room for them
     */
    public int copySourceAddressTo(byte[] dst, int dstOffset) {
        return copyAddress(SOURCE_OFFSET, dst, dstOffset);
    }

    /**
     * Sets the source address from 4 (IPv4) or 16 (IPv6) raw bytes, zeroing the rest of the field,
     * without allocating; returns this. The flags are not changed.
     *
     * @param src the address in network byte order, 4 or 16 bytes
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if src is not 4 or 16 bytes long
     */
    public SessionMessage sourceAddress(byte[] src) {
        writeAddress(SOURCE_OFFSET, src, "sourceAddress");
        return this;
    }

    /**
     * Returns the source address as an {@link InetAddress}, 4 or 16 bytes as {@link
     * #addressLength()} says. Allocates.
     *
     * @return a new address, IPv4 or IPv6
     */
    public InetAddress sourceInetAddress() {
        return readInetAddress(SOURCE_OFFSET);
    }

    /**
     * Sets the source address from an {@link InetAddress}, zeroing the rest of the field; returns
     * this. Allocates (via {@link InetAddress#getAddress()}). The flags are not changed.
     *
     * @param address the IPv4 or IPv6 source address
     * @return this flyweight, for chaining
     */
    public SessionMessage sourceInetAddress(InetAddress address) {
        writeAddress(SOURCE_OFFSET, address.getAddress(), "sourceAddress");
        return this;
    }

    /**
     * Copies the destination address ({@link #addressLength()} bytes) into {@code dst} at {@code
     * dstOffset} without allocating; returns the number of bytes copied (4 or 16).
     *
     * @param dst the array to copy into
     * @param dstOffset the index in dst of the first byte copied
     * @return the number of bytes copied, 4 or 16
     * @throws IndexOutOfBoundsException if dst has no room for them
     */
    public int copyDestinationAddressTo(byte[] dst, int dstOffset) {
        return copyAddress(DESTINATION_OFFSET, dst, dstOffset);
    }

    /**
     * Sets the destination address from 4 (IPv4) or 16 (IPv6) raw bytes, zeroing the rest of the
     * field, without allocating; returns this. The flags are not changed.
     *
     * @param src the address in network byte order, 4 or 16 bytes
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if src is not 4 or 16 bytes long
     */
    public SessionMessage destinationAddress(byte[] src) {
        writeAddress(DESTINATION_OFFSET, src, "destinationAddress");
        return this;
    }

    /**
     * Returns the destination address as an {@link InetAddress}, 4 or 16 bytes as {@link
     * #addressLength()} says. Allocates.
     *
     * @return a new address, IPv4 or IPv6
     */
    public InetAddress destinationInetAddress() {
        return readInetAddress(DESTINATION_OFFSET);
    }

    /**
     * Sets the destination address from an {@link InetAddress}, zeroing the rest of the field;
     * returns this. Allocates (via {@link InetAddress#getAddress()}). The flags are not changed.
     *
     * @param address the IPv4 or IPv6 destination address
     * @return this flyweight, for chaining
     */
    public SessionMessage destinationInetAddress(InetAddress address) {
        writeAddress(DESTINATION_OFFSET, address.getAddress(), "destinationAddress");
        return this;
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

    /**
     * Returns the interface index as raw 32 bits (unsigned on the wire; 0 when none).
     *
     * @return the interface index as raw 32 bits, 0 when none
     */
    public int ifindex() {
        return int32(IFINDEX_OFFSET);
    }

    /**
     * Sets the interface index (raw 32 bits, unsigned on the wire; 0 for none); returns this.
     *
     * @param ifindex the interface index as raw 32 bits, 0 for none
     * @return this flyweight, for chaining
     */
    public SessionMessage ifindex(int ifindex) {
        int32(IFINDEX_OFFSET, ifindex);
        return this;
    }

    /**
     * Returns the length in bytes of the interface name: the bytes before the first NUL, 64 if the
     * sender left no NUL. Does not allocate.
     *
     * @return the name's length in bytes, 0..64
     */
    public int ifnameLength() {
        int start = payloadIndex(IFNAME_OFFSET);
        ByteBuffer buffer = buffer();
        int n = 0;
        while (n < IFNAME_FIELD_LENGTH && buffer.get(start + n) != 0) {
            n++;
        }
        return n;
    }

    /**
     * Copies the interface name's bytes (those before the first NUL, at most 64) into {@code dst}
     * at {@code dstOffset} without allocating; returns how many were copied (0 when none).
     *
     * @param dst the array to copy into
     * @param dstOffset the index in dst of the first byte copied
     * @return the number of bytes copied, 0..64
     * @throws IndexOutOfBoundsException if dst has no room for them
     */
    public int copyIfnameTo(byte[] dst, int dstOffset) {
        int n = ifnameLength();
        buffer().get(payloadIndex(IFNAME_OFFSET), dst, dstOffset, n);
        return n;
    }

    /**
     * Returns the interface name decoded as UTF-8, "" when none. Allocates.
     *
     * @return a new string holding the interface name, empty when none
     */
    public String ifname() {
        byte[] bytes = new byte[ifnameLength()];
        copyIfnameTo(bytes, 0);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Sets the interface name from a String written as UTF-8 (plain ASCII for Linux names) and
     * NUL-pads the rest of the field, without allocating; returns this. An empty name means none.
     *
     * @param name the interface name, at most 63 bytes in UTF-8; not null
     * @return this flyweight, for chaining
     * @throws NullPointerException if name is null
     * @throws IllegalArgumentException if the name is longer than 63 bytes in UTF-8, contains a
     *     NUL or an unpaired surrogate; the message names the value, and the field is unchanged
     */
    public SessionMessage ifname(String name) {
        int length = Utf8.encodedLength(Objects.requireNonNull(name, "ifname"));
        if (length < 0 || length > IFNAME_MAX_LENGTH || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "ifname \"" + name + "\" must be at most " + IFNAME_MAX_LENGTH
                            + " bytes of UTF-8 without NUL or unpaired surrogate"
                            + (length < 0 ? "" : ", is " + length + " bytes"));
        }
        int start = payloadIndex(IFNAME_OFFSET);
        Utf8.encode(name, buffer(), start);
        Bytes.zero(buffer(), start + length, IFNAME_FIELD_LENGTH - length);
        return this;
    }

    /**
     * Sets the interface name from {@code length} raw bytes of {@code src} and NUL-pads the rest of
     * the field, without allocating; returns this.
     *
     * @param src the array holding the name's bytes
     * @param srcOffset the index in src of the name's first byte
     * @param length the number of bytes to copy, 0..63 (0 for none)
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if length is more than 63 or the bytes contain a NUL
     * @throws IndexOutOfBoundsException if the range lies outside src
     */
    public SessionMessage ifname(byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        if (length > IFNAME_MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "ifname must be at most " + IFNAME_MAX_LENGTH + " bytes, is " + length);
        }
        for (int i = srcOffset; i < srcOffset + length; i++) {
            if (src[i] == 0) {
                throw new IllegalArgumentException("ifname must not contain NUL, found at " + i);
            }
        }
        int start = payloadIndex(IFNAME_OFFSET);
        buffer().put(start, src, srcOffset, length);
        Bytes.zero(buffer(), start + length, IFNAME_FIELD_LENGTH - length);
        return this;
    }

    private int copyAddress(int fieldOffset, byte[] dst, int dstOffset) {
        int n = addressLength();
        buffer().get(payloadIndex(fieldOffset), dst, dstOffset, n);
        return n;
    }

    private void writeAddress(int fieldOffset, byte[] src, String field) {
        int n = src.length;
        if (n != IPV4_ADDRESS_LENGTH && n != IPV6_ADDRESS_LENGTH) {
            throw new IllegalArgumentException(field + " must be 4 or 16 bytes, got " + n);
        }
        int start = payloadIndex(fieldOffset);
        buffer().put(start, src, 0, n);
        // An IPv4 address overwriting an IPv6 one must not leave the old tail behind.
        Bytes.zero(buffer(), start + n, ADDRESS_FIELD_LENGTH - n);
    }

    private InetAddress readInetAddress(int fieldOffset) {
        byte[] bytes = new byte[addressLength()];
        copyAddress(fieldOffset, bytes, 0);
        try {
            // Inet6Address keeps an IPv4-mapped IPv6 address (::ffff:a.b.c.d) IPv6; InetAddress.getByAddress
            // would turn it into an Inet4Address and flip the session's family (found by fuzzing).
            return bytes.length == 16
                ? java.net.Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            // getByAddress only throws for a length other than 4 or 16, which addressLength() rules out.
            throw new AssertionError(e);
        }
    }
}
