package org.bgpmgmt.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * How a byte stream is cut into frames: a fixed header that holds a length field (where, how wide,
 * and whether it counts the header), optionally a version byte the peer must match and a type
 * field, and the largest frame the protocol allows. A {@link FrameDecoder} applies it; a
 * connection is configured with one. Immutable; any thread.
 *
 * <p>bfddp is {@link #BFDDP}. Other protocols describe theirs with {@link #of}, for example BMP
 * (RFC 7854: version 3 at 0, a 4-byte length at 1 that counts the 6-byte header, the type at 5):
 *
 * <pre>{@code
 * Framing bmp = Framing.of("bmp", 6).version(0, 3).length(1, 4, true).type(5, 1);
 * }</pre>
 *
 * <p>Fields are big-endian (network order), as every one of these protocols sends its header.
 */
public final class Framing {

    /** bfddp v1: 8-byte header, version 1 at 0, type at 2 (2 bytes), a 2-byte length at 6 counting the header. */
    public static final Framing BFDDP = of("bfddp", Header.HEADER_LENGTH)
        .version(Header.VERSION_OFFSET, Header.VERSION)
        .type(Header.TYPE_OFFSET, 2)
        .length(Header.LENGTH_OFFSET, 2, true);

    private static final int NONE = -1;

    private final String name;
    private final int headerLength;
    private final int versionOffset;
    private final int version;
    private final int typeOffset;
    private final int typeWidth;
    private final int lengthOffset;
    private final int lengthWidth;
    private final boolean lengthCountsHeader;

    private Framing(final String name, final int headerLength, final int versionOffset, final int version,
                    final int typeOffset, final int typeWidth, final int lengthOffset, final int lengthWidth,
                    final boolean lengthCountsHeader) {
        this.name = name;
        this.headerLength = headerLength;
        this.versionOffset = versionOffset;
        this.version = version;
        this.typeOffset = typeOffset;
        this.typeWidth = typeWidth;
        this.lengthOffset = lengthOffset;
        this.lengthWidth = lengthWidth;
        this.lengthCountsHeader = lengthCountsHeader;
    }

    /**
     * Starts a framing with a header of {@code headerLength} bytes and, until {@link #length} sets
     * one, a 2-byte length field at offset 0 that counts the header; no version and no type.
     *
     * @param name the protocol's name, for log messages
     * @param headerLength the header's length in bytes, 1 to 64
     * @return the framing
     * @throws IllegalArgumentException if the name is empty or the length is out of range
     */
    public static Framing of(final String name, final int headerLength) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("framing name is empty");
        }
        if (headerLength < 2 || headerLength > 64) {
            throw new IllegalArgumentException(name + ": header length out of 2..64: " + headerLength);
        }
        return new Framing(name, headerLength, NONE, 0, NONE, 0, 0, 2, true);
    }

    /**
     * Returns this framing with a version byte at {@code offset} that every frame must carry.
     *
     * @param offset where the byte is in the header
     * @param value the version, 0 to 255
     * @return a new framing
     * @throws IllegalArgumentException if the byte is outside the header or the value out of range
     */
    public Framing version(final int offset, final int value) {
        checkField("version", offset, 1);
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(name + ": version out of 0..255: " + value);
        }
        return new Framing(name, headerLength, offset, value, typeOffset, typeWidth, lengthOffset, lengthWidth,
            lengthCountsHeader);
    }

    /**
     * Returns this framing with a type field of {@code width} bytes at {@code offset}.
     *
     * @param offset where the field is in the header
     * @param width 1 or 2
     * @return a new framing
     * @throws IllegalArgumentException if the field is outside the header or the width is not 1 or 2
     */
    public Framing type(final int offset, final int width) {
        if (width != 1 && width != 2) {
            throw new IllegalArgumentException(name + ": type width must be 1 or 2, got " + width);
        }
        checkField("type", offset, width);
        return new Framing(name, headerLength, versionOffset, version, offset, width, lengthOffset, lengthWidth,
            lengthCountsHeader);
    }

    /**
     * Returns this framing with its length field of {@code width} bytes at {@code offset}.
     *
     * @param offset where the field is in the header
     * @param width 1, 2 or 4
     * @param countsHeader true when the field holds the whole frame's length, false when only what follows the header
     * @return a new framing
     * @throws IllegalArgumentException if the field is outside the header or the width is not 1, 2 or 4
     */
    public Framing length(final int offset, final int width, final boolean countsHeader) {
        if (width != 1 && width != 2 && width != 4) {
            throw new IllegalArgumentException(name + ": length width must be 1, 2 or 4, got " + width);
        }
        checkField("length", offset, width);
        return new Framing(name, headerLength, versionOffset, version, typeOffset, typeWidth, offset, width,
            countsHeader);
    }

    /**
     * Returns the protocol's name.
     *
     * @return the name given to {@link #of}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the header's length: the shortest possible frame.
     *
     * @return the header length in bytes
     */
    public int headerLength() {
        return headerLength;
    }

    /**
     * Returns the largest frame the length field can describe, capped at {@link Integer#MAX_VALUE}.
     *
     * @return the largest frame length in bytes
     */
    public int maxFrameLength() {
        final long field = lengthWidth == 4 ? 0xFFFF_FFFFL : (1L << (8 * lengthWidth)) - 1;
        return (int) Math.min(Integer.MAX_VALUE, lengthCountsHeader ? field : field + headerLength);
    }

    /**
     * Returns the version every frame must carry, or -1 when the framing has no version byte.
     *
     * @return the version, or -1
     */
    public int version() {
        return versionOffset == NONE ? NONE : version;
    }

    /**
     * Returns the number of distinct types the type field can hold: 256 or 65 536, or 1 (every frame
     * is type 0) when the framing has no type field.
     *
     * @return the size of the type space
     */
    public int typeCount() {
        return 1 << (8 * typeWidth);
    }

    /** The version byte of the frame at {@code at}, or {@link #version()} when there is none (always matches). */
    int versionAt(final ByteBuffer b, final int at) {
        return versionOffset == NONE ? NONE : b.get(at + versionOffset) & 0xFF;
    }

    /** The type of the frame at {@code at}, 0 when the framing has no type field. */
    int typeAt(final ByteBuffer b, final int at) {
        return typeWidth == 0 ? 0 : read(b, at + typeOffset, typeWidth);
    }

    /** The frame's whole length as the header states it, header included; up to 2^32 + 64, so a long. */
    long frameLengthAt(final ByteBuffer b, final int at) {
        final long field = read(b, at + lengthOffset, lengthWidth) & 0xFFFF_FFFFL;
        return lengthCountsHeader ? field : field + headerLength;
    }

    private static int read(final ByteBuffer b, final int at, final int width) {
        switch (width) {
            case 1:
                return b.get(at) & 0xFF;
            case 2:
                return b.getShort(at) & 0xFFFF;
            default:
                return b.getInt(at);
        }
    }

    private void checkField(final String field, final int offset, final int width) {
        if (offset < 0 || offset + width > headerLength) {
            throw new IllegalArgumentException(name + ": " + field + " field at " + offset + " (" + width
                + " bytes) is outside the " + headerLength + "-byte header");
        }
    }

    /**
     * Tells whether {@code other} is a framing of the same name and shape.
     *
     * @param other any object
     * @return true for an equal framing
     */
    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof Framing)) {
            return false;
        }
        final Framing f = (Framing) other;
        return name.equals(f.name) && headerLength == f.headerLength && versionOffset == f.versionOffset
            && version == f.version && typeOffset == f.typeOffset && typeWidth == f.typeWidth
            && lengthOffset == f.lengthOffset && lengthWidth == f.lengthWidth
            && lengthCountsHeader == f.lengthCountsHeader;
    }

    /**
     * Returns a hash of the name and shape, consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, headerLength, versionOffset, version, typeOffset, typeWidth, lengthOffset,
            lengthWidth, lengthCountsHeader);
    }

    /**
     * Returns the framing's shape for logs, such as {@code Framing[bmp, 6-byte header, length 4@1 incl. header,
     * type 1@5, version 3@0]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Framing[" + name + ", " + headerLength + "-byte header, length " + lengthWidth + '@' + lengthOffset
            + (lengthCountsHeader ? " incl. header" : " after header")
            + (typeWidth == 0 ? "" : ", type " + typeWidth + '@' + typeOffset)
            + (versionOffset == NONE ? "" : ", version " + version + '@' + versionOffset) + ']';
    }
}
