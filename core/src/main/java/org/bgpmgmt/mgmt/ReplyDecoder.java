package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;

/**
 * Turns a reply frame into the value its request's future completes with; see
 * {@link Connection#request}. Runs on the loop thread while the frame is in the input buffer, so it
 * must copy what it keeps.
 *
 * @param <T> the reply value
 */
@FunctionalInterface
public interface ReplyDecoder<T> {
    /**
     * Decodes one reply.
     *
     * @param buffer the input buffer, big-endian
     * @param offset where the frame (header included) starts
     * @param length the frame's length
     * @return the value the request completes with
     */
    T decode(ByteBuffer buffer, int offset, int length);
}
