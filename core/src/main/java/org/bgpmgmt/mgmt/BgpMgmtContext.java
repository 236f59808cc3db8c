package org.bgpmgmt.mgmt;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bgpmgmt.event.EventLoop;

/**
 * The embeddable BgpMgmt context, modeled on FRR bfdd's distributed data plane
 * ({@code bfdd/dplane.c}): one endpoint, server or client, speaking bfddp v1 (or another {@link
 * BgpMgmtConfig#framing}), driven by one {@link EventLoop}. What it carries is up to its {@link
 * Catalog}s: bfddp's BFD sessions are the catalog {@code org.bgpmgmt.bfd} adds ({@code
 * BfdControlPlane.addTo(context)} for bfdd's side, {@code BfdDataPlane.addTo(context)} for a data
 * plane's); a catalog of the user's own is added the same way.
 *
 * <p><b>Configure, then start.</b> {@link #server} and {@link #client} build a context from a
 * snapshot of the config and touch no socket; add listeners and {@link Catalog}s, then {@link
 * #start()} binds (server: one connection per accepted socket) or makes the first connect attempt
 * (client: reconnects with backoff, and every catalog resyncs after each connect). Nothing can be
 * added after start, so nothing is ever replayed.
 *
 * <p><b>Threads.</b> Any thread, except where a method says "loop thread only". Nothing waits for
 * the loop: a call across to it ({@link #start}, {@link #echo}, {@link #call}) returns a future that
 * always completes. Listeners and catalogs run on the loop thread. <b>Figure reads</b> ({@link #stats},
 * {@link #connections}, {@link #showDistributed}) never wait on a stuck loop: off the loop they are
 * {@link org.bgpmgmt.event.LoopSnapshot} reads, as of the loop's next turn, or of before a stall past
 * {@link org.bgpmgmt.event.LoopSnapshot#PATIENCE}.
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
    private final ContextListeners listeners;
    private final Dispatch dispatch;
    private final Sockets sockets;
    private final ContextClose closer;
    private final ContextFigures figures;
    private final AtomicInteger state = new AtomicInteger(NEW);

    private BgpMgmtContext(final EventLoop loop, final BgpMgmtConfig config, final Endpoint listen,
                           final Endpoint connect) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = new Settings(Objects.requireNonNull(config, "config"));
        this.listeners = new ContextListeners(settings.name);
        this.dispatch = new Dispatch(settings, listeners);
        this.sockets = new Sockets(dispatch, loop, settings, listen, connect);
        this.closer = new ContextClose(loop, settings, dispatch, sockets);
        this.figures = new ContextFigures(loop, () -> sockets.stats(settings, dispatch, listeners),
            sockets.stats(settings, dispatch, listeners), () -> List.copyOf(sockets.connections()));
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
        // Unbounded: a daemon may start its contexts before it runs the loop on its own thread.
        return OnLoop.future(loop, "start", OnLoop.UNBOUNDED, () -> {
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
     * Sends ECHO_REQUEST on the first connection that is up and completes with the round trip. Any thread.
     *
     * @return the round-trip time in nanoseconds; fails when no connection is up or on timeout
     */
    public CompletableFuture<Long> echo() {
        return OnLoop.future(loop, settings.name + ": echo", settings.callTimeoutNanos, () -> {
            final Connection c = sockets.firstUp();
            return c != null ? c.echo() : CompletableFuture.failedFuture(new ConnectionClosedException(settings.name
                + ": no connection is up"));
        });
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
     * Returns a one-line summary for logs: name and the endpoint listened on or connected to.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "BgpMgmtContext[" + settings.name + ", " + (sockets.isServer() ? "listen " : "connect ")
            + endpoint() + ']';
    }

    /**
     * Runs {@code work} on the context's loop: at once on the loop thread, else on its next turn. This is
     * how a catalog's own calls reach its rows from other threads. Any thread; never blocks.
     *
     * @param work what to run on the loop thread
     * @param <T> the result type
     * @return completes with the work's result or exception; fails with {@link RequestTimeoutException}
     *     when the loop has not started it within the config's {@code callTimeout} (a stuck loop: the work
     *     is then skipped, unless it had just started), or with {@link
     *     java.util.concurrent.RejectedExecutionException} once the loop has stopped
     */
    public <T> CompletableFuture<T> call(final java.util.concurrent.Callable<T> work) {
        Objects.requireNonNull(work, "work");
        return OnLoop.call(loop, settings.name + ": call", settings.callTimeoutNanos, work);
    }

    private void requireNew(final String method) {
        if (state.get() != NEW) {
            throw new IllegalStateException(method + ": " + this + " is already started; add before start()");
        }
    }
}
