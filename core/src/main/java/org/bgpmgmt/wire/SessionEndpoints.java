package org.bgpmgmt.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a session runs, the half of {@link SessionMessage} that names its endpoints: the flags
 * (whose IPv6 bit picks the address family), the source and destination addresses, and the
 * interface (index and NUL-padded name). {@code SessionMessage} adds the session's identity and
 * timing; this is its only subclass, and its public members are documented there.
 *
 * <p>Not thread-safe.
 */
abstract sealed class SessionEndpoints extends MessageFlyweight<SessionMessage> permits SessionMessage {
    private static final int FLAGS_OFFSET = 0;
    private static final int SOURCE_OFFSET = 4;
    private static final int DESTINATION_OFFSET = 20;
    private static final int IFINDEX_OFFSET = 64;
    private static final int IFNAME_OFFSET = 68;

    SessionEndpoints(int fixedLength) {
        super(fixedLength);
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
        return (SessionMessage) this;
    }

    /**
     * Returns the length in bytes of the addresses: 16 with {@link SessionFlags#IPV6}, else 4.
     *
     * @return 4 or 16
     */
    public int addressLength() {
        return (flags() & SessionFlags.IPV6) != 0
            ? SessionMessage.IPV6_ADDRESS_LENGTH : SessionMessage.IPV4_ADDRESS_LENGTH;
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
        return (SessionMessage) this;
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
        return (SessionMessage) this;
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
        return (SessionMessage) this;
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
        return (SessionMessage) this;
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
        return (SessionMessage) this;
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
        while (n < SessionMessage.IFNAME_FIELD_LENGTH && buffer.get(start + n) != 0) {
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
        if (length < 0 || length > SessionMessage.IFNAME_MAX_LENGTH || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "ifname \"" + name + "\" must be at most " + SessionMessage.IFNAME_MAX_LENGTH
                            + " bytes of UTF-8 without NUL or unpaired surrogate"
                            + (length < 0 ? "" : ", is " + length + " bytes"));
        }
        int start = payloadIndex(IFNAME_OFFSET);
        Utf8.encode(name, buffer(), start);
        Bytes.zero(buffer(), start + length, SessionMessage.IFNAME_FIELD_LENGTH - length);
        return (SessionMessage) this;
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
        if (length > SessionMessage.IFNAME_MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "ifname must be at most " + SessionMessage.IFNAME_MAX_LENGTH + " bytes, is " + length);
        }
        for (int i = srcOffset; i < srcOffset + length; i++) {
            if (src[i] == 0) {
                throw new IllegalArgumentException("ifname must not contain NUL, found at " + i);
            }
        }
        int start = payloadIndex(IFNAME_OFFSET);
        buffer().put(start, src, srcOffset, length);
        Bytes.zero(buffer(), start + length, SessionMessage.IFNAME_FIELD_LENGTH - length);
        return (SessionMessage) this;
    }

    private int copyAddress(int fieldOffset, byte[] dst, int dstOffset) {
        int n = addressLength();
        buffer().get(payloadIndex(fieldOffset), dst, dstOffset, n);
        return n;
    }

    private void writeAddress(int fieldOffset, byte[] src, String field) {
        int n = src.length;
        if (n != SessionMessage.IPV4_ADDRESS_LENGTH && n != SessionMessage.IPV6_ADDRESS_LENGTH) {
            throw new IllegalArgumentException(field + " must be 4 or 16 bytes, got " + n);
        }
        int start = payloadIndex(fieldOffset);
        buffer().put(start, src, 0, n);
        // An IPv4 address overwriting an IPv6 one must not leave the old tail behind.
        Bytes.zero(buffer(), start + n, SessionMessage.ADDRESS_FIELD_LENGTH - n);
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
