package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.wire.FrameDecoder;
import org.bgpmgmt.wire.Header;
import org.bgpmgmt.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bfddp connection (bfdd's {@code struct bfd_dplane_ctx}): the socket, bounded input and
 * output buffers, the read and write tasks, the request ids and pending replies, and the counters.
 *
 * <p>Reading frames by the header length across partial reads and takes every whole frame of one
 * read before replying; the replies of that batch leave in one write, tried at once, and a write
 * task is kept only for what the socket did not take. A protocol error closes this connection
 * only, with one warning naming the peer and the reason.
 *
 * <p>Public methods: any thread (off-loop calls hop onto the loop). Everything else: loop thread.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    final BgpMgmtContext context;
    final EventLoop loop;
    private final ByteBuffer in;
    private final ByteBuffer out;
    private final FrameDecoder decoder;
    private final IdAllocator ids = new IdAllocator();
    final PendingRequests pending;
    final ArrayDeque<SessionEntry> outbox = new ArrayDeque<>();
    final MessageCodec codec;
    final ConnectionCounters counters = new ConnectionCounters();
    private final TaskHandle readTask;
    private final TaskHandle writeTask;
    private final Task read = this::read;
    private final Task write = this::writable;
    private final Task idleCheck = this::idleCheck;
    private final long idleTimeoutNanos;
    private final TaskHandle idleTimer;
    private long lastInputNanos;
    private final int maxPendingRequests;
    private SocketChannel channel;
    private String peer = "-";
    private boolean up;
    private boolean batching;
    private boolean refused;
    private long lastEchoTime;
    int attachedSessions;

    Connection(final BgpMgmtContext context, final BgpMgmtConfig config) {
        this.context = context;
        this.loop = context.loop();
        this.in = ByteBuffer.allocateDirect(config.inputBufferSize());
        this.out = ByteBuffer.allocateDirect(config.outputBufferSize());
        this.decoder = new FrameDecoder(config.registry(), config.maxFrameLength());
        this.idleTimeoutNanos = config.idleTimeoutMillis() * 1_000_000L;
        this.maxPendingRequests = config.maxPendingRequests();
        this.idleTimer = new TaskHandle(config.name() + "_idle");
        this.pending = new PendingRequests(loop, config.requestTimeoutMillis());
        this.codec = new MessageCodec(this, out);
        this.readTask = new TaskHandle(config.name() + "_read");
        this.writeTask = new TaskHandle(config.name() + "_write");
    }

    /** Takes a connected socket into use: fresh buffers and ids, first read task. */
    void open(final SocketChannel socket, final String peerName) {
        assert loop.inLoop();
        channel = socket;
        peer = peerName;
        in.clear();
        out.clear();
        ids.reset();
        up = true;
        counters.opened++;
        loop.addRead(socket, read, this, readTask);
        if (idleTimeoutNanos > 0) {
            lastInputNanos = loop.clock().nanoTime();
            loop.addTimerMillis(idleTimeoutNanos / 1_000_000, idleCheck, this, idleTimer);
        }
    }

    /**
     * Tells whether the connection is up: connected and not yet closed or lost. Any thread.
     *
     * @return true while up
     */
    public boolean isUp() {
        return up;
    }

    /**
     * Returns the peer's address as text. Any thread.
     *
     * @return the remote address, or "-" before the first connect
     */
    public String peer() {
        return peer;
    }

    /**
     * Copies one encoded message (position to limit of {@code message}, left unchanged) into the
     * output buffer and makes sure a write task will send it. Any thread.
     *
     * @param message the whole frame, header included
     * @return true if queued; false when the connection is not up or the output buffer lacks room
     *     even after one attempt to flush (counted as an output-full event)
     */
    public boolean enqueue(final ByteBuffer message) {
        if (!loop.inLoop()) {
            final ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message.duplicate()).flip();
            return context.callOnLoop(() -> enqueue(copy));
        }
        final int length = message.remaining();
        final int at = reserve(length);
        if (at < 0) {
            return false;
        }
        out.put(at, message, message.position(), length);
        commit(length);
        return true;
    }

    /**
     * Writes what the socket accepts now and keeps one write task for the rest; never waits and
     * never spins on a full socket. Any thread.
     */
    public void flush() {
        if (!loop.inLoop()) {
            context.runOnLoop(this::flush);
            return;
        }
        if (up) {
            writeNow();
            if (out.position() > 0 || !outbox.isEmpty()) {
                loop.addWrite(channel, write, this, writeTask);
            }
        }
    }

    /**
     * Sends ECHO_REQUEST and completes with the round-trip time when the ECHO_REPLY with its id
     * comes back. Any thread.
     *
     * @return the round trip in nanoseconds; fails with {@link ConnectionClosedException},
     *     {@link RequestTimeoutException}, or {@link IllegalStateException} when the output
     *     buffer is full
     */
    public CompletableFuture<Long> echo() {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        context.runOnLoop(() -> {
            if (!up) {
                result.completeExceptionally(new ConnectionClosedException("echo: connection to " + peer + " is not up"));
                return;
            }
            if (!admitRequest(result, "echo")) {
                return;
            }
            final int id = ids.next();
            final long dpTime = Math.max(EpochMicros.now(), lastEchoTime + 1); // unique: bfdd replies with id 0
            lastEchoTime = dpTime;
            if (!codec.echoRequest(id, dpTime)) {
                result.completeExceptionally(new IllegalStateException("echo: output buffer to " + peer + " is full"));
                return;
            }
            final PendingRequests.Pending p = pending.add(id, MessageType.ECHO_REPLY, "echo to " + peer);
            p.echoTime = dpTime;
            p.future.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(System.nanoTime() - p.sentNanos);
                }
            });
        });
        return result;
    }

    /**
     * Refuses a new request when {@code maxPendingRequests} already wait on this connection:
     * fails {@code result}, counts it, and returns false. Loop thread.
     */
    boolean admitRequest(final CompletableFuture<?> result, final String what) {
        if (pending.size() < maxPendingRequests) {
            return true;
        }
        counters.refusedRequests++;
        result.completeExceptionally(new IllegalStateException(what + ": " + pending.size()
            + " requests already wait for replies from " + peer + " (maxPendingRequests)"));
        return false;
    }

    /**
     * Closes this connection for a protocol error found by a message handler (malformed content
     * of a user's message type), exactly as the frame check does for bfddp: one warning naming
     * the peer and the reason, the protocol-error counters, and a reconnect in client mode. Any
     * thread.
     *
     * @param reason what was wrong, for the log
     */
    public void protocolError(final String reason) {
        context.runOnLoop(() -> {
            if (up) {
                counters.protocolErrors++;
                context.protocolError(this, reason);
            }
        });
    }

    /**
     * Returns the loop that drives this connection. Any thread.
     *
     * @return the loop
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Returns how many bytes the output buffer can take now. Loop thread only.
     *
     * @return free bytes in the output buffer
     */
    public int outputRemaining() {
        return out.remaining();
    }

    /** A fresh request id, never 0. Loop thread. */
    int nextId() {
        return ids.next();
    }

    /**
     * Sends a request of a message type of the user's own and completes with its reply: the frame
     * gets a fresh id (bytes 4-5 of the header, never 0) and is enqueued; the first frame of type
     * {@code replyType} carrying that id is decoded by {@code decoder}, on the loop thread, into
     * the future's value. Fails with {@link RequestTimeoutException} after the request timeout,
     * {@link ConnectionClosedException} when the connection goes, or {@link IllegalStateException}
     * when the output buffer is full. Any thread.
     *
     * @param frame the whole request frame, header included (its id bytes are overwritten; the
     *     caller's buffer is left unchanged)
     * @param replyType the type of the reply
     * @param decoder turns the reply frame into the value
     * @param <T> the value's type
     * @return the reply's value
     */
    public <T> CompletableFuture<T> request(final ByteBuffer frame, final int replyType, final ReplyDecoder<T> decoder) {
        final ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
        final CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnLoop(() -> {
            if (!up) {
                result.completeExceptionally(new ConnectionClosedException("request to " + peer + ": not up"));
                return;
            }
            if (!admitRequest(result, "request")) {
                return;
            }
            final int id = ids.next();
            copy.putShort(4, (short) id);
            final int type = copy.getShort(2) & 0xFFFF;
            if (!enqueue(copy)) {
                result.completeExceptionally(new IllegalStateException("request to " + peer + ": output buffer full"));
                return;
            }
            final PendingRequests.Pending p = pending.add(id, replyType, "request of type " + type + " to " + peer);
            p.decoder = decoder;
            p.future.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    @SuppressWarnings("unchecked")
                    final T t = (T) value;
                    result.complete(t);
                }
            });
        });
        return result;
    }

    /**
     * Reserves {@code length} bytes at the end of the output buffer and returns where they start,
     * or -1 when the connection is down or full (then one synchronous flush is tried first, as
     * bfdd's enqueue does, and a still-full buffer counts one output-full event).
     */
    int reserve(final int length) {
        if (!up) {
            return -1;
        }
        if (out.remaining() < length) {
            writeNow();
            if (out.remaining() < length) {
                counters.outputFullEvents++;
                refused = true;
                return -1;
            }
        }
        return out.position();
    }

    /** Completes a message written at the reserved position and arranges for it to be sent. */
    void commit(final int length) {
        commitQuiet(length);
        if (!batching && !writeTask.isScheduled()) {
            loop.addWrite(channel, write, this, writeTask);
        }
    }

    /** Room for {@code length} more bytes, without flushing: the outbox waits for the socket. */
    int tryReserve(final int length) {
        return out.remaining() < length ? -1 : out.position();
    }

    /** Completes a message written by the outbox drain, which is already inside a write. */
    void commitQuiet(final int length) {
        out.position(out.position() + length);
        counters.outputMessages++;
        if (out.position() > counters.outputBytesPeak) {
            counters.outputBytesPeak = out.position();
        }
    }

    /** Queues a session row on this connection's outbox; the row says which message it owes. */
    void owe(final SessionEntry entry) {
        if (!entry.queued) {
            entry.queued = true;
            outbox.add(entry);
        }
        if (!batching && up && !writeTask.isScheduled()) {
            loop.addWrite(channel, write, this, writeTask);
        }
    }

    private void read(final TaskHandle self) {
        final int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            lost("read failed: " + e.getMessage());
            return;
        }
        if (n < 0) {
            lost("peer closed the connection");
            return;
        }
        counters.inputBytes += n;
        if (idleTimeoutNanos > 0) {
            lastInputNanos = loop.clock().nanoTime();
        }
        final int end = in.position();
        if (end > counters.inputBytesPeak) {
            counters.inputBytesPeak = end;
        }
        int at = 0;
        batching = true;
        try {
            int length;
            while ((length = decoder.check(in, at, end - at)) > 0) {
                counters.inputMessages++;
                try {
                    codec.dispatch(decoder.frameType(), decoder.frameId(), in, at, length);
                } catch (RuntimeException e) {
                    // Content the frame check cannot see (found by fuzzing: an ifname with no NUL).
                    // Without this the read task would end without re-adding itself and the
                    // connection would hang; instead it closes like any other protocol error.
                    counters.protocolErrors++;
                    context.protocolError(this, "malformed " + MessageType.name(decoder.frameType()) + ": "
                        + e.getMessage());
                    return;
                }
                if (!up) {
                    return; // a handler closed us
                }
                at += length;
            }
            if (length == FrameDecoder.ERROR) {
                counters.protocolErrors++;
                context.protocolError(this, decoder.errorMessage());
                return;
            }
        } finally {
            batching = false;
        }
        compactInput(at, end);
        flushBatch();
        loop.addRead(channel, read, this, self);
    }

    /** Keeps the partial frame after {@code from}, moved to the start of the buffer. */
    private void compactInput(final int from, final int end) {
        if (from == end) {
            in.clear();
        } else if (from > 0) {
            in.limit(end).position(from);
            in.compact();
        }
    }

    /** After a read batch: one write for all its replies, a write task only for the rest. */
    private void flushBatch() {
        if (out.position() == 0 && outbox.isEmpty()) {
            return;
        }
        writeNow();
        if ((out.position() > 0 || !outbox.isEmpty()) && up) {
            loop.addWrite(channel, write, this, writeTask);
        }
    }

    private void writable(final TaskHandle self) {
        writeNow();
        if (up && (out.position() > 0 || !outbox.isEmpty())) {
            loop.addWrite(channel, write, this, self);
        }
    }

    /** Writes what the socket takes, refilling from the outbox while it drains. */
    private void writeNow() {
        while (up) {
            codec.drainOutbox();
            if (out.position() == 0) {
                return;
            }
            out.flip();
            final int n;
            try {
                n = channel.write(out);
            } catch (IOException e) {
                out.clear();
                lost("write failed: " + e.getMessage());
                return;
            }
            counters.outputBytes += n;
            out.compact();
            if (refused && out.position() == 0) {
                refused = false;
                context.outputDrained(this); // a catalog may fill the buffer again; the loop goes on
                continue;
            }
            if (n == 0 || outbox.isEmpty()) {
                return; // all sent, or the socket is full and the write task takes it from here
            }
        }
    }

    /**
     * The idle timer: one timer per connection, not one per read. It re-arms for the rest of the
     * timeout counted from the last input, and closes the connection once it has been silent
     * for the whole timeout.
     */
    private void idleCheck(final TaskHandle self) {
        final long silent = loop.clock().nanoTime() - lastInputNanos;
        if (silent >= idleTimeoutNanos) {
            counters.idleCloses++;
            context.idleClosed(this, silent / 1_000_000);
            return;
        }
        loop.addTimerMillis((idleTimeoutNanos - silent + 999_999) / 1_000_000, idleCheck, this, self);
    }

    /** Closes after a failure or a peer's close; the context decides about reconnecting. */
    void lost(final String reason) {
        if (!up) {
            return;
        }
        if (context.isServer()) {
            LOG.debug("{}: connection from {} lost: {}", context.name(), peer, reason); // peers come and go
        } else {
            LOG.info("{}: connection to {} lost: {}", context.name(), peer, reason);
        }
        close(reason);
    }

    /** Closes the socket, cancels this connection's tasks and fails its pending requests. */
    void close(final String reason) {
        if (!up) {
            return;
        }
        up = false;
        counters.closed++;
        loop.cancel(readTask);
        loop.cancel(writeTask);
        loop.cancel(idleTimer);
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("{}: closing {} failed", context.name(), peer, e);
        }
        pending.failAll("connection to " + peer + " closed: " + reason);
        for (SessionEntry e : outbox) {
            e.queued = false;
        }
        outbox.clear();
        context.connectionClosed(this);
    }

    /**
     * Drops what waits in the output buffer without sending it. For benchmarks that measure
     * {@link #enqueue} alone; never called by the library.
     */
    void discardOutput() {
        out.clear();
    }

    /** Bytes waiting in the output buffer. */
    int outputUsage() {
        return out.position();
    }

    /** Bytes of a partial frame waiting in the input buffer. */
    int inputUsage() {
        return in.position();
    }

    SocketChannel channel() {
        return channel;
    }

    ConnectionStats stats() {
        return counters.snapshot(peer, up, inputUsage(), outputUsage(), attachedSessions, pending.size());
    }

    /**
     * Returns {@code "Connection[peer, up]"} or {@code "Connection[peer, down]"} for logs.
     *
     * @return the peer and whether the connection is up
     */
    @Override
    public String toString() {
        return "Connection[" + peer + (up ? ", up]" : ", down]");
    }
}
