package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict UTF-8 for peer descriptions: a receiver must reject bytes that are not UTF-8 rather than
 * replace them, and a sender must not turn an unpaired surrogate into '?'. Thread-safe: stateless.
 */
final class Utf8Text {
    private Utf8Text() {
    }

    /** Decodes {@code bytes}, or throws IllegalArgumentException if they are not UTF-8. */
    static String decode(final byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("description is not valid UTF-8: " + Arrays.toString(bytes), e);
        }
    }

    /** Encodes {@code text}, or throws IllegalArgumentException for an unpaired surrogate. */
    static byte[] encode(final String text) {
        try {
            final ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("description has an unpaired surrogate: \"" + text + '"', e);
        }
    }
}
