package org.bgpmgmt.examples.bgp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bgpmgmt.wire.MessageFlyweight;

/**
 * Flyweight over a {@link BgpMessageType#PEER_ADD} (type 0x0100, 128 bytes): everything the data
 * plane needs to run one BGP peer. The layout is in {@code docs/bgp-catalog.md}.
 *
 * <p>Addresses are 16-byte fields; an IPv4 address uses the first 4 bytes and the rest are zero.
 * Which one applies is decided by the {@link PeerFlags#IPV6} bit of {@link #flags()} alone: the
 * address setters never change the flags. The description is length-prefixed: a length byte
 * (0..64) and a 64-byte field whose bytes after the length are zero. Setters check only that a
 * value fits its field (IllegalArgumentException, field unchanged); what a receiver must reject
 * beyond that (key 0, hold time 1 or 2, ...) is {@link BgpPeer}'s business. See {@link
 * MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class PeerAddMessage extends MessageFlyweight<PeerAddMessage> {

    /** Length in bytes of each address field on the wire. */
    public static final int ADDRESS_FIELD_LENGTH = 16;

    /** Length in bytes of the description field; also the longest description in UTF-8 bytes. */
    public static final int DESCRIPTION_FIELD_LENGTH = 64;

    private static final int U16_MAX = 0xFFFF;
    private static final int KEY_OFFSET = 0;
    private static final int FLAGS_OFFSET = 4;
    private static final int PEER_ADDRESS_OFFSET = 8;
    private static final int LOCAL_ADDRESS_OFFSET = 24;
    private static final int REMOTE_AS_OFFSET = 40;
    private static final int LOCAL_AS_OFFSET = 44;
    private static final int HOLD_TIME_OFFSET = 48;
    private static final int KEEPALIVE_OFFSET = 50;
    private static final int DESCRIPTION_LENGTH_OFFSET = 52;
    private static final int DESCRIPTION_OFFSET = 56;

    /** Creates a PEER_ADD flyweight that wraps nothing yet. Any thread. */
    public PeerAddMessage() {
        super(BgpMessageType.PEER_ADD_LENGTH);
    }

    /**
     * Starts a PEER_ADD at {@code offset}: header written, every payload byte zero; returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the header id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 128 bytes do not fit below the buffer's limit
     */
    public PeerAddMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, BgpMessageType.PEER_ADD, id);
    }

    /**
     * Returns the peer key, the catalog's lid, as raw 32 bits (unsigned on the wire).
     *
     * @return the peer key, the catalog's lid, as raw 32 bits (unsigned on the wire)
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
    public PeerAddMessage key(int key) {
        int32(KEY_OFFSET, key);
        return this;
    }

    /**
     * Returns the flags, a combination of {@link PeerFlags} bits (reserved bits as received).
     *
     * @return the flags, a combination of {@link PeerFlags} bits (reserved bits as received)
     */
    public int flags() {
        return int32(FLAGS_OFFSET);
    }

    /**
     * Sets the flags ({@link PeerFlags} bits); returns this.
     *
     * @param flags the flags ({@link PeerFlags} bits)
     * @return this flyweight, for chaining
     */
    public PeerAddMessage flags(int flags) {
        int32(FLAGS_OFFSET, flags);
        return this;
    }

    /**
     * Returns the length in bytes of the addresses: 16 with {@link PeerFlags#IPV6}, else 4.
     *
     * @return the length in bytes of the addresses: 16 with {@link PeerFlags#IPV6}, else 4
     */
    public int addressLength() {
        return (flags() & PeerFlags.IPV6) != 0 ? 16 : 4;
    }

    /**
     * Copies the peer address ({@link #addressLength()} bytes) into {@code dst} at {@code
     * dstOffset} without allocating; returns the number of bytes copied.
     *
     * @param dst the array to copy into
     * @param dstOffset the index in dst of the first byte copied
     * @return the number of bytes copied
     * @throws IndexOutOfBoundsException if dst has no room for them
     */
    public int copyPeerAddressTo(byte[] dst, int dstOffset) {
        return copyAddress(PEER_ADDRESS_OFFSET, dst, dstOffset);
    }

    /**
     * Sets the peer address from 4 or 16 raw bytes, zeroing the rest of the field; returns this.
     *
     * @param src the address in network byte order, 4 or 16 bytes
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if src is not 4 or 16 bytes long
     */
    public PeerAddMessage peerAddress(byte[] src) {
        writeAddress(PEER_ADDRESS_OFFSET, src, "peerAddress");
        return this;
    }

    /**
     * Returns the peer address, 4 or 16 bytes as {@link #addressLength()} says. Allocates.
     *
     * @return the peer address, 4 or 16 bytes as {@link #addressLength()} says
     */
    public InetAddress peerInetAddress() {
        return readInetAddress(PEER_ADDRESS_OFFSET);
    }

    /**
     * Copies the local address ({@link #addressLength()} bytes) into {@code dst} at {@code
     * dstOffset} without allocating; returns the number of bytes copied. All zero means "any".
     *
     * @param dst the array to copy into
     * @param dstOffset the index in dst of the first byte copied
     * @return the number of bytes copied
     * @throws IndexOutOfBoundsException if dst has no room for them
     */
    public int copyLocalAddressTo(byte[] dst, int dstOffset) {
        return copyAddress(LOCAL_ADDRESS_OFFSET, dst, dstOffset);
    }

    /**
     * Sets the local address from 4 or 16 raw bytes (all zero for "any"), zeroing the rest of the
     * field; returns this.
     *
     * @param src the address in network byte order, 4 or 16 bytes
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if src is not 4 or 16 bytes long
     */
    public PeerAddMessage localAddress(byte[] src) {
        writeAddress(LOCAL_ADDRESS_OFFSET, src, "localAddress");
        return this;
    }

    /**
     * Returns the local address, 4 or 16 bytes as {@link #addressLength()} says. Allocates.
     *
     * @return the local address, 4 or 16 bytes as {@link #addressLength()} says
     */
    public InetAddress localInetAddress() {
        return readInetAddress(LOCAL_ADDRESS_OFFSET);
    }

    /**
     * Returns the peer's 4-byte AS number, 0..4294967295.
     *
     * @return the peer's 4-byte AS number, 0..4294967295
     */
    public long remoteAs() {
        return u32(REMOTE_AS_OFFSET);
    }

    /**
     * Sets the peer's AS number, 0..4294967295; returns this.
     *
     * @param asn the peer's AS number, 0..4294967295
     * @return this flyweight, for chaining
     */
    public PeerAddMessage remoteAs(long asn) {
        u32(REMOTE_AS_OFFSET, asn, "remoteAs");
        return this;
    }

    /**
     * Returns the local 4-byte AS number, 0..4294967295 (0: the data plane's default).
     *
     * @return the local 4-byte AS number, 0..4294967295 (0: the data plane's default)
     */
    public long localAs() {
        return u32(LOCAL_AS_OFFSET);
    }

    /**
     * Sets the local AS number, 0..4294967295; returns this.
     *
     * @param asn the local AS number, 0..4294967295
     * @return this flyweight, for chaining
     */
    public PeerAddMessage localAs(long asn) {
        u32(LOCAL_AS_OFFSET, asn, "localAs");
        return this;
    }

    /**
     * Returns the hold time in seconds, 0..65535.
     *
     * @return the hold time in seconds, 0..65535
     */
    public int holdTime() {
        return u16(HOLD_TIME_OFFSET);
    }

    /**
     * Sets the hold time, 0..65535 s; returns this.
     *
     * @param seconds the hold time, 0..65535 s
     * @return this flyweight, for chaining
     */
    public PeerAddMessage holdTime(int seconds) {
        u16(HOLD_TIME_OFFSET, seconds, "holdTime");
        return this;
    }

    /**
     * Returns the keepalive interval in seconds, 0..65535.
     *
     * @return the keepalive interval in seconds, 0..65535
     */
    public int keepalive() {
        return u16(KEEPALIVE_OFFSET);
    }

    /**
     * Sets the keepalive interval, 0..65535 s; returns this.
     *
     * @param seconds the keepalive interval, 0..65535 s
     * @return this flyweight, for chaining
     */
    public PeerAddMessage keepalive(int seconds) {
        u16(KEEPALIVE_OFFSET, seconds, "keepalive");
        return this;
    }

    /**
     * Returns the description length byte as received, 0..255 (above 64 is malformed).
     *
     * @return the description length byte as received, 0..255 (above 64 is malformed)
     */
    public int descriptionLength() {
        return u8(DESCRIPTION_LENGTH_OFFSET);
    }

    /**
     * Copies the description's bytes (the length byte's count, at most 64) into {@code dst} at
     * {@code dstOffset} without allocating; returns how many were copied.
     *
     * @param dst the array to copy into
     * @param dstOffset the index in dst of the first byte copied
     * @return the number of bytes copied
     * @throws IndexOutOfBoundsException if dst has no room for them
     */
    public int copyDescriptionTo(byte[] dst, int dstOffset) {
        final int n = Math.min(descriptionLength(), DESCRIPTION_FIELD_LENGTH);
        buffer().get(payloadIndex(DESCRIPTION_OFFSET), dst, dstOffset, n);
        return n;
    }

    /**
     * Returns the description decoded as UTF-8 (malformed bytes replaced), "" when none. Allocates.
     *
     * @return the description decoded as UTF-8 (malformed bytes replaced), "" when none
     */
    public String description() {
        final byte[] bytes = new byte[Math.min(descriptionLength(), DESCRIPTION_FIELD_LENGTH)];
        copyDescriptionTo(bytes, 0);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Sets the description from {@code length} raw bytes of {@code src} (meant to be UTF-8), sets
     * the length byte and zeroes the rest of the field; returns this. Does not allocate.
     *
     * @param src the description bytes, meant to be UTF-8
     * @param srcOffset the index in src of the first byte
     * @param length how many bytes of src to use
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if length is more than 64
     * @throws IndexOutOfBoundsException if the range lies outside src
     */
    public PeerAddMessage description(byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        if (length > DESCRIPTION_FIELD_LENGTH) {
            throw new IllegalArgumentException(
                "description must be at most " + DESCRIPTION_FIELD_LENGTH + " bytes, is " + length);
        }
        final int start = payloadIndex(DESCRIPTION_OFFSET);
        buffer().put(start, src, srcOffset, length);
        zero(start + length, DESCRIPTION_FIELD_LENGTH - length);
        u8(DESCRIPTION_LENGTH_OFFSET, length, "descriptionLength");
        return this;
    }

    /**
     * Sets the description from a String written as UTF-8; returns this. Allocates.
     *
     * @param text the description, at most 64 bytes in UTF-8
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if it is longer than 64 bytes in UTF-8
     */
    public PeerAddMessage description(String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return description(bytes, 0, bytes.length);
    }

    private int u16(int payloadOffset) {
        return buffer().getShort(payloadIndex(payloadOffset)) & U16_MAX;
    }

    private void u16(int payloadOffset, int value, String field) {
        if ((value & ~U16_MAX) != 0) {
            throw new IllegalArgumentException(field + " must be 0.." + U16_MAX + ", got " + value);
        }
        buffer().putShort(payloadIndex(payloadOffset), (short) value);
    }

    private void zero(int index, int length) {
        for (int i = index; i < index + length; i++) {
            buffer().put(i, (byte) 0);
        }
    }

    private int copyAddress(int fieldOffset, byte[] dst, int dstOffset) {
        final int n = addressLength();
        buffer().get(payloadIndex(fieldOffset), dst, dstOffset, n);
        return n;
    }

    private void writeAddress(int fieldOffset, byte[] src, String field) {
        final int n = src.length;
        if (n != 4 && n != 16) {
            throw new IllegalArgumentException(field + " must be 4 or 16 bytes, got " + n);
        }
        final int start = payloadIndex(fieldOffset);
        buffer().put(start, src, 0, n);
        // An IPv4 address overwriting an IPv6 one must not leave the old tail behind.
        zero(start + n, ADDRESS_FIELD_LENGTH - n);
    }

    private InetAddress readInetAddress(int fieldOffset) {
        final byte[] bytes = new byte[addressLength()];
        copyAddress(fieldOffset, bytes, 0);
        try {
            // Inet6Address keeps an IPv4-mapped IPv6 address (::ffff:a.b.c.d) IPv6; InetAddress.getByAddress
            // would turn it into an Inet4Address and flip the session's family (found by fuzzing).
            return bytes.length == 16 ? java.net.Inet6Address.getByAddress(null, bytes, -1)
                : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            // Only thrown for a length other than 4 or 16, which addressLength() rules out.
            throw new AssertionError(e);
        }
    }
}
