package org.bgpmgmt.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Finds the frame at the start of a region of received bytes: tells whether it is complete, how
 * long it is, or why the stream is broken.
 *
 * <p>{@link #check} returns the frame length (&gt; 0) for a complete frame, {@link #NEED_MORE}
 * (0) when more bytes must arrive first, or {@link #ERROR} (-1) for a protocol error, after which
 * {@link #error()}, {@link #errorValue()}, {@link #errorLimit()} and {@link #errorMessage()}
 * describe it. The instance doubles as the result holder so that checking allocates nothing;
 * each call overwrites the previous result. A typical read loop:
 *
 * <pre>{@code
 * int n;
 * while ((n = decoder.check(in, off, avail)) > 0) {
 *   dispatch(decoder.frameType(), in, off, n);
 *   off += n;
 *   avail -= n;
 * }
 * if (n == FrameDecoder.ERROR) {
 *   log.warn("closing: {}", decoder.errorMessage());
 * }
 * }</pre>
 *
 * <p>It applies one {@link Framing}: bfddp's ({@link Framing#BFDDP}) unless constructed with
 * another. Errors are reported as soon as the header bytes are in, without waiting for the rest of a
 * frame that cannot be valid. Frames longer than their type needs are accepted and the extra
 * bytes are the caller's to skip, as bfdd does; types not in the registry are no error either.
 * Under a framing other than bfddp, the registry's built-in (bfddp) entries do not apply; a type a
 * user registered needs the framing's header plus its minimum payload.
 *
 * <p>Not thread-safe.
 */
public final class FrameDecoder {

    /** Returned by {@link #check} when the region holds no complete frame yet. */
    public static final int NEED_MORE = 0;

    /** Returned by {@link #check} when the frame header breaks the protocol; see {@link #error()}. */
    public static final int ERROR = -1;

    private final Framing framing;
    private final boolean bfddp;
    private final MessageRegistry<?> registry;
    private final int maxFrameLength;

    private int frameType;
    private int frameId;
    private int frameLength;
    private ProtocolError error;
    private int errorValue;
    private int errorLimit;

    /**
     * Creates a decoder for {@code framing} that checks minimum lengths against {@code registry}
     * and rejects frames longer than {@code maxFrameLength}, normally the capacity of the caller's
     * input buffer.
     *
     * @param framing how the stream is cut into frames; not null
     * @param registry the message types whose minimum lengths are checked; not null
     * @param maxFrameLength the largest frame length accepted in bytes, at least the framing's header
     * @throws NullPointerException if framing or registry is null
     * @throws IllegalArgumentException if maxFrameLength is below the framing's header
     */
    public FrameDecoder(Framing framing, MessageRegistry<?> registry, int maxFrameLength) {
        this.framing = Objects.requireNonNull(framing, "framing");
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxFrameLength < framing.headerLength()) {
            throw new IllegalArgumentException("maxFrameLength must be at least " + framing.headerLength()
                    + " (the " + framing.name() + " header), got " + maxFrameLength);
        }
        this.bfddp = framing.equals(Framing.BFDDP);
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Creates a bfddp decoder that checks minimum lengths against {@code registry} (built-in and
     * user types); see {@link #FrameDecoder(Framing, MessageRegistry, int)}.
     *
     * @param registry the message types whose minimum lengths are checked; not null
     * @param maxFrameLength the largest frame length accepted in bytes, at least 8
     * @throws NullPointerException if registry is null
     * @throws IllegalArgumentException if maxFrameLength is below the 8-byte header
     */
    public FrameDecoder(MessageRegistry<?> registry, int maxFrameLength) {
        this(Framing.BFDDP, registry, maxFrameLength);
    }

    /**
     * Creates a decoder that knows the built-in types only; see {@link #FrameDecoder(MessageRegistry,
     * int)}.
     *
     * @param maxFrameLength the largest frame length accepted in bytes, at least 8
     * @throws IllegalArgumentException if maxFrameLength is below the 8-byte header
     */
    public FrameDecoder(int maxFrameLength) {
        this(new MessageRegistry<Void>(), maxFrameLength);
    }

    /**
     * Checks the frame starting at {@code offset}, of which {@code available} bytes have arrived;
     * returns its length if complete, {@link #NEED_MORE} or {@link #ERROR}. Reads only the header;
     * allocates nothing.
     *
     * @param buffer the big-endian buffer holding the received bytes
     * @param offset the absolute index of the frame's first header byte
     * @param available the number of bytes received from offset on
     * @return the frame length in bytes (&gt; 0) if the frame is complete, {@link #NEED_MORE} or
     *     {@link #ERROR}
     * @throws IllegalArgumentException if the buffer is not big-endian
     * @throws IndexOutOfBoundsException if the region is not within the buffer's limit
     */
    public int check(ByteBuffer buffer, int offset, int available) {
        Bytes.checkRegion(buffer, offset, available);
        error = null;
        if (!bfddp) {
            return checkFraming(buffer, offset, available);
        }
        if (available < Header.HEADER_LENGTH) {
            frameType = -1;
            frameId = -1;
            frameLength = -1;
            return NEED_MORE;
        }
        // The whole header in one big-endian read: version, zero byte, type, id, length.
        long header = buffer.getLong(offset);
        int type = (int) (header >>> 32) & Bytes.U16_MAX;
        int length = (int) header & Bytes.U16_MAX;
        frameType = type;
        frameId = (int) (header >>> 16) & Bytes.U16_MAX;
        frameLength = length;
        int version = (int) (header >>> 56);
        if (version != Header.VERSION) {
            return fail(ProtocolError.BAD_VERSION, version, Header.VERSION);
        }
        if (length < Header.HEADER_LENGTH) {
            return fail(ProtocolError.LENGTH_BELOW_HEADER, length, Header.HEADER_LENGTH);
        }
        if (length > maxFrameLength) {
            return fail(ProtocolError.LENGTH_ABOVE_MAXIMUM, length, maxFrameLength);
        }
        // A built-in type's minimum is its fixed length in every registry (built-ins cannot be
        // registered again): one array load instead of the registry's page walk on every frame.
        int minLength = type < MessageType.BUILT_IN_COUNT ? MessageType.fixedLength(type)
                : registry.minFrameLength(type);
        if (length < minLength) {
            return fail(ProtocolError.PAYLOAD_TOO_SHORT, length, minLength);
        }
        return available < length ? NEED_MORE : length;
    }

    /** {@link #check} under a framing other than bfddp's: the same rules, read through the framing. */
    private int checkFraming(ByteBuffer buffer, int offset, int available) {
        final int header = framing.headerLength();
        frameId = -1;
        if (available < header) {
            frameType = -1;
            frameLength = -1;
            return NEED_MORE;
        }
        final int type = framing.typeAt(buffer, offset);
        final long length = framing.frameLengthAt(buffer, offset);
        frameType = type;
        frameLength = (int) Math.min(length, Integer.MAX_VALUE);
        final int version = framing.versionAt(buffer, offset);
        if (version != framing.version()) {
            return fail(ProtocolError.BAD_VERSION, version, framing.version());
        }
        if (length < header) {
            return fail(ProtocolError.LENGTH_BELOW_HEADER, frameLength, header);
        }
        if (length > maxFrameLength) {
            return fail(ProtocolError.LENGTH_ABOVE_MAXIMUM, frameLength, maxFrameLength);
        }
        final RegisteredType<?> entry = type < MessageType.BUILT_IN_COUNT ? null : registry.entry(type);
        final int minLength = entry == null ? header : header + entry.minPayloadLength();
        if (length < minLength) {
            return fail(ProtocolError.PAYLOAD_TOO_SHORT, frameLength, minLength);
        }
        return available < length ? NEED_MORE : frameLength;
    }

    /**
     * Returns the framing this decoder applies.
     *
     * @return the framing
     */
    public Framing framing() {
        return framing;
    }

    /**
     * Returns the largest frame length accepted, in bytes.
     *
     * @return the largest frame length accepted in bytes
     */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Returns the type of the last checked frame, or -1 if the last check saw less than a header.
     *
     * @return the frame type, 0..65535, or -1
     */
    public int frameType() {
        return frameType;
    }

    /**
     * Returns the id of the last checked bfddp frame, or -1 if the last check saw less than a header
     * or the framing has no id (any other than bfddp's).
     *
     * @return the frame id, 0..65535, or -1
     */
    public int frameId() {
        return frameId;
    }

    /**
     * Returns the header's length field of the last checked frame, or -1 if the last check saw
     * less than a header.
     *
     * @return the header's length field, 0..65535, or -1
     */
    public int frameLength() {
        return frameLength;
    }

    /**
     * Returns the error the last check found, or null if it returned no {@link #ERROR}.
     *
     * @return the last error, or null
     */
    public ProtocolError error() {
        return error;
    }

    /**
     * Returns the offending value of the last error (the version or length received).
     *
     * @return the version or length received
     */
    public int errorValue() {
        return errorValue;
    }

    /**
     * Returns the limit the last error broke (expected version, or minimum or maximum length).
     *
     * @return the expected version, or the minimum or maximum length in bytes
     */
    public int errorLimit() {
        return errorLimit;
    }

    /**
     * Returns a log message describing the last error, or null if there was none. Allocates.
     *
     * @return a new message, or null if the last check found no error
     */
    public String errorMessage() {
        return error == null ? null : error.format(framing.name(), errorValue, frameType, errorLimit);
    }

    private int fail(ProtocolError error, int value, int limit) {
        this.error = error;
        this.errorValue = value;
        this.errorLimit = limit;
        return ERROR;
    }
}
