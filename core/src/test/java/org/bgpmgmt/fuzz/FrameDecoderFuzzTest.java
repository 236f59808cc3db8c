package org.bgpmgmt.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.bgpmgmt.wire.CountersReplyMessage;
import org.bgpmgmt.wire.CountersRequestMessage;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.FrameDecoder;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.Header;
import org.bgpmgmt.wire.MessageRegistry;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.ProtocolError;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;

/**
 * Fuzzes {@link FrameDecoder} and the flyweights with arbitrary bytes (issue 6).
 *
 * <p>Every input is decoded by two decoders: the default registry with bfdd's 8 KiB maximum, and a
 * registry with one user type and the smallest input buffer a context accepts (140 bytes). Each
 * decoder sees the bytes twice: whole, at an odd offset of a direct buffer, and cut into chunks
 * fed through a compacting buffer the way a connection reads. The only acceptable outcomes are
 * frames, NEED_MORE and ERROR with a message; both passes must agree with each other and with the
 * independent {@link FramingModel}; every field of every built-in frame is read.
 *
 * <p>Regression mode (the default, part of {@code mvn verify}) runs the seeds under
 * {@code src/test/resources/org/bgpmgmt/fuzz/FrameDecoderFuzzTestInputs/}. Fuzzing mode:
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=FrameDecoderFuzzTest} runs for {@code maxDuration}.
 */
class FrameDecoderFuzzTest {

    private static final int BIG = 8192;
    private static final int SMALL = MessageType.SESSION_LENGTH;
    private static final int USER_TYPE = MessageType.FIRST_USER_TYPE;
    private static final int USER_MIN_PAYLOAD = 4;
    private static final int OFFSET = 3;

    private static final MessageRegistry<String> USER_REGISTRY =
        new MessageRegistry<String>().register(USER_TYPE, "USER", USER_MIN_PAYLOAD, "handler");
    private static final IntUnaryOperator USER_MINIMUM =
        type -> type == USER_TYPE ? Header.HEADER_LENGTH + USER_MIN_PAYLOAD : FramingModel.BUILT_IN_MINIMUM.applyAsInt(type);

    private final EchoMessage echo = new EchoMessage();
    private final SessionMessage session = new SessionMessage();
    private final StateChangeMessage stateChange = new StateChangeMessage();
    private final CountersRequestMessage countersRequest = new CountersRequestMessage();
    private final CountersReplyMessage countersReply = new CountersReplyMessage();
    private final byte[] scratch = new byte[64];

    /** BMP's shape: a 4-byte length counting the 6-byte header, version 3, the type at 5. */
    private static final Framing BMP = Framing.of("bmp", 6).version(0, 3).length(1, 4, true).type(5, 1);
    /** No version, a 2-byte length at 1 that counts only the payload after the 3-byte header. */
    private static final Framing TLV = Framing.of("tlv", 3).type(0, 1).length(1, 2, false);

    @FuzzTest(maxDuration = "15m")
    void shouldNeverThrowUnexpectedlyOnAnyBytes(final byte[] data) {
        check(data, new FrameDecoder(BIG), FramingModel.BUILT_IN_MINIMUM);
        check(data, new FrameDecoder(USER_REGISTRY, SMALL), USER_MINIMUM);
        checkFraming(data, new FrameDecoder(BMP, USER_REGISTRY, 4096), 6, 0, 3, 1, 4, true);
        checkFraming(data, new FrameDecoder(TLV, USER_REGISTRY, 300), 3, -1, 0, 1, 2, false);
    }

    /**
     * Another framing against a model of its own rules (version, then length below the header, then
     * above the maximum; its 1-byte types reach no registered minimum): the decoder over the whole
     * input and over chunks must cut the same frames and break at the same place.
     */
    private static void checkFraming(final byte[] data, final FrameDecoder decoder, final int header,
                                     final int versionAt, final int version, final int lengthAt,
                                     final int lengthWidth, final boolean countsHeader) {
        final List<byte[]> expected = new ArrayList<>();
        ProtocolError expectedError = null;
        final ByteBuffer b = ByteBuffer.wrap(data);
        int at = 0;
        while (data.length - at >= header) {
            final long field = lengthWidth == 4 ? b.getInt(at + lengthAt) & 0xFFFF_FFFFL : b.getShort(at + lengthAt) & 0xFFFF;
            final long length = countsHeader ? field : field + header;
            if (versionAt >= 0 && (data[at + versionAt] & 0xFF) != version) {
                expectedError = ProtocolError.BAD_VERSION;
            } else if (length < header) {
                expectedError = ProtocolError.LENGTH_BELOW_HEADER;
            } else if (length > decoder.maxFrameLength()) {
                expectedError = ProtocolError.LENGTH_ABOVE_MAXIMUM;
            } else if (length > data.length - at) {
                break;
            } else {
                expected.add(Arrays.copyOfRange(data, at, at + (int) length));
                at += (int) length;
                continue;
            }
            break;
        }
        final List<byte[]> whole = new ArrayList<>();
        int n;
        at = 0;
        while ((n = decoder.check(b, at, data.length - at)) > 0) {
            whole.add(Arrays.copyOfRange(data, at, at + n));
            at += n;
        }
        assertSame(expectedError, decoder.error(), decoder.framing() + ": error of the whole pass");
        if (n == FrameDecoder.ERROR && expectedError == ProtocolError.BAD_VERSION) {
            assertTrue(decoder.errorMessage().contains(decoder.framing().name()), decoder.errorMessage());
        }
        final List<byte[]> chunked = new ArrayList<>();
        assertSame(expectedError, decodeChunked(data, decoder, chunked), decoder.framing() + ": chunked pass");
        assertEquals(expected.size(), whole.size(), decoder.framing() + ": frames of the whole pass");
        assertEquals(expected.size(), chunked.size(), decoder.framing() + ": frames of the chunked pass");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), whole.get(i), "frame " + i);
            assertArrayEquals(expected.get(i), chunked.get(i), "chunked frame " + i);
        }
    }

    private void check(final byte[] data, final FrameDecoder decoder, final IntUnaryOperator minimum) {
        final FramingModel.Scan model = FramingModel.scan(data, decoder.maxFrameLength(), minimum);
        final List<byte[]> whole = new ArrayList<>();
        final ProtocolError wholeError = decodeWhole(data, decoder, minimum, model, whole);
        final List<byte[]> chunked = new ArrayList<>();
        final ProtocolError chunkedError = decodeChunked(data, decoder, chunked);
        assertSame(model.error(), wholeError, "error of the whole pass");
        assertSame(wholeError, chunkedError, "the chunked pass must break where the whole pass does");
        assertEquals(whole.size(), chunked.size(), "frames of the chunked pass");
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i), chunked.get(i), "frame " + i + " of the chunked pass");
        }
    }

    /** The whole input at an odd offset of a direct buffer, decoded frame by frame. */
    private ProtocolError decodeWhole(final byte[] data, final FrameDecoder decoder, final IntUnaryOperator minimum,
                                      final FramingModel.Scan model, final List<byte[]> frames) {
        final ByteBuffer in = ByteBuffer.allocateDirect(data.length + 2 * OFFSET);
        in.put(OFFSET, data).limit(OFFSET + data.length);
        int at = OFFSET;
        while (true) {
            final int available = in.limit() - at;
            final int n = decoder.check(in, at, available);
            if (n > 0) {
                final int i = frames.size();
                assertTrue(i < model.frames(), "the decoder found more frames than the model");
                assertEquals(model.frameOffsets().get(i), at - OFFSET, "offset of frame " + i);
                assertEquals(model.frameLengths().get(i), n, "length of frame " + i);
                assertTrue(n >= Header.HEADER_LENGTH && n <= decoder.maxFrameLength() && n <= available,
                    "frame length " + n + " out of 8.." + decoder.maxFrameLength() + " or above " + available);
                assertNull(decoder.error());
                assertNull(decoder.errorMessage());
                assertEquals(n, decoder.frameLength());
                assertEquals(Header.typeAt(in, at), decoder.frameType());
                assertEquals(Header.idAt(in, at), decoder.frameId());
                assertTrue(n >= minimum.applyAsInt(decoder.frameType()), "frame shorter than its type needs");
                readEveryField(decoder.frameType(), decoder.frameId(), in, at, n);
                final byte[] frame = new byte[n];
                in.get(at, frame);
                frames.add(frame);
                at += n;
            } else if (n == FrameDecoder.NEED_MORE) {
                assertEquals(model.frames(), frames.size(), "frames before NEED_MORE");
                assertNull(model.error(), "NEED_MORE where the model sees " + model.error());
                assertEquals(model.trailing(), available, "bytes left at NEED_MORE");
                assertNull(decoder.error());
                assertNull(decoder.errorMessage());
                if (available >= Header.HEADER_LENGTH) {
                    assertTrue(decoder.frameLength() > available, "NEED_MORE with a whole frame present");
                } else {
                    assertEquals(-1, decoder.frameLength());
                }
                return null;
            } else if (n == FrameDecoder.ERROR) {
                assertEquals(model.frames(), frames.size(), "frames before the error");
                assertEquals(model.errorOffset(), at - OFFSET, "where the error is");
                assertNotNull(decoder.error(), "ERROR without error()");
                final String message = decoder.errorMessage();
                assertNotNull(message, "ERROR without errorMessage()");
                assertFalse(message.isEmpty());
                assertEquals(model.errorValue(), decoder.errorValue(), "errorValue");
                assertEquals(model.errorLimit(), decoder.errorLimit(), "errorLimit");
                return decoder.error();
            } else {
                return fail("check returned " + n);
            }
        }
    }

    /**
     * The input cut into pseudo-random chunks (derived from the input, so reproducible) and read
     * into a compacting buffer as large as the biggest frame, as a connection does.
     */
    private static ProtocolError decodeChunked(final byte[] data, final FrameDecoder decoder, final List<byte[]> frames) {
        final SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        final ByteBuffer in = ByteBuffer.allocate(decoder.maxFrameLength());
        int fed = 0;
        while (fed < data.length) {
            final int room = in.remaining();
            if (room == 0) {
                return fail("input buffer full without a whole frame: a reader would stop making progress");
            }
            final int wanted = random.nextBoolean() ? 1 + random.nextInt(16) : 1 + random.nextInt(data.length);
            final int chunk = Math.min(Math.min(room, data.length - fed), wanted);
            in.put(data, fed, chunk);
            fed += chunk;
            final int end = in.position();
            int at = 0;
            int n;
            while ((n = decoder.check(in, at, end - at)) > 0) {
                final byte[] frame = new byte[n];
                in.get(at, frame);
                frames.add(frame);
                at += n;
            }
            if (n == FrameDecoder.ERROR) {
                return decoder.error();
            }
            in.limit(end).position(at);
            in.compact();
        }
        return null;
    }

    private void readEveryField(final int type, final int id, final ByteBuffer in, final int at, final int length) {
        if (!MessageType.isBuiltIn(type)) {
            return;
        }
        assertTrue(length >= MessageType.fixedLength(type), "built-in frame shorter than its fixed length");
        switch (type) {
            case MessageType.ECHO_REQUEST, MessageType.ECHO_REPLY -> {
                echo.wrap(in, at);
                header(echo.version(), echo.type(), echo.id(), echo.length(), type, id, length);
                echo.dpTime();
                echo.bfddTime();
            }
            case MessageType.DP_ADD_SESSION, MessageType.DP_DELETE_SESSION -> {
                session.wrap(in, at);
                header(session.version(), session.type(), session.id(), session.length(), type, id, length);
                final int addressLength = session.addressLength();
                assertTrue(addressLength == 4 || addressLength == 16);
                assertEquals(addressLength, session.copySourceAddressTo(scratch, 0));
                assertEquals(addressLength, session.copyDestinationAddressTo(scratch, 0));
                assertEquals(addressLength, session.sourceInetAddress().getAddress().length);
                assertEquals(addressLength, session.destinationInetAddress().getAddress().length);
                session.flags();
                session.lid();
                unsigned32(session.minTx());
                unsigned32(session.minRx());
                unsigned32(session.minEchoTx());
                unsigned32(session.minEchoRx());
                unsigned32(session.holdTime());
                unsigned8(session.ttl());
                unsigned8(session.detectMult());
                session.ifindex();
                final int ifnameLength = session.ifnameLength();
                assertTrue(ifnameLength >= 0 && ifnameLength <= SessionMessage.IFNAME_FIELD_LENGTH);
                assertEquals(ifnameLength, session.copyIfnameTo(scratch, 0));
                assertNotNull(session.ifname());
            }
            case MessageType.BFD_STATE_CHANGE -> {
                stateChange.wrap(in, at);
                header(stateChange.version(), stateChange.type(), stateChange.id(), stateChange.length(), type, id,
                    length);
                stateChange.lid();
                stateChange.rid();
                stateChange.remoteFlags();
                unsigned32(stateChange.desiredTx());
                unsigned32(stateChange.requiredRx());
                unsigned32(stateChange.requiredEchoRx());
                unsigned8(stateChange.state());
                unsigned8(stateChange.diagnostics());
                unsigned8(stateChange.detectionMultiplier());
            }
            case MessageType.DP_REQUEST_SESSION_COUNTERS -> {
                countersRequest.wrap(in, at);
                header(countersRequest.version(), countersRequest.type(), countersRequest.id(),
                    countersRequest.length(), type, id, length);
                countersRequest.lid();
            }
            case MessageType.BFD_SESSION_COUNTERS -> {
                countersReply.wrap(in, at);
                header(countersReply.version(), countersReply.type(), countersReply.id(), countersReply.length(),
                    type, id, length);
                countersReply.lid();
                countersReply.controlInputBytes();
                countersReply.controlInputPackets();
                countersReply.controlOutputBytes();
                countersReply.controlOutputPackets();
                countersReply.echoInputBytes();
                countersReply.echoInputPackets();
                countersReply.echoOutputBytes();
                countersReply.echoOutputPackets();
            }
            default -> fail("built-in type " + type + " without a flyweight");
        }
    }

    private static void header(final int version, final int type, final int id, final int length,
                               final int expectedType, final int expectedId, final int expectedLength) {
        assertEquals(Header.VERSION, version, "version of a decoded frame");
        assertEquals(expectedType, type, "type read by the flyweight");
        assertEquals(expectedId, id, "id read by the flyweight");
        assertEquals(expectedLength, length, "length read by the flyweight");
    }

    private static void unsigned32(final long value) {
        assertTrue(value >= 0 && value <= 0xFFFF_FFFFL, "unsigned 32-bit field read as " + value);
    }

    private static void unsigned8(final int value) {
        assertTrue(value >= 0 && value <= 0xFF, "unsigned 8-bit field read as " + value);
    }
}
