package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Base of the fixed-size message flyweights: holds the wrapped buffer and offset and reads the
 * header fields; subclasses add the payload fields.
 *
 * <p>Reading: {@link #wrap} points the flyweight at a frame already in a buffer, copies nothing
 * and allocates nothing; re-wrap the same instance for the next frame. Writing: a subclass's
 * {@code encode...} method writes the header with the fixed length and zeroes the whole payload,
 * so every padding byte and every field not set afterwards is zero; then the fluent setters fill
 * the fields in place. Setters on a merely wrapped frame modify it in place and leave its padding
 * as it was. Access is absolute at the offset; the buffer's position and limit are never read or
 * changed, so after encoding the caller advances its own position by {@link #fixedLength()}.
 *
 * <p>Users may extend this class for their own fixed-size message types; {@link #encodeZeroed}
 * does the header work. Using a flyweight before the first wrap throws NullPointerException.
 *
 * <p>Not thread-safe.
 *
 * @param <F> the concrete flyweight type, returned by the fluent methods
 */
public abstract class MessageFlyweight<F extends MessageFlyweight<F>> {

    private final int fixedLength;
    private final F self;
    private ByteBuffer buffer;
    private int offset;

    /**
     * Creates a flyweight for messages of {@code fixedLength} bytes, header included.
     *
     * @param fixedLength the message's length in bytes on the wire, header included, 8..65535
     * @throws IllegalArgumentException if fixedLength is not 8..65535
     */
    @SuppressWarnings("unchecked")
    protected MessageFlyweight(int fixedLength) {
        if (fixedLength < Header.HEADER_LENGTH || fixedLength > Bytes.U16_MAX) {
            throw new IllegalArgumentException(
                    "fixedLength must be " + Header.HEADER_LENGTH + ".." + Bytes.U16_MAX
                            + ", got " + fixedLength);
        }
        this.fixedLength = fixedLength;
        // The type parameter's bound makes this cast true for every well-formed subclass.
        this.self = (F) this;
    }

    /**
     * Points this flyweight at the frame starting at {@code offset} for reading or in-place
     * modification; returns this. The frame's header is not checked here: {@link FrameDecoder}
     * does that.
     *
     * @param buffer the big-endian buffer holding the frame
     * @param offset the absolute index of the frame's first header byte
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if the buffer is not big-endian
     * @throws IndexOutOfBoundsException if fewer than {@link #fixedLength()} bytes lie between
     *     offset and the buffer's limit
     */
    public final F wrap(ByteBuffer buffer, int offset) {
        this.buffer = Bytes.checkRegion(buffer, offset, fixedLength);
        this.offset = offset;
        return self;
    }

    /**
     * Wraps {@code offset}, writes a version-1 header with {@code type}, {@code id} and the fixed
     * length, and zeroes every payload byte; returns this for the setters.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param type the message type, 0..65535
     * @param id the request id, 0..65535
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if type or id is not 0..65535 or the buffer is not
     *     big-endian
     * @throws IndexOutOfBoundsException if the frame does not fit below the buffer's limit
     */
    protected final F encodeZeroed(ByteBuffer buffer, int offset, int type, int id) {
        Bytes.checkRegion(buffer, offset, fixedLength);
        Header.write(buffer, offset, type, id, fixedLength);
        Bytes.zero(buffer, offset + Header.HEADER_LENGTH, fixedLength - Header.HEADER_LENGTH);
        this.buffer = buffer;
        this.offset = offset;
        return self;
    }

    /**
     * Returns the buffer this flyweight wraps, or null before the first wrap.
     *
     * @return the wrapped buffer, or null before the first wrap
     */
    public final ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Returns the offset of the frame's first header byte in {@link #buffer()}.
     *
     * @return the absolute index of the frame's first header byte
     */
    public final int offset() {
        return offset;
    }

    /**
     * Returns the length in bytes this message type has on the wire, header included.
     *
     * @return the fixed length in bytes, 8..65535
     */
    public final int fixedLength() {
        return fixedLength;
    }

    /**
     * Returns the header's version byte.
     *
     * @return the version, 0..255
     */
    public final int version() {
        return Header.versionAt(buffer, offset);
    }

    /**
     * Returns the header's message type, 0..65535.
     *
     * @return the message type, 0..65535
     */
    public final int type() {
        return Header.typeAt(buffer, offset);
    }

    /**
     * Returns the header's id, 0..65535 (0 = unsolicited).
     *
     * @return the id, 0..65535
     */
    public final int id() {
        return Header.idAt(buffer, offset);
    }

    /**
     * Sets the header's id (0..65535); returns this.
     *
     * @param id the id, 0..65535 (0 = unsolicited)
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if id is not 0..65535
     */
    public final F id(int id) {
        buffer.putShort(offset + Header.ID_OFFSET, (short) Bytes.checkU16(id, "id"));
        return self;
    }

    /**
     * Returns the header's frame length in bytes; at least {@link #fixedLength()} for a frame that
     * passed {@link FrameDecoder}, more if the sender appended bytes this codec ignores.
     *
     * @return the frame length in bytes, 0..65535
     */
    public final int length() {
        return Header.lengthAt(buffer, offset);
    }

    /**
     * Returns the unsigned 32-bit field at {@code payloadOffset} after the header.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @return the field's value, 0..4294967295
     */
    protected final long u32(int payloadOffset) {
        return Integer.toUnsignedLong(buffer.getInt(offset + Header.HEADER_LENGTH + payloadOffset));
    }

    /**
     * Writes the unsigned 32-bit {@code value} at {@code payloadOffset}, naming {@code field}.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @param value the value, 0..4294967295
     * @param field the field's name for the exception message
     * @throws IllegalArgumentException if value is not 0..4294967295; the field is then unchanged
     */
    protected final void u32(int payloadOffset, long value, String field) {
        buffer.putInt(offset + Header.HEADER_LENGTH + payloadOffset, Bytes.checkU32(value, field));
    }

    /**
     * Returns the 32-bit field at {@code payloadOffset} as raw bits.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @return the field's raw 32 bits
     */
    protected final int int32(int payloadOffset) {
        return buffer.getInt(offset + Header.HEADER_LENGTH + payloadOffset);
    }

    /**
     * Writes the raw 32 bits of {@code value} at {@code payloadOffset}.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @param value the raw 32 bits to write
     */
    protected final void int32(int payloadOffset, int value) {
        buffer.putInt(offset + Header.HEADER_LENGTH + payloadOffset, value);
    }

    /**
     * Returns the 64-bit field at {@code payloadOffset} as raw bits.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @return the field's raw 64 bits
     */
    protected final long int64(int payloadOffset) {
        return buffer.getLong(offset + Header.HEADER_LENGTH + payloadOffset);
    }

    /**
     * Writes the raw 64 bits of {@code value} at {@code payloadOffset}.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @param value the raw 64 bits to write
     */
    protected final void int64(int payloadOffset, long value) {
        buffer.putLong(offset + Header.HEADER_LENGTH + payloadOffset, value);
    }

    /**
     * Returns the unsigned byte at {@code payloadOffset}.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @return the byte's value, 0..255
     */
    protected final int u8(int payloadOffset) {
        return buffer.get(offset + Header.HEADER_LENGTH + payloadOffset) & Bytes.U8_MAX;
    }

    /**
     * Writes the unsigned byte {@code value} (0..255) at {@code payloadOffset}.
     *
     * @param payloadOffset the field's offset in bytes from the end of the header
     * @param value the value, 0..255
     * @param field the field's name for the exception message
     * @throws IllegalArgumentException if value is not 0..255; the field is then unchanged
     */
    protected final void u8(int payloadOffset, int value, String field) {
        buffer.put(offset + Header.HEADER_LENGTH + payloadOffset, (byte) Bytes.checkU8(value, field));
    }

    /**
     * Returns the absolute buffer index of {@code payloadOffset} after the header.
     *
     * @param payloadOffset the offset in bytes from the end of the header
     * @return the absolute index in {@link #buffer()}
     */
    protected final int payloadIndex(int payloadOffset) {
        return offset + Header.HEADER_LENGTH + payloadOffset;
    }
}
