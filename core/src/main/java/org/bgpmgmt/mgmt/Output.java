package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import javax.net.ssl.SSLException;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.transport.Transport;
import org.bgpmgmt.wire.Header;
import org.bgpmgmt.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a {@link Connection}: the socket, the bounded output buffer, the queue of
 * rows owed to it, and the one write task (bfdd's {@code bfd_dplane_write} and {@code
 * bfd_dplane_enqueue}). Loop thread only.
 *
 * <p>Order: owed rows are encoded into the buffer in the order they were queued, and a reserved
 * message goes behind all of them, so a request a catalog sends follows the rows it owed first.
 * Room: a full buffer gets one synchronous flush, as bfdd's enqueue does; rows then wait, with no
 * timer, for the write task that runs when the socket takes bytes again.
 */
final class Output {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** An ECHO_REPLY header with id 0, as one big-endian long: version, zero, type, id, length. */
    private static final long ECHO_REPLY_HEADER =
        (long) Header.VERSION << 56 | (long) MessageType.ECHO_REPLY << 32 | MessageType.ECHO_LENGTH;

    private final Connection connection;
    private final EventLoop loop;
    private final ByteBuffer out;
    private final ArrayDeque<CatalogRow> owed = new ArrayDeque<>();
    private final ConnectionCounters counters;
    private final TaskHandle writeTask;
    private final Task write = this::writable;
    private Transport transport;

    Output(final Connection connection, final EventLoop loop, final Settings s, final ConnectionCounters counters) {
        this.connection = connection;
        this.loop = loop;
        this.counters = counters;
        this.out = ByteBuffer.allocateDirect(s.outputBufferSize);
        this.writeTask = new TaskHandle(s.name + "_write");
    }

    void open(final Transport over) {
        transport = over;
        out.clear();
    }

    SocketChannel channel() {
        return transport.channel();
    }

    Transport transport() {
        return transport;
    }

    ByteBuffer buffer() {
        return out;
    }

    boolean hasOutput() {
        return out.position() > 0 || !owed.isEmpty() || transport != null && transport.hasPendingOutput();
    }

    /** Waits for the socket, or reads on the next turn when TLS already holds input for us. */
    void armRead(final Task read, final TaskHandle handle) {
        if (transport.hasBufferedInput()) {
            loop.addEvent(read, connection, 0, handle);
        } else {
            loop.addRead(transport.channel(), read, connection, handle);
        }
    }

    /** Reads from the socket into {@code in}; -1 after a failure or the peer's close (then lost). */
    int readInto(final ByteBuffer in) {
        final int n;
        try {
            n = transport.read(in);
        } catch (SSLException e) {
            connection.lost(Transport.reason(e), true);
            return -1;
        } catch (IOException e) {
            connection.lost("read failed: " + e.getMessage(), false);
            return -1;
        }
        if (n < 0) {
            connection.lost("peer closed the connection", false);
        }
        return n;
    }

    /** Room for {@code length} bytes behind every owed row: the position, or -1 (counted). */
    int reserve(final int length) {
        if (encodeOwed() && out.remaining() >= length) {
            return out.position();
        }
        writeNow();
        if (connection.isUp() && owed.isEmpty() && out.remaining() >= length) {
            return out.position();
        }
        counters.outputFullEvents++;
        return -1;
    }

    /**
     * Room for {@code length} bytes now, ahead of rows still owed: for an echo reply, which no
     * row's order depends on and which would otherwise wait behind a whole resync.
     */
    int reserveAhead(final int length) {
        if (out.remaining() < length) {
            writeNow();
        }
        if (connection.isUp() && out.remaining() >= length) {
            return out.position();
        }
        counters.outputFullEvents++;
        return -1;
    }

    /**
     * Answers the ECHO_REQUEST with {@code id} at {@code at} in {@code in} ahead of owed rows: its
     * id and dp_time back, with {@code bfddMicros} as bfdd_time; dropped and counted as output-full
     * when no room. Returns false when the connection went down making room (a failed write).
     */
    boolean echoReply(final ByteBuffer in, final int at, final int id, final long bfddMicros) {
        int r = out.position();
        // Inside a read batch the connection is up; only making room (a write) can take it down.
        if (out.limit() - r < MessageType.ECHO_LENGTH && (r = reserveAhead(MessageType.ECHO_LENGTH)) < 0) {
            return connection.isUp();
        }
        // EchoMessage.writeReply's bytes without its argument checks, which hold here: both buffers
        // are ours and big-endian, the decoder saw the request's 24 bytes, and r has room for 24.
        out.putLong(r, ECHO_REPLY_HEADER | (long) id << 16);
        out.putLong(r + Header.HEADER_LENGTH, in.getLong(at + Header.HEADER_LENGTH));
        out.putLong(r + Header.HEADER_LENGTH + Long.BYTES, bfddMicros);
        commit(MessageType.ECHO_LENGTH, false);
        return true;
    }

    /** Completes a reserved message; {@code arm}: keep a write task for it (not inside a read batch). */
    void commit(final int length, final boolean arm) {
        out.position(out.position() + length);
        counters.outputMessages++;
        counters.outputBytesPeak = Math.max(counters.outputBytesPeak, out.position());
        if (arm) {
            armWrite();
        }
    }

    /** Queues {@code row} once; it is encoded when it reaches the head and the buffer has room. */
    boolean owe(final CatalogRow row, final boolean arm) {
        if (row.queuedOn != connection) {
            row.queuedOn = connection;
            owed.add(row);
        }
        if (arm) {
            armWrite();
        }
        return true;
    }

    void flush() {
        writeNow();
        if (hasOutput() && connection.isUp()) {
            armWrite();
        }
    }

    /** After a read batch: one write for all its answers, a write task only for the rest. */
    void flushBatch() {
        if (hasOutput()) {
            flush();
        }
    }

    /** Encodes owed rows while they fit; true when none is left. */
    private boolean encodeOwed() {
        CatalogRow row;
        while ((row = owed.peek()) != null) {
            if (row.queuedOn != connection || row.connection() != connection) {
                owed.poll(); // moved to another connection or detached since it was queued
                continue;
            }
            final int length = row.owedLength();
            if (length > out.capacity()) {
                owed.poll(); // it could never fit: refuse it rather than stall the queue behind it
                row.queuedOn = null;
                throw new IllegalStateException(row + " owes " + length + " bytes, more than the output buffer's "
                    + out.capacity());
            }
            if (length > out.remaining()) {
                return false;
            }
            owed.poll();
            row.queuedOn = null; // before writing: the row may owe again from writeOwed
            if (length > 0) {
                final int at = out.position();
                row.writeOwed(out, at);
                commit(length, false);
            }
        }
        return true;
    }

    private void writable(final TaskHandle self) {
        flush();
    }

    /** Writes what the socket takes, refilling from the owed rows while it drains. */
    private void writeNow() {
        while (connection.isUp()) {
            final boolean allEncoded = encodeOwed();
            if (out.position() == 0 && !transport.hasPendingOutput()) {
                return;
            }
            out.flip();
            final int n;
            try {
                n = transport.write(out); // with TLS, 0 also when only records were flushed
            } catch (SSLException e) {
                out.clear();
                connection.lost(Transport.reason(e), true);
                return;
            } catch (IOException e) {
                out.clear();
                connection.lost("write failed: " + e.getMessage(), false);
                return;
            }
            counters.outputBytes += n;
            out.compact();
            if (n == 0 || transport.hasPendingOutput() || allEncoded && out.position() > 0
                || owed.isEmpty() && out.position() == 0) {
                return; // the socket is full (the write task takes it from here), or all is sent
            }
        }
    }

    private void armWrite() {
        if (!writeTask.isScheduled() && connection.isUp()) {
            loop.addWrite(transport.channel(), write, this, writeTask);
        }
    }

    /** Closes the socket and forgets what was owed; the rows stay attached for their catalog. */
    void close(final String contextName, final String peer) {
        loop.cancel(writeTask);
        transport.closing(); // TLS: close_notify, if the socket takes it now
        try {
            transport.channel().close();
        } catch (IOException e) {
            LOG.debug("{}: closing {} failed", contextName, peer, e);
        }
        for (CatalogRow row : owed) {
            if (row.queuedOn == connection) {
                row.queuedOn = null;
            }
        }
        owed.clear();
        out.clear();
    }
}
