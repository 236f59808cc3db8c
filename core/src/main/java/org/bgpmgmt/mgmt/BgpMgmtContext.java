package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.wire.BfdState;
import org.bgpmgmt.wire.MessageRegistry;
import org.bgpmgmt.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable BgpMgmt context, modeled on FRR bfdd's distributed data plane
 * ({@code bfdd/dplane.c}): one endpoint, server or client, speaking bfddp v1 in either role,
 * driven by one {@link EventLoop}.
 *
 * <p>Create it with {@link #listen} (server mode: one connection per accepted socket) or
 * {@link #connect} (client mode: reconnects with backoff and resyncs every session after each
 * connect). In the control-plane role, {@link #updateSession} and {@link #deleteSession} push
 * sessions and state reports come back to the {@link SessionListener}s; in the data-plane role,
 * sessions arrive at the listeners and {@link #reportState} answers them.
 *
 * <p>Thread safety: every public method may be called from any thread; calls from other threads
 * hop onto the loop (those that return a value wait for it). Listeners and handlers run on the loop
 * thread.
 */
public final class BgpMgmtContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpMgmtContext.class);

    private final EventLoop loop;
    private final BgpMgmtConfig config;
    private final String name;
    private final Role role;
    private final SessionTable table = new SessionTable(this);
    private final Acceptor acceptor;
    private final Connector connector;
    private final LoopCalls calls;
    private final ContextListeners listeners;
    private long protocolErrors;
    private long unknownSessions;
    private long idleCloses;
    private boolean closing;
    private volatile javax.management.ObjectName mbean;

    private BgpMgmtContext(final EventLoop loop, final BgpMgmtConfig config, final Endpoint listen,
                           final Endpoint connect) throws IOException {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.role = config.role();
        this.listeners = new ContextListeners(name);
        this.calls = new LoopCalls(loop, name);
        this.acceptor = listen == null ? null : new Acceptor(this, config, listen);
        this.connector = connect == null ? null : new Connector(this, config, connect);
    }

    /**
     * Starts a server: binds {@code endpoint} now (a unix socket file is created owner-only,
     * replacing a stale one) and accepts connections on {@code loop}. Any thread.
     *
     * @param loop the loop that drives the context
     * @param endpoint where to listen; TCP port 0 picks a free port (see {@link #endpoint()})
     * @param config the settings
     * @return the running context
     * @throws IOException when the address cannot be bound
     */
    public static BgpMgmtContext listen(final EventLoop loop, final Endpoint endpoint, final BgpMgmtConfig config)
        throws IOException {
        final BgpMgmtContext c = new BgpMgmtContext(loop, config, Objects.requireNonNull(endpoint, "endpoint"), null);
        c.runOnLoop(c.acceptor::start);
        return c;
    }

    /**
     * Starts a client: connects to {@code endpoint} on {@code loop} and keeps connecting after a
     * failure or loss. Any thread.
     *
     * @param loop the loop that drives the context
     * @param endpoint where to connect
     * @param config the settings
     * @return the running context
     */
    public static BgpMgmtContext connect(final EventLoop loop, final Endpoint endpoint, final BgpMgmtConfig config) {
        try {
            final BgpMgmtContext c = new BgpMgmtContext(loop, config, null, Objects.requireNonNull(endpoint, "endpoint"));
            c.runOnLoop(c.connector::start);
            return c;
        } catch (IOException e) {
            throw new IllegalStateException("a client context binds nothing", e);
        }
    }

    /**
     * Returns the event loop that runs this context's I/O, timers and listeners.
     *
     * @return the loop driving this context
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Returns the context's name, as given in its configuration.
     *
     * @return the name from the config
     */
    public String name() {
        return name;
    }

    /**
     * Returns the context's role, as given in its configuration.
     *
     * @return the role from the config
     */
    public Role role() {
        return role;
    }

    /**
     * Returns the endpoint a server listens on, with its real port, or the one a client connects to.
     *
     * @return where a server listens (with its real port) or a client connects
     */
    public Endpoint endpoint() {
        return acceptor != null ? acceptor.endpoint() : connector.endpoint();
    }

    /**
     * Adds a listener for session events; it runs on the loop thread. Sessions already in the
     * table are replayed to it at once, in the same loop step (data-plane role: each received
     * session; control-plane role: each reported state), so a listener added after the context
     * started misses nothing. Any thread.
     *
     * @param listener the listener
     */
        public void addListener(final SessionListener listener) {
        Objects.requireNonNull(listener, "listener");
        runOnLoop(() -> listeners.add(listener, table, role));
    }

    /**
     * Adds a listener for connections coming up and going down; it runs on the loop thread. A
     * connection already up when the listener is added is reported to it at once (on the loop).
     * Any thread.
     *
     * @param listener the listener
     */
    public void addConnectionListener(final ConnectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        runOnLoop(() -> listeners.add(listener, allConnections()));
    }

        /**
     * Registers this context's {@link BgpMgmtContextMXBean} in the platform MBean server as
     * {@code org.bgpmgmt:type=BgpMgmtContext,name=NAME}; {@link #close()} unregisters it. Opt-in,
     * one call. Any thread.
     *
     * @return the name it was registered under
     * @throws IllegalStateException when JMX refuses the registration
     */
    public javax.management.ObjectName registerMBean() {
        final javax.management.ObjectName on = MBeans.register(new ContextMBean(this), "BgpMgmtContext", name);
        mbean = on;
        return on;
    }

    // ---------------------------------------------------------------- control-plane role

    /**
     * Adds or updates a session and sends DP_ADD_SESSION to the connection it is attached to (the
     * least loaded one when it has none); a session with no connection is sent when one comes up.
     * Control-plane role. Any thread.
     *
     * @param session the session
     */
    public void updateSession(final BfdSession session) {
        requireRole(Role.CONTROL_PLANE, "updateSession");
        Objects.requireNonNull(session, "session");
        runOnLoop(() -> table.update(session));
    }

    /**
     * Deletes a session and sends DP_DELETE_SESSION to its connection. Control-plane role. Any
     * thread.
     *
     * @param lid the session's local discriminator
     * @return true if the session existed
     */
    public boolean deleteSession(final int lid) {
        requireRole(Role.CONTROL_PLANE, "deleteSession");
        return callOnLoop(() -> table.delete(lid));
    }

    /**
     * Asks the data plane of a session for its counters (the async form of bfdd's
     * {@code show bfd peers counters}). Control-plane role. Any thread.
     *
     * @param lid the session
     * @return the counters; fails with {@link RequestTimeoutException} after the request timeout,
     *     {@link ConnectionClosedException} when the session has no connection or it is lost, or
     *     {@link IllegalArgumentException} for an unknown lid
     */
    public CompletableFuture<SessionCounters> requestCounters(final int lid) {
        requireRole(Role.CONTROL_PLANE, "requestCounters");
        final CompletableFuture<SessionCounters> result = new CompletableFuture<>();
        runOnLoop(() -> {
            final Connection c = table.connectionOf(lid);
            if (table.state(lid) == null) {
                result.completeExceptionally(new IllegalArgumentException("no session with lid " + lid));
            } else if (c == null || !c.isUp()) {
                result.completeExceptionally(new ConnectionClosedException("session " + lid + " has no connection"));
            } else if (c.admitRequest(result, "counters of session " + lid)) {
                final int id = c.nextId();
                if (!c.codec.countersRequest(id, lid)) {
                    result.completeExceptionally(new IllegalStateException("output buffer to " + c.peer() + " is full"));
                    return;
                }
                c.pending.add(id, MessageType.BFD_SESSION_COUNTERS, "counters of session " + lid + " from " + c.peer())
                    .future.whenComplete((v, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete((SessionCounters) v);
                        }
                    });
            }
        });
        return result;
    }

    // ---------------------------------------------------------------- data-plane role

    /**
     * Reports a session's state to the control plane with BFD_STATE_CHANGE; reports made while
     * the connection is down are sent after it reconnects. Data-plane role. Any thread.
     *
     * @param state the state (lid, state, diagnostics, remote discriminator, remote timers)
     * @return false if no session with that lid was received
     */
    public boolean reportState(final SessionState state) {
        requireRole(Role.DATA_PLANE, "reportState");
        Objects.requireNonNull(state, "state");
        return callOnLoop(() -> table.report(state));
    }

    /**
     * Reports a session's state with no remote details. Data-plane role. Any thread.
     *
     * @param lid the session
     * @param state a {@link BfdState} value
     * @param diagnostics an RFC 5880 diagnostic code
     * @return false if no session with that lid was received
     */
    public boolean reportState(final int lid, final int state, final int diagnostics) {
        return reportState(new SessionState(lid, state, diagnostics, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    /**
     * Sets the counters the next DP_REQUEST_SESSION_COUNTERS for this session is answered with
     * (zeros until set). Data-plane role. Any thread.
     *
     * @param counters the counters, keyed by their lid
     * @return false if no session with that lid was received
     */
    public boolean updateCounters(final SessionCounters counters) {
        requireRole(Role.DATA_PLANE, "updateCounters");
        return callOnLoop(() -> table.updateCounters(counters));
    }

    // ---------------------------------------------------------------- both roles

    /**
     * Sends ECHO_REQUEST on the first connection that is up and completes with the round trip.
     * Any thread.
     *
     * @return the round-trip time in nanoseconds; fails when no connection is up or on timeout
     */
    public CompletableFuture<Long> echo() {
        final Connection c = callOnLoop(this::firstUpConnection);
        if (c == null) {
            return CompletableFuture.failedFuture(new ConnectionClosedException(name + ": no connection is up"));
        }
        return c.echo();
    }

    /**
     * Returns the sessions in the table, sorted by lid. Any thread.
     *
     * @return the sessions of the table, sorted by lid
     */
    public List<BfdSession> sessions() {
        return callOnLoop(table::sessions);
    }

    /**
     * Returns what was last reported for a session. Any thread.
     *
     * @param lid the session
     * @return the state, or null for an unknown lid
     */
    public SessionState sessionState(final int lid) {
        return callOnLoop(() -> table.state(lid));
    }

    /**
     * Returns the connections now open; a client's one connection is included even while down.
     * Any thread.
     *
     * @return an immutable list of the connections
     */
    public List<Connection> connections() {
        return callOnLoop(() -> List.copyOf(allConnections()));
    }

    /**
     * Returns a snapshot of every counter of the context and its connections. Any thread.
     *
     * @return the counters of the context and its connections
     */
    public ContextStats stats() {
        return callOnLoop(() -> {
            final List<ConnectionStats> conns = new ArrayList<>();
            for (Connection c : allConnections()) {
                conns.add(c.stats());
            }
            return new ContextStats(name, role, acceptor != null, endpoint().toString(), List.copyOf(conns),
                acceptor != null ? acceptor.accepted : 0, acceptor != null ? acceptor.rejected : 0,
                acceptor != null ? acceptor.refusedByCredentials : 0,
                connector != null ? connector.connectFailures : 0, protocolErrors, idleCloses, listeners.errors, unknownSessions,
                table.size());
        });
    }

    /**
     * Renders the counters of {@link #stats()} as text, in the manner of bfdd's
     * {@code show bfd distributed}. Any thread.
     *
     * @return the counters as text
     */
    public String showDistributed() {
        return DistributedView.render(stats());
    }

    /**
     * Flushes what is queued (waiting up to the close timeout), then closes every connection and
     * the listening socket, removes a unix socket file and cancels every task the context owns.
     * Idempotent; any thread. From another thread it returns when all of that is done; on the loop
     * thread it cannot wait, so it starts the same bounded drain and returns at once.
     */
    @Override
    public void close() {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            runOnLoop(() -> beginClose(done));
        } catch (RejectedExecutionException e) {
            finishClose(done); // the loop is gone: nothing runs concurrently any more
        }
        if (loop.inLoop()) {
            return;
        }
        try {
            done.get(config.closeTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            // A registered channel's descriptor is released only when the selector drops its key,
            // at the next select: wait for that turn, so a caller may bind the same port at once.
            callOnLoop(() -> null);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: loop stopped while closing", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: close did not complete: {}", name, e.toString());
        }
    }

    private void beginClose(final CompletableFuture<Void> done) {
        if (closing) {
            done.complete(null);
            return;
        }
        closing = true;
        if (connector != null) {
            connector.close();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        final long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        drainThenClose(done, deadline);
    }

    private void drainThenClose(final CompletableFuture<Void> done, final long deadline) {
        boolean drained = true;
        for (Connection c : List.copyOf(allConnections())) { // a failed flush removes its connection
            if (c.isUp() && (c.outputUsage() > 0 || !c.outbox.isEmpty() || listeners.owesOutput(c))) {
                c.flush();
                drained &= c.outputUsage() == 0 && c.outbox.isEmpty() && !listeners.owesOutput(c);
            }
        }
        if (drained || System.nanoTime() - deadline >= 0 || done.isDone()) {
            finishClose(done);
        } else {
            loop.addTimerMillis(5, Task.named(name + "_close_drain", self -> drainThenClose(done, deadline)),
                null, null);
        }
    }

    private void finishClose(final CompletableFuture<Void> done) {
        closing = true;
        MBeans.unregister(mbean);
        mbean = null;
        for (Connection c : List.copyOf(allConnections())) {
            c.close("context closed");
        }
        if (acceptor != null) {
            acceptor.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (!loop.isTerminated()) {
            loop.cancelByArg(this);
        }
        done.complete(null);
    }

    /**
     * Returns a one-line summary for logs: name, role, and the endpoint listened on or connected to.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "BgpMgmtContext[" + name + ", " + role + ", " + (acceptor != null ? "listen " : "connect ")
            + endpoint() + ']';
    }

    // ---------------------------------------------------------------- for the package (loop thread)

    SessionTable sessionTable() {
        return table;
    }

    MessageRegistry<MessageHandler> registry() {
        return config.registry();
    }

    MessageHandler unknownTypeHandler() {
        return config.unknownTypeHandler();
    }

    boolean isServer() {
        return acceptor != null;
    }

    private List<Connection> allConnections() {
        if (acceptor != null) {
            return acceptor.connections;
        }
        return List.of(connector.connection);
    }

    private Connection firstUpConnection() {
        for (Connection c : allConnections()) {
            if (c.isUp()) {
                return c;
            }
        }
        return null;
    }

    Connection leastLoadedConnection() {
        Connection best = null;
        for (Connection c : allConnections()) {
            if (c.isUp() && (best == null || c.attachedSessions < best.attachedSessions)) {
                best = c;
            }
        }
        return best;
    }

    void connectionOpened(final Connection c) {
        table.attachDetached(c);
        listeners.connectionUp(c);
        c.flush();
    }

    void connectionClosed(final Connection c) {
        table.detach(c);
        listeners.connectionDown(c);
        if (acceptor != null) {
            acceptor.closed(c);
        } else if (!closing) {
            connector.scheduleReconnect();
        }
    }

    void idleClosed(final Connection c, final long silentMillis) {
        idleCloses++;
        LOG.info("{}: closing {}: no input for {} ms (idleTimeout)", name, c.peer(), silentMillis);
        c.close("idle for " + silentMillis + " ms");
    }

    void outputDrained(final Connection c) {
        listeners.outputDrained(c);
    }

    void protocolError(final Connection c, final String reason) {
        protocolErrors++;
        LOG.warn("{}: protocol error from {}: {}; closing that connection", name, c.peer(), reason);
        c.close("protocol error: " + reason);
    }

    void unknownSession(final int lid) {
        unknownSessions++;
        LOG.debug("{}: state report for unknown session {}", name, Integer.toUnsignedString(lid));
    }

    void userMessage(final MessageHandler handler, final Connection c, final ByteBuffer in, final int offset,
                     final int length) {
        try {
            handler.onMessage(c, in, offset, length);
        } catch (Exception e) {
            c.counters.handlerErrors++;
            LOG.warn("{}: handler for type {} from {} failed", name, in.getShort(offset + 2) & 0xFFFF, c.peer(), e);
        }
    }

    void notifyStateChanged(final BfdSession session, final SessionState state) {
        listeners.stateChanged(session, state);
    }

    void notifySessionReceived(final BfdSession session, final boolean added) {
        listeners.sessionReceived(session, added);
    }

    void notifySessionDeleted(final BfdSession session) {
        listeners.sessionDeleted(session);
    }

    private void requireRole(final Role wanted, final String method) {
        if (role != wanted) {
            throw new IllegalStateException(method + " needs the " + wanted + " role; this context is " + role);
        }
    }

    /** Runs {@code work} on the loop: now if on it, else on the next turn. */
    void runOnLoop(final Runnable work) {
        calls.run(work);
    }

    /** Runs {@code work} on the loop and returns its result, waiting when called elsewhere. */
    <T> T callOnLoop(final Supplier<T> work) {
        return calls.call(work);
    }
}
