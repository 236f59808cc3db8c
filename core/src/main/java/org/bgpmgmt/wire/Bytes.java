package org.bgpmgmt.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Range checks and zero filling shared by the flyweights.
 *
 * <p>Thread-safe: immutable.
 */
final class Bytes {

    /** Largest value of an unsigned 8-bit wire field. */
    static final int U8_MAX = 0xFF;

    /** Largest value of an unsigned 16-bit wire field. */
    static final int U16_MAX = 0xFFFF;

    private Bytes() {}

    /**
     * Checks that {@code buffer} is big-endian and holds {@code length} bytes from {@code offset}
     * below its limit; returns the buffer.
     */
    static ByteBuffer checkRegion(ByteBuffer buffer, int offset, int length) {
        // Absolute gets honour the buffer's byte order, so a little-endian buffer would silently
        // swap every field; refusing it up front is cheaper than swapping on every access.
        if (buffer.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("bfddp buffers must be BIG_ENDIAN, not " + buffer.order());
        }
        Objects.checkFromIndexSize(offset, length, buffer.limit());
        return buffer;
    }

    /** Returns {@code value} if it fits an unsigned byte, else throws naming {@code field}. */
    static int checkU8(int value, String field) {
        if ((value & ~U8_MAX) != 0) {
            throw new IllegalArgumentException(field + " must be 0.." + U8_MAX + ", got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it fits an unsigned 16-bit field, else throws naming the field. */
    static int checkU16(int value, String field) {
        if ((value & ~U16_MAX) != 0) {
            throw new IllegalArgumentException(field + " must be 0.." + U16_MAX + ", got " + value);
        }
        return value;
    }

    /** Returns the low 32 bits of {@code value} if it fits an unsigned 32-bit field, else throws. */
    static int checkU32(long value, String field) {
        if ((value >>> Integer.SIZE) != 0) {
            throw new IllegalArgumentException(field + " must be 0..4294967295, got " + value);
        }
        return (int) value;
    }

    /** Writes {@code length} zero bytes at {@code index}. */
    static void zero(ByteBuffer buffer, int index, int length) {
        int end = index + length;
        // Longs first: every payload here is a multiple of 4 bytes, mostly of 8.
        for (; index + Long.BYTES <= end; index += Long.BYTES) {
            buffer.putLong(index, 0L);
        }
        for (; index < end; index++) {
            buffer.put(index, (byte) 0);
        }
    }
}
