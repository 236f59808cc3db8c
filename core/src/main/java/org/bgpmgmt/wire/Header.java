package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over the 8-byte header every bfddp message starts with: version, a zero byte, type,
 * id and the whole frame's length.
 *
 * <p>Use it to read the header of a frame of any type, including unknown or user-defined ones,
 * and to write the header of a user-defined frame. The static {@code ...At} readers serve callers
 * that hold no instance. All access is absolute at the wrapped offset; the buffer's position and
 * limit are never read or changed.
 *
 * <p>Not thread-safe.
 */
public final class Header {

    /** Length in bytes of the header. */
    public static final int HEADER_LENGTH = 8;

    /** The protocol version this codec speaks (FRR 8.4); FRR later moved to 2. */
    public static final int VERSION = 1;

    static final int VERSION_OFFSET = 0;
    static final int ZERO_OFFSET = 1;
    static final int TYPE_OFFSET = 2;
    static final int ID_OFFSET = 4;
    static final int LENGTH_OFFSET = 6;

    private ByteBuffer buffer;
    private int offset;

    /** Creates a header flyweight that wraps nothing yet; call {@link #wrap} or {@link #encode}. */
    public Header() {}

    /**
     * Points this flyweight at the header starting at {@code offset}; returns this.
     *
     * @param buffer the big-endian buffer holding the header
     * @param offset the absolute index of the header's first byte
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if the buffer is not big-endian
     * @throws IndexOutOfBoundsException if fewer than 8 bytes lie between offset and the limit
     */
    public Header wrap(ByteBuffer buffer, int offset) {
        this.buffer = Bytes.checkRegion(buffer, offset, HEADER_LENGTH);
        this.offset = offset;
        return this;
    }

    /**
     * Wraps {@code offset} and writes a complete version-1 header there (the reserved byte zero);
     * returns this. The caller writes {@code length - 8} payload bytes after it.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the header's first byte
     * @param type the message type, 0..65535
     * @param id the request id, 0..65535 (0 = unsolicited)
     * @param length the whole frame's length in bytes, header included, 8..65535
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if type or id is not 0..65535, length is not 8..65535, or
     *     the buffer is not big-endian
     * @throws IndexOutOfBoundsException if fewer than 8 bytes lie between offset and the limit
     */
    public Header encode(ByteBuffer buffer, int offset, int type, int id, int length) {
        wrap(buffer, offset);
        write(buffer, offset, type, id, length);
        return this;
    }

    /**
     * Returns the buffer this flyweight wraps, or null before the first wrap.
     *
     * @return the wrapped buffer, or null before the first wrap
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Returns the offset of the header in {@link #buffer()}.
     *
     * @return the absolute index of the header's first byte
     */
    public int offset() {
        return offset;
    }

    /**
     * Returns the version byte (1 for a frame this codec can read).
     *
     * @return the version, 0..255
     */
    public int version() {
        return versionAt(buffer, offset);
    }

    /**
     * Returns the reserved byte after the version, which senders set to zero.
     *
     * @return the reserved byte, 0..255
     */
    public int reserved() {
        return buffer.get(offset + ZERO_OFFSET) & Bytes.U8_MAX;
    }

    /**
     * Returns the message type, 0..65535.
     *
     * @return the message type, 0..65535
     */
    public int type() {
        return typeAt(buffer, offset);
    }

    /**
     * Sets the message type (0..65535); returns this.
     *
     * @param type the message type, 0..65535
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if type is not 0..65535
     */
    public Header type(int type) {
        buffer.putShort(offset + TYPE_OFFSET, (short) Bytes.checkU16(type, "type"));
        return this;
    }

    /**
     * Returns the id pairing a request with its reply, 0..65535 (0 = unsolicited).
     *
     * @return the id, 0..65535
     */
    public int id() {
        return idAt(buffer, offset);
    }

    /**
     * Sets the id (0..65535); returns this.
     *
     * @param id the id, 0..65535 (0 = unsolicited)
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if id is not 0..65535
     */
    public Header id(int id) {
        buffer.putShort(offset + ID_OFFSET, (short) Bytes.checkU16(id, "id"));
        return this;
    }

    /**
     * Returns the length in bytes of the whole frame, header included, 0..65535.
     *
     * @return the frame length in bytes, 0..65535
     */
    public int length() {
        return lengthAt(buffer, offset);
    }

    /**
     * Sets the frame length in bytes, header included (8..65535); returns this.
     *
     * @param length the frame length in bytes, header included, 8..65535
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if length is not 8..65535
     */
    public Header length(int length) {
        buffer.putShort(offset + LENGTH_OFFSET, (short) checkLength(length));
        return this;
    }

    /**
     * Returns the version byte of the header at {@code offset}; no checks beyond the buffer's.
     *
     * @param buffer the buffer holding the header
     * @param offset the absolute index of the header's first byte
     * @return the version, 0..255
     * @throws IndexOutOfBoundsException if the field lies outside the buffer
     */
    public static int versionAt(ByteBuffer buffer, int offset) {
        return buffer.get(offset + VERSION_OFFSET) & Bytes.U8_MAX;
    }

    /**
     * Returns the type of the header at {@code offset}; no checks beyond the buffer's.
     *
     * @param buffer the buffer holding the header
     * @param offset the absolute index of the header's first byte
     * @return the message type, 0..65535
     * @throws IndexOutOfBoundsException if the field lies outside the buffer
     */
    public static int typeAt(ByteBuffer buffer, int offset) {
        return buffer.getShort(offset + TYPE_OFFSET) & Bytes.U16_MAX;
    }

    /**
     * Returns the id of the header at {@code offset}; no checks beyond the buffer's.
     *
     * @param buffer the buffer holding the header
     * @param offset the absolute index of the header's first byte
     * @return the id, 0..65535
     * @throws IndexOutOfBoundsException if the field lies outside the buffer
     */
    public static int idAt(ByteBuffer buffer, int offset) {
        return buffer.getShort(offset + ID_OFFSET) & Bytes.U16_MAX;
    }

    /**
     * Returns the frame length of the header at {@code offset}; no checks beyond the buffer's.
     *
     * @param buffer the buffer holding the header
     * @param offset the absolute index of the header's first byte
     * @return the frame length in bytes, 0..65535
     * @throws IndexOutOfBoundsException if the field lies outside the buffer
     */
    public static int lengthAt(ByteBuffer buffer, int offset) {
        return buffer.getShort(offset + LENGTH_OFFSET) & Bytes.U16_MAX;
    }

    /** Writes all 8 header bytes at {@code offset}, validating every field first. */
    static void write(ByteBuffer buffer, int offset, int type, int id, int length) {
        // Validate everything before the first put so that a bad argument leaves no half header.
        Bytes.checkU16(type, "type");
        Bytes.checkU16(id, "id");
        checkLength(length);
        buffer.put(offset + VERSION_OFFSET, (byte) VERSION);
        buffer.put(offset + ZERO_OFFSET, (byte) 0);
        buffer.putShort(offset + TYPE_OFFSET, (short) type);
        buffer.putShort(offset + ID_OFFSET, (short) id);
        buffer.putShort(offset + LENGTH_OFFSET, (short) length);
    }

    private static int checkLength(int length) {
        if (length < HEADER_LENGTH || length > Bytes.U16_MAX) {
            throw new IllegalArgumentException(
                    "length must be " + HEADER_LENGTH + ".." + Bytes.U16_MAX + ", got " + length);
        }
        return length;
    }
}
