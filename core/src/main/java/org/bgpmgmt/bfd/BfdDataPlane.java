package org.bgpmgmt.bfd;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.RequestTimeoutException;

/**
 * The data plane's side of bfddp on a context, what a distributed BFD data plane does: it hears
 * the sessions the control plane pushes, reports their state with BFD_STATE_CHANGE and answers
 * DP_REQUEST_SESSION_COUNTERS. A catalog of the context like any other, added by {@link #addTo}.
 *
 * <p>A report made while the connection is down is sent after it reconnects, and every reconnect
 * re-reports each session reported before; counters requests are answered at once with what
 * {@link #updateCounters} set last (zeros until then).
 *
 * <p>Any thread. An operation returns a future that always completes: with its result, with {@link
 * RequestTimeoutException} past its bound, or with {@link java.util.concurrent.RejectedExecutionException}
 * once the loop has stopped; it never blocks. Reads are figure reads, as {@link BfdView} describes.
 */
public final class BfdDataPlane extends SideView {
    private BfdDataPlane(final SessionTable table) {
        super(table);
    }

    /**
     * Adds the data plane's BFD sessions to {@code context} as a catalog. Any thread, before the
     * context starts.
     *
     * @param context a context with bfddp's framing, not started
     * @return the view
     * @throws IllegalStateException when the context has started
     * @throws IllegalArgumentException when the context frames another protocol, or bfddp's session
     *     types are already handled on it (by another BFD view)
     */
    public static BfdDataPlane addTo(final BgpMgmtContext context) {
        final SessionTable table = new SessionTable(false);
        Objects.requireNonNull(context, "context").addCatalog(table);
        return new BfdDataPlane(table);
    }

    /**
     * Adds a listener that hears sessions arrive and go on the loop thread. Any thread; heard from
     * the next message on.
     *
     * @param listener the listener; only {@link SessionListener#sessionReceived} and {@link
     *     SessionListener#sessionDeleted} are called on this side
     * @return this view
     */
    public BfdDataPlane addListener(final SessionListener listener) {
        table.addListener(listener);
        return this;
    }

    /**
     * Reports a session's state to the control plane with BFD_STATE_CHANGE.
     *
     * @param report the state, its diagnostic and what is known of the remote system
     * @return completes with false if no session with that lid was received
     */
    public CompletableFuture<Boolean> reportState(final StateReport report) {
        Objects.requireNonNull(report, "report");
        return table.context().call(() -> table.report(report));
    }

    /**
     * Sets the counters the next DP_REQUEST_SESSION_COUNTERS for this session is answered with.
     *
     * @param counters the counters, keyed by their lid
     * @return completes with false if no session with that lid was received
     */
    public CompletableFuture<Boolean> updateCounters(final SessionCounters counters) {
        Objects.requireNonNull(counters, "counters");
        return table.context().call(() -> table.updateCounters(counters));
    }
}
