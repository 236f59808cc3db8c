package org.bgpmgmt.bfd;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionClosedException;
import org.bgpmgmt.mgmt.RequestTimeoutException;

/**
 * The control plane's side of bfddp on a context, what bfdd does: it owns the sessions, pushes
 * DP_ADD_SESSION and DP_DELETE_SESSION to the data planes, hears BFD_STATE_CHANGE and asks for
 * counters. A catalog of the context like any other, added by {@link #addTo}.
 *
 * <p>A session is sent to the connection it is attached to (the least loaded one when it has none);
 * a session with no connection up is sent when one comes up, so sessions updated before the context
 * starts form the first resync, and every reconnect resyncs them all.
 *
 * <p>Any thread. An operation returns a future that always completes: with its result, with {@link
 * RequestTimeoutException} past its bound, or with {@link java.util.concurrent.RejectedExecutionException}
 * once the loop has stopped; it never blocks. Reads are figure reads, as {@link BfdView} describes.
 */
public final class BfdControlPlane extends SideView {
    private BfdControlPlane(final SessionTable table) {
        super(table);
    }

    /**
     * Adds the control plane's BFD sessions to {@code context} as a catalog. Any thread, before the
     * context starts.
     *
     * @param context a context with bfddp's framing, not started
     * @return the view
     * @throws IllegalStateException when the context has started
     * @throws IllegalArgumentException when the context frames another protocol, or bfddp's session
     *     types are already handled on it (by another BFD view)
     */
    public static BfdControlPlane addTo(final BgpMgmtContext context) {
        final SessionTable table = new SessionTable(true);
        Objects.requireNonNull(context, "context").addCatalog(table);
        return new BfdControlPlane(table);
    }

    /**
     * Adds a listener that hears the data planes' state reports on the loop thread. Any thread;
     * heard from the next report on.
     *
     * @param listener the listener; only {@link SessionListener#stateChanged} is called on this side
     * @return this view
     */
    public BfdControlPlane addListener(final SessionListener listener) {
        table.addListener(listener);
        return this;
    }

    /**
     * Adds or updates a session and owes DP_ADD_SESSION to its connection.
     *
     * @param session the session
     * @return completes once the session is in the table (sending follows as the connection has room)
     */
    public CompletableFuture<Void> updateSession(final BfdSession session) {
        Objects.requireNonNull(session, "session");
        return table.context().call(() -> table.update(session));
    }

    /**
     * Deletes a session and owes DP_DELETE_SESSION to its connection.
     *
     * @param lid the session's local discriminator
     * @return completes with true if the session existed
     */
    public CompletableFuture<Boolean> deleteSession(final int lid) {
        return table.context().call(() -> table.delete(lid));
    }

    /**
     * Asks the data plane of a session for its counters (the async form of bfdd's {@code show bfd
     * peers counters}).
     *
     * @param lid the session
     * @return the counters; fails with {@link RequestTimeoutException} after the request timeout,
     *     {@link ConnectionClosedException} when the session has no connection up or it is lost, or
     *     {@link IllegalArgumentException} for an unknown lid
     */
    public CompletableFuture<SessionCounters> requestCounters(final int lid) {
        return table.context().call(() -> table.requestCounters(lid)).thenCompose(f -> f);
    }
}
