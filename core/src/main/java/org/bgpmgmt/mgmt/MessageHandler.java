package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;

/**
 * Handles a message type a user registered in the context's
 * {@link org.bgpmgmt.wire.MessageRegistry}, or any type the library does not know when installed
 * with {@link BgpMgmtConfig#unknownTypeHandler}. Runs on the loop thread; the frame is valid only
 * during the call (it lives in the connection's input buffer), so wrap a flyweight over it and copy
 * out what must outlive the call.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one frame.
     *
     * @param connection the connection it arrived on; reply with {@link Connection#enqueue}
     * @param buffer the input buffer, big-endian
     * @param offset where the frame (header included) starts
     * @param length the frame's length, header included
     * @throws Exception any failure: logged, counted, and the connection goes on
     */
    void onMessage(Connection connection, ByteBuffer buffer, int offset, int length) throws Exception;
}
