package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;

/**
 * Writes one whole request frame, header included, straight into a connection's output buffer;
 * see {@link Connection#request(int, FrameWriter, int, ReplyDecoder)}. Loop thread only.
 */
@FunctionalInterface
public interface FrameWriter {
    /**
     * Writes the frame at {@code at}, exactly as many bytes as were reserved for it. Loop thread only.
     *
     * @param out the output buffer, big-endian; write with absolute puts only
     * @param at where the frame starts
     * @param id the request id to put in the header, never 0
     */
    void write(ByteBuffer out, int at, int id);
}
