package org.bgpmgmt.mgmt;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.wire.BfdState;

/**
 * The embeddable BgpMgmt context, modeled on FRR bfdd's distributed data plane
 * ({@code bfdd/dplane.c}): one endpoint, server or client, speaking bfddp v1 in either role,
 * driven by one {@link EventLoop}.
 *
 * <p><b>Configure, then start.</b> {@link #server} and {@link #client} build a context from a
 * snapshot of the config and touch no socket; add listeners and {@link Catalog}s, then {@link
 * #start()} binds (server: one connection per accepted socket) or makes the first connect attempt
 * (client: reconnects with backoff, and every catalog resyncs after each connect). Nothing can be
 * added after start, so nothing is ever replayed.
 *
 * <p>A control plane pushes BFD sessions ({@link #updateSession}) and hears their state from its
 * {@link SessionListener}s; a data plane hears sessions arrive and answers with {@link
 * #reportState}. The sessions are the context's built-in catalog, added before any other.
 *
 * <p><b>Threads.</b> Any thread, except where a method says "loop thread only". A method that
 * returns a value runs at once on the loop thread, else waits for the loop at most the config's
 * {@code callTimeout}, and refuses to wait on another loop's thread ({@link IllegalStateException}
 * naming the call). Listeners and catalogs run on the loop thread. <b>Figure reads</b> ({@link #stats}, {@link
 * #sessions}, {@link #sessionState}, {@link #connections}, {@link #showDistributed}) never wait on a stuck loop:
 * off the loop they are {@link org.bgpmgmt.event.LoopSnapshot} reads, as of the loop's next turn, or of before a
 * stall past 50 ms.
 *
 * <p><b>Close.</b> {@link #close()} flushes within the close timeout, then closes. Closing the
 * context and its loop is harmless in either order: once the loop has terminated, {@code close()}
 * releases the sockets on the caller's thread.
 */
public final class BgpMgmtContext implements AutoCloseable {
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int CLOSED = 2;

    private final EventLoop loop;
    private final Settings settings;
    private final Role role;
    private final ContextListeners listeners;
    private final Dispatch dispatch;
    private final BfdSessions sessions;
    private final Sockets sockets;
    private final ContextClose closer;
    final ContextFigures figures; // package-private for SessionStates
    private final AtomicInteger state = new AtomicInteger(NEW);

    private BgpMgmtContext(final EventLoop loop, final BgpMgmtConfig config, final Endpoint listen,
                           final Endpoint connect) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = new Settings(Objects.requireNonNull(config, "config"));
        this.role = settings.role;
        this.listeners = new ContextListeners(settings.name);
        this.dispatch = new Dispatch(settings, listeners);
        this.sockets = new Sockets(dispatch, loop, settings, listen, connect);
        this.closer = new ContextClose(loop, settings, dispatch, sockets);
        this.sessions = new BfdSessions(role, listeners);
        if (settings.bfddp) {
            addCatalog(sessions); // another framing carries no BFD: its types are the user's catalogs'
        }
        this.figures = new ContextFigures(this, loop, () -> sockets.stats(settings, dispatch, listeners, sessions),
            sessions::sessions, () -> List.copyOf(sockets.connections()), sessions::states);
    }

    /**
     * Returns a server context that will listen on {@code endpoint} once {@link #start()}ed; binds
     * nothing yet. Any thread.
     *
     * @param loop the loop that drives the context
     * @param endpoint where to listen; TCP port 0 picks a free port at start (see {@link #endpoint()})
     * @param config the settings, copied now
     * @return the context, not started
     */
    public static BgpMgmtContext server(final EventLoop loop, final Endpoint endpoint, final BgpMgmtConfig config) {
        return new BgpMgmtContext(loop, config, Objects.requireNonNull(endpoint, "endpoint"), null);
    }

    /**
     * Returns a client context that will connect to {@code endpoint} once {@link #start()}ed, and
     * keep connecting after a failure or loss; connects nothing yet. Any thread.
     *
     * @param loop the loop that drives the context
     * @param endpoint where to connect
     * @param config the settings, copied now
     * @return the context, not started
     */
    public static BgpMgmtContext client(final EventLoop loop, final Endpoint endpoint, final BgpMgmtConfig config) {
        return new BgpMgmtContext(loop, config, null, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * Adds a listener for session events, run on the loop thread. Any thread, before {@link #start()}.
     *
     * @param listener the listener
     * @return this context
     * @throws IllegalStateException once started
     */
    public synchronized BgpMgmtContext addListener(final SessionListener listener) {
        requireNew("addListener");
        listeners.add(listener);
        return this;
    }

    /**
     * Adds a listener for connections coming up and going down, run on the loop thread after the
     * catalogs heard it. Any thread, before {@link #start()}.
     *
     * @param listener the listener
     * @return this context
     * @throws IllegalStateException once started
     */
    public synchronized BgpMgmtContext addConnectionListener(final ConnectionListener listener) {
        requireNew("addConnectionListener");
        listeners.add(listener);
        return this;
    }

    /**
     * Adds a catalog: it registers its message types now, and hears every connection come up and
     * go down after the catalogs added before it. Any thread, before {@link #start()}.
     *
     * @param catalog the catalog
     * @return this context
     * @throws IllegalStateException once started
     * @throws IllegalArgumentException if one of its types is taken
     */
    public synchronized BgpMgmtContext addCatalog(final Catalog catalog) {
        requireNew("addCatalog");
        Objects.requireNonNull(catalog, "catalog").register(dispatch.types(this));
        listeners.add(catalog);
        return this;
    }

    /**
     * Starts the context: the first moment a socket is touched. A server binds (a unix socket file
     * is created owner-only, replacing a stale one) and accepts; a client makes its first connect
     * attempt. Any thread.
     *
     * @return completes with {@link #endpoint()} when bound or when the first attempt is made;
     *     fails with the bind's {@link java.io.IOException}, or when the loop has stopped
     * @throws IllegalStateException when started or closed before
     */
    public synchronized CompletableFuture<Endpoint> start() {
        if (!state.compareAndSet(NEW, STARTED)) {
            throw new IllegalStateException("start: " + this + " was already started or closed");
        }
        return OnLoop.future(loop, () -> {
            if (state.get() == CLOSED) { // a close() that raced this start ran first on the loop
                throw new IllegalStateException("start: " + this + " was closed before it started");
            }
            return CompletableFuture.completedFuture(figures.prime(sockets.start()));
        });
    }

    /**
     * Returns the event loop that runs this context's I/O, timers, listeners and catalogs. Any thread.
     *
     * @return the loop driving this context
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Returns the context's name, as given in its configuration. Any thread.
     *
     * @return the name from the config
     */
    public String name() {
        return settings.name;
    }

    /**
     * Returns the context's role, as given in its configuration. Any thread.
     *
     * @return the role from the config
     */
    public Role role() {
        return role;
    }

    /**
     * Returns the endpoint a server listens on (with its real port once bound), or the one a
     * client connects to. Any thread.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return sockets.endpoint();
    }

    /**
     * Registers this context's {@link BgpMgmtContextMXBean} in the platform MBean server as
     * {@code org.bgpmgmt:type=BgpMgmtContext,name=NAME}; {@link #close()} unregisters it. Any thread.
     *
     * @return the name it was registered under
     * @throws IllegalStateException when JMX refuses the registration
     */
    public javax.management.ObjectName registerMBean() {
        return closer.mbean(MBeans.register(new ContextMBean(this), "BgpMgmtContext", settings.name));
    }

    /**
     * Adds or updates a session and owes DP_ADD_SESSION to the connection it is attached to (the
     * least loaded one when it has none); a session with no connection is sent when one comes up,
     * so sessions added before {@link #start()} form the first resync. Control-plane role. Any
     * thread: off the loop it takes effect on the next turn.
     *
     * @param session the session
     */
    public void updateSession(final BfdSession session) {
        requireSessions(Role.CONTROL_PLANE, "updateSession");
        Objects.requireNonNull(session, "session");
        OnLoop.run(loop, () -> sessions.update(session));
    }

    /**
     * Deletes a session and owes DP_DELETE_SESSION to its connection. Control-plane role. Any
     * thread, waiting as the class describes.
     *
     * @param lid the session's local discriminator
     * @return true if the session existed
     */
    public boolean deleteSession(final int lid) {
        requireSessions(Role.CONTROL_PLANE, "deleteSession");
        return await("BgpMgmtContext.deleteSession", () -> sessions.delete(lid));
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
        requireSessions(Role.CONTROL_PLANE, "requestCounters");
        return OnLoop.future(loop, () -> sessions.requestCounters(lid));
    }

    /**
     * Reports a session's state to the control plane with BFD_STATE_CHANGE; a report made while
     * the connection is down is sent after it reconnects. Data-plane role. Any thread, waiting as
     * the class describes.
     *
     * @param state the state (lid, state, diagnostics, remote discriminator, remote timers)
     * @return false if no session with that lid was received
     */
    public boolean reportState(final SessionState state) {
        requireSessions(Role.DATA_PLANE, "reportState");
        Objects.requireNonNull(state, "state");
        return await("BgpMgmtContext.reportState", () -> sessions.report(state));
    }

    /**
     * Reports a session's state with no remote details, as {@link #reportState(SessionState)} does.
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
     * (zeros until set). Data-plane role. Any thread, waiting as the class describes.
     *
     * @param counters the counters, keyed by their lid
     * @return false if no session with that lid was received
     */
    public boolean updateCounters(final SessionCounters counters) {
        requireSessions(Role.DATA_PLANE, "updateCounters");
        Objects.requireNonNull(counters, "counters");
        return await("BgpMgmtContext.updateCounters", () -> sessions.updateCounters(counters));
    }

    /**
     * Sends ECHO_REQUEST on the first connection that is up and completes with the round trip. Any thread.
     *
     * @return the round-trip time in nanoseconds; fails when no connection is up or on timeout
     */
    public CompletableFuture<Long> echo() {
        return OnLoop.future(loop, () -> {
            final Connection c = sockets.firstUp();
            return c != null ? c.echo() : CompletableFuture.failedFuture(new ConnectionClosedException(settings.name
                + ": no connection is up"));
        });
    }

    /**
     * Returns the sessions, sorted by lid. Any thread; a figure read, as the class describes.
     *
     * @return the sessions, sorted by lid
     */
    public List<BfdSession> sessions() {
        return figures.sessions();
    }

    /**
     * Returns what was last reported for a session. Any thread; a figure read, as the class describes.
     *
     * @param lid the session
     * @return the state, or null for an unknown lid
     */
    public SessionState sessionState(final int lid) {
        return loop.inLoop() ? sessions.state(lid) : figures.sessionState(lid);
    }

    /**
     * Returns the connections open; a client's one connection even while down. Any thread; a figure read.
     *
     * @return an immutable list of the connections
     */
    public List<Connection> connections() {
        return figures.connections();
    }

    /**
     * Returns the connection up with the fewest catalog rows, where a catalog attaches a new row. Loop thread only.
     *
     * @return the connection, or null when none is up
     */
    public Connection leastLoadedConnection() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("leastLoadedConnection must run on the loop thread of " + loop.name());
        }
        return sockets.leastLoaded();
    }

    /**
     * Returns every counter of the context and its connections. Any thread; a figure read.
     *
     * @return the counters of the context and its connections
     */
    public ContextStats stats() {
        return figures.stats();
    }

    /**
     * Renders the counters of {@link #stats()} as text, in the manner of bfdd's
     * {@code show bfd distributed}. Any thread; a figure read.
     *
     * @return the counters as text
     */
    public String showDistributed() {
        return DistributedView.render(stats());
    }

    /**
     * Flushes what is queued (within the close timeout), then closes every connection and the
     * listening socket and removes a unix socket file. Idempotent; any thread. Off every loop it
     * returns when that is done; on a loop thread it starts the same drain and returns at once.
     */
    @Override
    public void close() {
        if (state.getAndSet(CLOSED) == STARTED) {
            closer.close();
        }
    }

    /**
     * Returns a one-line summary for logs: name, role, and the endpoint listened on or connected to.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "BgpMgmtContext[" + settings.name + ", " + role + ", " + (sockets.isServer() ? "listen " : "connect ")
            + endpoint() + ']';
    }

    /**
     * Runs {@code work} on the context's loop: at once on the loop thread, else on its next turn. This is
     * how a catalog's own calls reach its rows from other threads. Any thread; never blocks.
     *
     * @param work what to run on the loop thread
     * @param <T> the result type
     * @return completes with the work's result or exception; fails with {@link RequestTimeoutException}
     *     when the loop has not run it within the config's {@code callTimeout} (a stuck loop: the work may
     *     still run later), or with {@link java.util.concurrent.RejectedExecutionException} once the loop
     *     has stopped
     */
    public <T> CompletableFuture<T> call(final java.util.concurrent.Callable<T> work) {
        Objects.requireNonNull(work, "work");
        return OnLoop.call(loop, settings.name + ": call", settings.callTimeoutNanos, work);
    }

    /**
     * Runs {@code work} on the context's loop and returns its result: at once on the loop thread, else waiting at
     * most the config's {@code callTimeout} (the blocking form catalogs build on). Any thread except another loop's.
     *
     * @param caller the name of the calling method, for the exception messages
     * @param work what to run; its exception is rethrown (a checked one wrapped)
     * @param <T> the result type
     * @return the work's result
     * @throws IllegalStateException naming {@code caller} on another loop's thread, or when the loop times out
     * @throws java.util.concurrent.RejectedExecutionException when the loop has stopped
     */
    public <T> T await(final String caller, final java.util.concurrent.Callable<T> work) {
        return OnLoop.await(loop, caller, settings.callTimeoutNanos, work);
    }

    /** BFD session calls: only under bfddp's framing, and only in the role that makes them. */
    private void requireSessions(final Role wanted, final String method) {
        if (!settings.bfddp) {
            throw new IllegalStateException(method + ": " + this + " frames " + settings.framing.name()
                + ", which carries no BFD sessions");
        }
        role.require(wanted, method, this);
    }

    private void requireNew(final String method) {
        if (state.get() != NEW) {
            throw new IllegalStateException(method + ": " + this + " is already started; add before start()");
        }
    }
}
