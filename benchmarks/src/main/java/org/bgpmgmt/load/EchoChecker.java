package org.bgpmgmt.load;

import java.nio.ByteBuffer;

/**
 * Writes the ECHO_REQUESTs of one connection and checks its ECHO_REPLYs. Each request carries a
 * per-connection sequence number as its dp_time (the server must echo it unchanged) and, as its
 * id, the same number's low 16 bits with 0 skipped. Replies must come back in order: right type,
 * right length, right dp_time, and either the request's id or 0 (bfdd 8.4 always answers with id
 * 0; such replies are counted). Send times live in a ring of the window's size, so checking and
 * timing allocate nothing.
 */
final class EchoChecker {
    static final int ECHO_LENGTH = 24;
    private static final int VERSION = 1;
    private static final int ECHO_REQUEST = 0;
    private static final int ECHO_REPLY = 1;

    private final String name;
    private final long[] sentAt;
    private long nextToSend;
    private long nextExpected;
    long zeroIdReplies;

    EchoChecker(final String name, final int window) {
        this.name = name;
        this.sentAt = new long[window];
    }

    int inFlight() {
        return (int) (nextToSend - nextExpected);
    }

    long sent() {
        return nextToSend;
    }

    static int idOf(final long seq) {
        final int id = (int) (seq % 0xFFFF) + 1; // 1..65535, never 0
        return id;
    }

    /** Appends one ECHO_REQUEST to {@code out} and notes its send time. */
    void writeRequest(final ByteBuffer out, final long nowNanos) {
        final long seq = nextToSend++;
        sentAt[(int) (seq % sentAt.length)] = nowNanos;
        final int at = out.position();
        out.put(at, (byte) VERSION).put(at + 1, (byte) 0).putShort(at + 2, (short) ECHO_REQUEST)
            .putShort(at + 4, (short) idOf(seq)).putShort(at + 6, (short) ECHO_LENGTH)
            .putLong(at + 8, seq).putLong(at + 16, 0);
        out.position(at + ECHO_LENGTH);
    }

    /**
     * Checks the reply at {@code offset} and returns its round trip in nanoseconds.
     *
     * @throws LoadFailure naming what is wrong
     */
    long checkReply(final ByteBuffer in, final int offset, final long nowNanos) {
        final int version = in.get(offset) & 0xFF;
        final int type = in.getShort(offset + 2) & 0xFFFF;
        final int id = in.getShort(offset + 4) & 0xFFFF;
        final int length = in.getShort(offset + 6) & 0xFFFF;
        final long dpTime = in.getLong(offset + 8);
        final long seq = nextExpected;
        if (seq >= nextToSend) {
            throw new LoadFailure(name + ": a reply nobody asked for (type " + type + ", id " + id + ")");
        }
        if (version != VERSION || type != ECHO_REPLY || length != ECHO_LENGTH) {
            throw new LoadFailure(name + ": expected ECHO_REPLY v1 of 24 bytes for request " + seq + ", got version "
                + version + " type " + type + " length " + length);
        }
        if (dpTime != seq) {
            throw new LoadFailure(name + ": reply " + seq + " echoed dp_time " + dpTime + " (lost, reordered or altered)");
        }
        if (id != idOf(seq)) {
            if (id != 0) {
                throw new LoadFailure(name + ": reply " + seq + " carries id " + id + ", request had " + idOf(seq));
            }
            zeroIdReplies++;
        }
        nextExpected++;
        return nowNanos - sentAt[(int) (seq % sentAt.length)];
    }
}
