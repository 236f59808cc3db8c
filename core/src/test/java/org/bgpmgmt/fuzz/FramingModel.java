package org.bgpmgmt.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.ProtocolError;

/**
 * An independent model of bfddp v1 framing, written from the protocol rules rather than from
 * {@code FrameDecoder}, that the fuzz tests compare the real decoder and read path against: which
 * whole frames a byte stream holds, and where and why it breaks the protocol.
 *
 * <p>The rules, checked in this order on every 8-byte header: version must be 1; length must be
 * at least the 8-byte header; at most the largest frame (the reader's input buffer); and at least
 * what the type needs (a built-in type its fixed length, another type what it was registered with).
 */
final class FramingModel {

    /** The fewest bytes a frame of a type must have, as the default registry says: built-ins only. */
    static final IntUnaryOperator BUILT_IN_MINIMUM =
        type -> MessageType.isBuiltIn(type) ? MessageType.fixedLength(type) : 8;

    /**
     * What a stream holds.
     *
     * @param frameOffsets where each whole frame starts
     * @param frameLengths how long each whole frame is
     * @param error why the stream broke, or null
     * @param errorOffset where the breaking header starts (the end of the last whole frame)
     * @param errorValue the offending version or length
     * @param errorLimit the limit it broke
     * @param trailing bytes after the last whole frame when there is no error (a partial frame)
     */
    record Scan(List<Integer> frameOffsets, List<Integer> frameLengths, ProtocolError error, int errorOffset,
                int errorValue, int errorLimit, int trailing) {

        int frames() {
            return frameOffsets.size();
        }
    }

    private FramingModel() {
    }

    static int u8(final byte[] d, final int i) {
        return d[i] & 0xFF;
    }

    static int u16(final byte[] d, final int i) {
        return (d[i] & 0xFF) << 8 | d[i + 1] & 0xFF;
    }

    static long u32(final byte[] d, final int i) {
        return (long) u16(d, i) << 16 | u16(d, i + 2);
    }

    static long u64(final byte[] d, final int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | d[i + k] & 0xFF;
        }
        return v;
    }

    static Scan scan(final byte[] d, final int maxFrameLength, final IntUnaryOperator minimum) {
        final List<Integer> offsets = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        int at = 0;
        while (d.length - at >= 8) {
            final int version = u8(d, at);
            final int type = u16(d, at + 2);
            final int length = u16(d, at + 6);
            final int min = minimum.applyAsInt(type);
            if (version != 1) {
                return new Scan(offsets, lengths, ProtocolError.BAD_VERSION, at, version, 1, 0);
            }
            if (length < 8) {
                return new Scan(offsets, lengths, ProtocolError.LENGTH_BELOW_HEADER, at, length, 8, 0);
            }
            if (length > maxFrameLength) {
                return new Scan(offsets, lengths, ProtocolError.LENGTH_ABOVE_MAXIMUM, at, length, maxFrameLength, 0);
            }
            if (length < min) {
                return new Scan(offsets, lengths, ProtocolError.PAYLOAD_TOO_SHORT, at, length, min, 0);
            }
            if (d.length - at < length) {
                break;
            }
            offsets.add(at);
            lengths.add(length);
            at += length;
        }
        return new Scan(offsets, lengths, null, at, 0, 0, d.length - at);
    }
}
