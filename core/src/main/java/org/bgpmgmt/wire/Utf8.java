package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Allocation-free UTF-8 encoding of short strings straight into a buffer.
 *
 * <p>Thread-safe: immutable.
 */
final class Utf8 {

    private Utf8() {}

    /** Returns the UTF-8 length in bytes of {@code s}, or -1 if it has an unpaired surrogate. */
    static int encodedLength(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return -1;
                }
                i++;
                length += 4;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * Writes {@code s} as UTF-8 at {@code index}; returns the bytes written. The caller has checked
     * {@link #encodedLength} is non-negative and fits.
     */
    static int encode(String s, ByteBuffer buffer, int index) {
        int start = index;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buffer.put(index++, (byte) c);
            } else if (c < 0x800) {
                buffer.put(index++, (byte) (0xC0 | (c >> 6)));
                buffer.put(index++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer.put(index++, (byte) (0xF0 | (cp >> 18)));
                buffer.put(index++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                buffer.put(index++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                buffer.put(index++, (byte) (0x80 | (cp & 0x3F)));
            } else {
                buffer.put(index++, (byte) (0xE0 | (c >> 12)));
                buffer.put(index++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                buffer.put(index++, (byte) (0x80 | (c & 0x3F)));
            }
        }
        return index - start;
    }
}
