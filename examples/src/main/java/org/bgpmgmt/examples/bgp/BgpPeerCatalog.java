package org.bgpmgmt.examples.bgp;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Catalog;
import org.bgpmgmt.mgmt.CatalogTypes;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.ConnectionClosedException;

/**
 * The examples' BGP peer catalog: a peer table carried over a {@link BgpMgmtContext}'s connections
 * in message types of its own (0x0100..0x0105, {@link BgpMessageType}), beside the context's bfddp
 * sessions. It is the worked example of a user's {@link Catalog}, on core's public API only: its
 * rows owe messages that connections encode straight into their output buffers, its counters
 * requests go through {@link Connection#request}, and its calls from other threads go through
 * {@link BgpMgmtContext#call}. The protocol is this project's own; no BGP speaker speaks it.
 *
 * <p>Add it with {@link BgpMgmtContext#addCatalog} before the context
 * starts. A control plane should add its peers before {@code start()}: they form the first resync,
 * whereas a table still empty when the first connection comes up tells a data plane to drop the
 * peers it kept.
 *
 * <ul>
 *   <li><b>Control plane</b>: {@link #updatePeer} and {@link #deletePeer} push PEER_ADD and
 *       PEER_DELETE. Each peer is attached to one connection (the least loaded when it has none),
 *       as the context's sessions are; a connection that comes up is sent every detached peer and
 *       then PEER_SYNC_END. PEER_STATE reports update the table and reach {@link
 *       BgpPeerListener#peerStateChanged}; {@link #requestCounters} returns a future.
 *   <li><b>Data plane</b>: peers arrive at {@link BgpPeerListener#peerReceived}; {@link
 *       #reportState} sends PEER_STATE; counters requests are answered with what {@link
 *       #updateCounters} last set. Peers survive a lost connection: the last state of each is
 *       reported again when the control plane re-sends it after the reconnect, and PEER_SYNC_END
 *       removes those it no longer has.
 * </ul>
 *
 * <p><b>Nothing accepted is lost.</b> Sending is state-based: a change marks the peer as owing a
 * message to its connection, which encodes owed rows while its output buffer has room; the rest
 * wait, with no timer, for the socket to take bytes again, and {@link BgpMgmtContext#close()}
 * waits for them too, within its close timeout. Only the last state of a peer is sent. A counters
 * request follows the peer messages owed before it; when the buffer cannot take it now, it waits
 * in the same queue (its timeout counts from the call).
 *
 * <p><b>Errors close the connection.</b> A catalog frame with malformed content (a key 0, an FSM
 * state outside 1..6, a bad description, ...) or of a type reserved for later versions
 * (0x0106..0x01FF, defined by the catalog for that purpose) is a protocol error, handled
 * as bfddp's framing errors: {@link Connection#protocolError} closes that connection only, counts
 * it and warns once, and a client reconnects. A catalog type the role does not take, and a reply
 * nobody waits for, are counted and skipped, as the context does with bfddp's.
 *
 * <p><b>Only to those who asked.</b> A data-plane catalog sends catalog messages only in answer to
 * catalog messages (state of peers it received, counters it was asked for), so a bfddp-only
 * control plane such as FRR's bfdd never receives a type it does not know.
 *
 * <p>Thread safety: every public method may be called from any thread once the catalog is added
 * to a context, and none blocks. Those that change or ask the table ({@link #updatePeer}, {@link
 * #deletePeer}, {@link #requestCounters}, {@link #reportState}, {@link #updateCounters}) run on the
 * context's loop, at once on its thread (a listener gets a completed future) and else on its next
 * turn, and return a future that always completes: with the result, with {@link
 * org.bgpmgmt.mgmt.RequestTimeoutException} when the loop has not run the call within the
 * context's {@code callTimeout} (a stuck loop; the call may or may not run), or with {@link
 * java.util.concurrent.RejectedExecutionException} once the loop has stopped. A caller's mistake (a
 * catalog not added to a context, a method of the other role) throws {@link IllegalStateException}
 * at once. The figure reads ({@link #peers}, {@link #peerState}, {@link #stats}) never wait on a
 * stuck loop. Listeners and handlers run on the loop thread.
 */
public final class BgpPeerCatalog implements Catalog {
    private final Role role;
    private final CatalogEvents events = new CatalogEvents(this);
    private final PeerTable table;
    private final PeerReceiver receiver;
    private final PeerKeyMessage keyOnly = new PeerKeyMessage();
    private final PeerCountersMessage countersIn = new PeerCountersMessage();
    private volatile BgpMgmtContext context;
    private volatile CatalogFigures figures;

    /**
     * Creates an empty catalog for {@code role}. Any thread.
     *
     * @param role the role of the context it will be added to
     */
    public BgpPeerCatalog(final Role role) {
        this.role = Objects.requireNonNull(role, "role");
        this.table = new PeerTable(events, role, new PeerWriter());
        this.receiver = new PeerReceiver(events, table);
    }

    /**
     * Returns the role given at construction. Any thread.
     *
     * @return the role
     */
    public Role role() {
        return role;
    }

    /**
     * Defines the six catalog types, with their payload lengths as minimum, and the types reserved
     * for later versions, 0x0106..0x01FF, with no minimum, so that one arriving is refused as a
     * protocol error rather than skipped as an unknown type. Called by {@link
     * BgpMgmtContext#addCatalog}, once.
     *
     * @param types where the context registers them
     * @throws IllegalStateException if this catalog was added to a context before
     * @throws IllegalArgumentException if the context plays the other role, or one of the types
     *     0x0100..0x01FF is already taken
     */
    @Override
    public synchronized void register(final CatalogTypes types) {
        if (context != null) {
            throw new IllegalStateException("the BGP peer catalog is already added to " + context);
        }
        final BgpMgmtContext target = types.context();
        for (int type = BgpMessageType.FIRST; type <= BgpMessageType.LAST_RESERVED; type++) {
            if (types.isDefined(type)) {
                throw new IllegalArgumentException("message type " + type + " is already registered");
            }
        }
        for (int type = BgpMessageType.FIRST; type <= BgpMessageType.LAST; type++) {
            types.define(type, BgpMessageType.name(type), BgpMessageType.payloadLength(type), receiver);
        }
        for (int type = BgpMessageType.LAST + 1; type <= BgpMessageType.LAST_RESERVED; type++) {
            types.define(type, String.format("BGP_CATALOG_RESERVED_0x%04X", type), 0, receiver);
        }
        table.context(target);
        figures = new CatalogFigures(target.loop(), table);
        context = target;
    }

    /**
     * Resyncs a control plane's peers to a connection that came up. Loop thread only.
     *
     * @param connection the connection
     */
    @Override
    public void connectionUp(final Connection connection) {
        table.connectionUp(connection);
        figures.prime(); // a read during a later stall finds this table rather than an older one
    }

    /**
     * Detaches (control plane) or marks stale (data plane) the peers of a lost connection. Loop
     * thread only.
     *
     * @param connection the connection
     */
    @Override
    public void connectionDown(final Connection connection) {
        table.connectionDown(connection);
        figures.prime();
    }

    /**
     * Adds a listener; it runs on the loop thread. Any thread.
     *
     * @param listener the listener
     */
    public void addListener(final BgpPeerListener listener) {
        events.add(listener);
    }

    // ---------------------------------------------------------------- control-plane role

    /**
     * Adds or updates a peer and owes PEER_ADD to the connection it is attached to; a peer with no
     * connection is sent when one comes up. Control-plane role. Any thread; never blocks.
     *
     * @param peer the peer
     * @return completes once the table holds the peer, or fails as the class describes (a stopped
     *     loop, a stuck one), in which case the change may not have been made
     * @throws IllegalStateException if the catalog was not added to a context, or plays the other role
     */
    public CompletableFuture<Void> updatePeer(final BgpPeer peer) {
        requireRole(Role.CONTROL_PLANE, "updatePeer");
        Objects.requireNonNull(peer, "peer");
        return call("updatePeer", () -> {
            table.update(peer);
            return null;
        });
    }

    /**
     * Deletes a peer and owes PEER_DELETE to its connection. Control-plane role. Any thread; never
     * blocks.
     *
     * @param key the peer key
     * @return completes with true if the peer existed, or fails as the class describes
     * @throws IllegalStateException if the catalog was not added to a context, or plays the other role
     */
    public CompletableFuture<Boolean> deletePeer(final int key) {
        requireRole(Role.CONTROL_PLANE, "deletePeer");
        return call("deletePeer", () -> table.delete(key));
    }

    /**
     * Asks the data plane of a peer for its counters; the request follows the peer messages owed
     * to that connection before it, and waits for room when the output buffer is full.
     * Control-plane role. Any thread; never blocks.
     *
     * @param key the peer key
     * @return the counters; fails as the class describes, or with {@link IllegalArgumentException}
     *     for a key this table or the data plane does not hold, {@link ConnectionClosedException} when the peer has no
     *     connection or it is lost, {@link org.bgpmgmt.mgmt.RequestTimeoutException} after the
     *     context's request timeout (from this call), or {@link IllegalStateException} when {@code
     *     maxPendingRequests} already wait or the reply is malformed (which also closes the
     *     connection with a protocol error)
     * @throws IllegalStateException if the catalog was not added to a context, or plays the other role
     */
    public CompletableFuture<PeerCounters> requestCounters(final int key) {
        requireRole(Role.CONTROL_PLANE, "requestCounters");
        return call("requestCounters", () -> request(key)).thenCompose(f -> f);
    }

    private CompletableFuture<PeerCounters> request(final int key) {
        final Connection c = table.connectionOf(key);
        if (table.state(key) == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no peer with key "
                + Integer.toUnsignedString(key)));
        }
        if (c == null || !c.isUp()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("peer "
                + Integer.toUnsignedString(key) + " has no connection"));
        }
        return c.request(BgpMessageType.PEER_KEY_LENGTH, (out, at, id) -> keyOnly.encodeCountersRequest(out, at, id)
            .key(key), BgpMessageType.PEER_COUNTERS_REPLY, (buffer, offset, length) -> decodeCounters(c, key,
            buffer, offset));
    }

    /**
     * Runs on the loop while the reply is in the input buffer; a failure fails the request, and a
     * malformed reply also closes the connection with a protocol error.
     */
    private PeerCounters decodeCounters(final Connection c, final int key, final java.nio.ByteBuffer buffer,
                                        final int offset) {
        final PeerCountersMessage m = countersIn.wrap(buffer, offset);
        if (m.key() != key || m.status() != PeerCountersMessage.STATUS_OK
            && m.status() != PeerCountersMessage.STATUS_UNKNOWN_PEER) {
            final String reason = "PEER_COUNTERS_REPLY for key " + Integer.toUnsignedString(m.key()) + ", status "
                + Integer.toUnsignedString(m.status()) + ", to a request for key " + Integer.toUnsignedString(key);
            events.reject(c, reason);
            throw new IllegalStateException("malformed " + reason);
        }
        if (m.status() == PeerCountersMessage.STATUS_UNKNOWN_PEER) {
            throw new IllegalArgumentException("the data plane at " + c.peer() + " has no peer with key "
                + Integer.toUnsignedString(key));
        }
        return new PeerCounters(key, m.messagesIn(), m.messagesOut(), m.updatesIn(), m.updatesOut(),
            m.prefixesReceived(), m.prefixesAccepted(), m.establishedTransitions());
    }

    // ---------------------------------------------------------------- data-plane role

    /**
     * Reports a peer's state to the control plane with PEER_STATE. While the connection is down
     * the last report waits, and is sent when the control plane re-sends the peer after the
     * reconnect. Data-plane role. Any thread; never blocks.
     *
     * @param state the state
     * @return completes with false if no peer with that key was received, or fails as the class
     *     describes
     * @throws IllegalStateException if the catalog was not added to a context, or plays the other role
     */
    public CompletableFuture<Boolean> reportState(final PeerState state) {
        requireRole(Role.DATA_PLANE, "reportState");
        Objects.requireNonNull(state, "state");
        return call("reportState", () -> table.report(state));
    }

    /**
     * Sets the counters the next PEER_COUNTERS_REQUEST for this peer is answered with (zeros until
     * set). Data-plane role. Any thread; never blocks.
     *
     * @param counters the counters, keyed by their peer key
     * @return completes with false if no peer with that key was received, or fails as the class
     *     describes
     * @throws IllegalStateException if the catalog was not added to a context, or plays the other role
     */
    public CompletableFuture<Boolean> updateCounters(final PeerCounters counters) {
        requireRole(Role.DATA_PLANE, "updateCounters");
        Objects.requireNonNull(counters, "counters");
        return call("updateCounters", () -> table.updateCounters(counters));
    }

    // ---------------------------------------------------------------- both roles

    /**
     * Returns the peers of the table, sorted by unsigned key. Any thread; never waits on a stuck loop
     * (a {@link org.bgpmgmt.event.LoopSnapshot} read: as of the loop's next turn, or of before a stall;
     * empty when the loop has published nothing yet and does not answer in time).
     *
     * @return a snapshot
     */
    public List<BgpPeer> peers() {
        added("peers");
        return figures.peers();
    }

    /**
     * Returns a peer's last state: as reported by the data plane (control plane) or as reported
     * by this side (data plane); Idle before any report. Any thread; never waits on a stuck loop, as
     * {@link #peers()} (on the loop thread it reads the table itself).
     *
     * @param key the peer key
     * @return the state, or null for an unknown key
     */
    public PeerState peerState(final int key) {
        final BgpMgmtContext c = added("peerState");
        return c.loop().inLoop() ? table.state(key) : figures.peerState(key);
    }

    /**
     * Returns the catalog's counters. Any thread; never waits on a stuck loop, as {@link #peers()}
     * (all zero when the loop has published nothing yet).
     *
     * @return a snapshot
     */
    public BgpCatalogStats stats() {
        added("stats");
        return figures.stats();
    }

    /**
     * Returns "BgpPeerCatalog[role, context name]" for logs. Any thread.
     *
     * @return the description
     */
    @Override
    public String toString() {
        final BgpMgmtContext c = context;
        return "BgpPeerCatalog[" + role + (c == null ? ", not added]" : ", " + c.name() + ']');
    }

    private BgpMgmtContext added(final String method) {
        final BgpMgmtContext c = context;
        if (c == null) {
            throw new IllegalStateException(method + ": add the BGP peer catalog to a context first");
        }
        return c;
    }

    /** Runs on the loop: at once on its thread, else on its next turn; never waits for it. */
    private <T> CompletableFuture<T> call(final String method, final Callable<T> work) {
        return added(method).call(work);
    }

    private void requireRole(final Role wanted, final String method) {
        if (role != wanted) {
            throw new IllegalStateException(method + " needs the " + wanted + " role; this catalog is " + role);
        }
    }
}
