package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.transport.Transport;
import org.bgpmgmt.wire.FrameDecoder;
import org.bgpmgmt.wire.MessageType;

/**
 * One connection (bfdd's {@code struct bfd_dplane_ctx}): the socket, bounded input and
 * output buffers, the {@link CatalogRow}s owed to it, the requests waiting for replies, and the
 * counters. What it learns goes out through one dispatcher, the context's.
 *
 * <p>It cuts the input into frames by the context's {@link org.bgpmgmt.wire.Framing} across partial
 * reads and hands each to the dispatcher; under bfddp's framing it first answers echoes and pairs
 * replies with their requests. The answers to one read leave in one write. A message is written in
 * place ({@link #reserve}, {@link #commit}) or owed by a row ({@link CatalogRow#owe()}); a write
 * task is kept only for what the socket did not take. An echo reply carries the request's id and
 * dp_time, and as bfdd_time the time its read batch was read: the wall clock is read once per
 * batch, so every reply of one batch carries the same bfdd_time.
 *
 * <p>Loop thread only, except {@link #peer()}, {@link #isUp()}, {@link #loop()} and {@link #echo()},
 * which any thread may call.
 */
public final class Connection {
    private final Dispatcher dispatcher;
    private final EventLoop loop;
    private final String contextName;
    private final ByteBuffer in;
    private final FrameDecoder decoder;
    private final Output output;
    private final RequestTable requests;
    private final ConnectionCounters counters;
    private final TaskHandle readTask;
    private final IdleTimer idle;
    private final Task read = this::read;
    private final boolean bfddp; // echoes answered and replies paired here: bfddp's alone
    private volatile boolean up;
    private volatile String peer = "-";
    private boolean reading;
    private long batchMicros; // EpochMicros when the current read batch was read: every echo's bfdd_time
    private int attachedRows; // over every catalog; CatalogRow.attach keeps it

    private final long callTimeoutNanos;

    Connection(final Dispatcher dispatcher, final EventLoop loop, final Settings s) {
        this.dispatcher = dispatcher;
        this.loop = loop;
        this.contextName = s.name;
        this.callTimeoutNanos = s.callTimeoutNanos;
        this.counters = new ConnectionCounters();
        this.in = ByteBuffer.allocateDirect(s.inputBufferSize);
        this.decoder = new FrameDecoder(s.framing, s.registry, s.maxFrameLength);
        this.bfddp = s.bfddp;
        this.output = new Output(this, loop, s, counters);
        this.requests = new RequestTable(loop, s.name, s.maxPendingRequests, s.requestTimeoutNanos);
        this.idle = new IdleTimer(this, dispatcher, loop, s, counters);
        this.readTask = new TaskHandle(s.name + "_read");
    }

    /** Takes a connected socket (plain, or TLS once handshaken) into use: empty buffers, reads, idle timer. */
    void open(final Transport transport, final String peerName) {
        assert loop.inLoop();
        peer = peerName;
        in.clear();
        output.open(transport);
        up = true;
        counters.opened++;
        output.armRead(read, readTask);
        idle.start();
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
     * Returns the loop that drives this connection. Any thread.
     *
     * @return the loop
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Reserves {@code length} bytes at the end of the output buffer, after every row already owed
     * here, and returns where they start in {@link #output()}; write the frame there with absolute
     * puts, then {@link #commit} it. When there is no room one synchronous flush is tried first, as
     * bfdd's enqueue does. Loop thread only.
     *
     * @param length the whole frame's length
     * @return the position, or -1 when the connection is down or still full (counted as an
     *     output-full event)
     */
    public int reserve(final int length) {
        requireLoop("reserve");
        return up ? output.reserve(length) : -1;
    }

    /**
     * Returns the output buffer to write a reserved frame into. Loop thread only.
     *
     * @return the buffer; only the reserved bytes may be written
     */
    public ByteBuffer output() {
        return output.buffer();
    }

    /**
     * Completes the frame written at the last reserved position and arranges for it to be sent.
     * Loop thread only.
     *
     * @param length the length given to {@link #reserve}
     */
    public void commit(final int length) {
        output.commit(length, !reading);
    }

    /**
     * Copies one whole frame (position to limit of {@code message}, left unchanged) into the output
     * buffer: {@link #reserve}, a copy, {@link #commit}. Loop thread only.
     *
     * @param message the whole frame, header included
     * @return false when the connection is down or the output buffer is full
     */
    public boolean enqueue(final ByteBuffer message) {
        final int length = message.remaining();
        final int at = reserve(length);
        if (at < 0) {
            return false;
        }
        output.buffer().put(at, message, message.position(), length);
        commit(length);
        return true;
    }

    /** Queues {@code row}; see {@link CatalogRow#owe()}. */
    boolean owe(final CatalogRow row) {
        assert loop.inLoop();
        return up && output.owe(row, !reading);
    }

    /** Writes what the socket accepts now and keeps one write task for the rest; never waits. Loop thread only. */
    public void flush() {
        requireLoop("flush");
        if (up) {
            output.flush();
        }
    }

    /**
     * Returns how many bytes the output buffer can take now. Loop thread only.
     *
     * @return free bytes in the output buffer
     */
    public int outputRemaining() {
        return output.buffer().remaining();
    }

    /**
     * Sends a request and completes with its reply: {@code writer} writes the frame, {@code
     * length} bytes with a fresh id (never 0), straight into the output buffer behind every row
     * owed here; when the buffer has no room now, the request waits in the queue of owed rows and is
     * written as soon as there is room. The first frame of type {@code replyType} carrying that id
     * is decoded by {@code decoder}, on the loop thread, into the future's value. Loop thread only.
     *
     * @param length the whole request frame's length
     * @param writer writes the frame with the id it is given
     * @param replyType the type of the reply
     * @param decoder turns the reply frame into the value; an exception fails the future
     * @param <T> the value's type
     * @return the value; fails with {@link RequestTimeoutException} after the request timeout from
     *     this call, {@link ConnectionClosedException} when the connection is or goes down, or at
     *     once with {@link IllegalStateException} when {@code maxPendingRequests} already wait (sent
     *     or not) or the framing is not bfddp's (no ids to pair), or {@link IllegalArgumentException}
     *     for a frame longer than the output buffer
     */
    public <T> CompletableFuture<T> request(final int length, final FrameWriter writer, final int replyType,
                                            final ReplyDecoder<T> decoder) {
        requireLoop("request");
        final CompletableFuture<T> result = new CompletableFuture<>();
        if (admit(result, length)) {
            final int at = output.reserve(length);
            final int id = requests.add(replyType, result, decoder);
            if (at >= 0) {
                writer.write(output.buffer(), at, id);
                commit(length);
            } else {
                OwedRequest.owe(this, length, writer, id, result);
            }
        }
        return result;
    }

    /**
     * Sends ECHO_REQUEST and completes with the round-trip time, measured on the loop's clock.
     * Any thread.
     *
     * @return the round trip in nanoseconds; fails as {@link #request(int, FrameWriter, int,
     *     ReplyDecoder)} does, but at once (IllegalStateException) when the output buffer is full
     */
    public CompletableFuture<Long> echo() {
        if (!loop.inLoop()) {
            return OnLoop.future(loop, "echo to " + peer, callTimeoutNanos, this::echo); // on the next turn
        }
        final CompletableFuture<Long> result = new CompletableFuture<>();
        final int at = admit(result, MessageType.ECHO_LENGTH) ? output.reserve(MessageType.ECHO_LENGTH) : -1;
        if (at >= 0) {
            requests.addEcho(result, output.buffer(), at);
            commit(MessageType.ECHO_LENGTH);
        } else if (!result.isDone()) { // a round trip is measured from the send: an echo never waits
            result.completeExceptionally(new IllegalStateException("echo to " + peer + ": output buffer full"));
        }
        return result;
    }

    /**
     * Closes this connection for a protocol error a message handler found (malformed content of
     * a catalog's type), as the frame check does for bfddp: one warning naming the peer and the
     * reason, the protocol-error counters, and a reconnect in client mode. Loop thread only.
     *
     * @param reason what was wrong, for the log
     */
    public void protocolError(final String reason) {
        requireLoop("protocolError");
        if (up) {
            counters.protocolErrors++;
            dispatcher.protocolError(this, reason);
        }
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

    /** Checks that the connection is up, the pending limit and the length; else fails {@code result}. */
    private boolean admit(final CompletableFuture<?> result, final int length) {
        if (!bfddp) {
            result.completeExceptionally(new IllegalStateException("request to " + peer + ": the "
                + decoder.framing().name() + " framing carries no request ids; only bfddp pairs replies"));
        } else if (!up) {
            result.completeExceptionally(new ConnectionClosedException("request to " + peer + ": not up"));
        } else if (requests.isFull()) {
            counters.refusedRequests++;
            result.completeExceptionally(new IllegalStateException("request to " + peer + ": " + requests.size()
                + " requests already wait for replies (maxPendingRequests)"));
        } else if (length > output.buffer().capacity()) {
            result.completeExceptionally(new IllegalArgumentException("request to " + peer + ": " + length
                + " bytes, more than the output buffer's " + output.buffer().capacity()));
        }
        return !result.isDone();
    }

    /** A row was attached (+1) or detached (-1); see {@link CatalogRow#attach}. */
    void attached(final int delta) {
        attachedRows += delta;
    }

    /** Rows attached, over every catalog: the load {@link Sockets#leastLoaded()} compares. */
    int attachedRows() {
        return attachedRows;
    }

    /** Counts a frame no handler took, as bfdd skips a type it does not know. */
    void unhandled() {
        counters.unknownMessages++;
    }

    /** Counts a handler that threw; the connection goes on. */
    void handlerFailed() {
        counters.handlerErrors++;
    }

    /** True while bytes or owed rows wait to be written. */
    boolean hasOutput() {
        return output.hasOutput();
    }

    ConnectionStats stats() {
        return counters.snapshot(peer, up, in.position(), output.buffer().position(), attachedRows, requests.size());
    }

    /** Drops what waits in the output buffer without sending it: for the enqueue benchmark only. */
    void discardOutput() {
        output.buffer().clear();
    }

    private void read(final TaskHandle self) {
        final int n = output.readInto(in);
        if (n < 0) {
            return; // lost, already closed
        }
        counters.inputBytes += n;
        idle.input();
        batchMicros = EpochMicros.now(); // once per batch: per echo, this read cost as much as the rest
        final int end = in.position();
        counters.inputBytesPeak = Math.max(counters.inputBytesPeak, end);
        int at = 0;
        int length;
        reading = true;
        try {
            while ((length = decoder.check(in, at, end - at)) > 0) {
                counters.inputMessages++;
                final int type = decoder.frameType();
                // Echoes, the bulk of the traffic, are answered here; the rest goes through handle.
                final boolean echo = bfddp && type == MessageType.ECHO_REQUEST;
                if (echo ? !output.echoReply(in, at, decoder.frameId(), batchMicros)
                    : !handle(type, decoder.frameId(), at, length) || !up) {
                    return; // a handler, a failed write or a malformed frame closed us
                }
                at += length;
            }
        } finally {
            reading = false;
        }
        if (length == FrameDecoder.ERROR) {
            protocolError(decoder.errorMessage());
            return;
        }
        compactInput(at, end);
        output.flushBatch();
        if (up) {
            output.armRead(read, self);
        }
    }

    /** One frame other than an echo request: awaited replies here, the rest to the dispatcher. False when closed. */
    private boolean handle(final int type, final int id, final int at, final int length) {
        try {
            if (!bfddp) {
                dispatcher.dispatch(this, type, in, at, length);
            } else if (!requests.answer(type, id, in, at, length)) {
                if (type == MessageType.ECHO_REPLY || type == MessageType.BFD_SESSION_COUNTERS) {
                    counters.unknownReplies++; // a reply nobody waits for: counted and dropped
                } else {
                    dispatcher.dispatch(this, type, in, at, length);
                }
            }
            return true;
        } catch (RuntimeException e) {
            // Content the frame check cannot see (found by fuzzing: an ifname with no NUL) closes
            // the connection like any other protocol error instead of ending the read task.
            protocolError("malformed " + (bfddp && type < MessageType.BUILT_IN_COUNT ? MessageType.name(type)
                : decoder.framing().name() + " type " + type)
                + ": " + e.getMessage());
            return false;
        }
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

    /** Closes after a failed read or write, the peer's close, or ({@code tls}) a TLS record failure. */
    void lost(final String reason, final boolean tls) {
        if (up && tls) {
            dispatcher.tlsFailed(this, reason); // counted and warned, as a handshake failure
        } else if (up) {
            dispatcher.lost(this, reason);
        }
    }

    /** Closes the socket, cancels this connection's tasks and fails its requests. */
    void close(final String reason) {
        if (!up) {
            return;
        }
        up = false;
        counters.closed++;
        loop.cancel(readTask);
        idle.cancel();
        output.close(contextName, peer);
        requests.failAll(peer, reason);
        dispatcher.closed(this);
    }

    private void requireLoop(final String method) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("Connection." + method + " must run on the loop thread of " + loop.name());
        }
    }
}
