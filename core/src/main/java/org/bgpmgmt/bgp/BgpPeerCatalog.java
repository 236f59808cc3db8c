package org.bgpmgmt.bgp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.ConnectionClosedException;
import org.bgpmgmt.mgmt.ConnectionListener;
import org.bgpmgmt.mgmt.MessageHandler;
import org.bgpmgmt.mgmt.Role;
import org.bgpmgmt.wire.MessageRegistry;

/**
 * BgpMgmt's BGP peer catalog: a peer table carried over a {@link BgpMgmtContext}'s connections in
 * the catalog's own message types (0x0100..0x0105, {@link BgpMessageType}), beside the context's
 * bfddp sessions. It uses only public API: the types go into the context's {@link
 * MessageRegistry}, and the catalog listens to connections and sends with {@link
 * Connection#enqueue} and {@link Connection#request}, as a user's own catalog would.
 *
 * <p>Two steps, because the registry is read when the context is created: {@link #register} the
 * types into the registry the config will carry, create the context, then {@link #attach} the
 * catalog to it. The catalog's role must be the context's. A control plane should add its peers
 * before {@link #attach}: they are staged and form the first resync, whereas a table still empty
 * when the first connection comes up tells a data plane to drop the peers it kept.
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
 * message to its connection, and the catalog encodes owed messages while the output buffer takes
 * them. When the buffer refuses one, the rest wait, with no timer, until the connection reports
 * the buffer drained ({@link ConnectionListener#outputDrained}); {@link BgpMgmtContext#close()}
 * waits for them too, within its close timeout ({@link ConnectionListener#hasPendingOutput}).
 * Only the last state of a peer is sent.
 *
 * <p><b>Errors close the connection.</b> A catalog frame with malformed content (a key 0, an FSM
 * state outside 1..6, a bad description, ...) or of a type reserved for later versions
 * (0x0106..0x01FF, registered by {@link #register} for that purpose) is a protocol error, handled
 * as bfddp's framing errors: {@link Connection#protocolError} closes that connection only, counts
 * it and warns once, and a client reconnects. A catalog type the role does not take, and a reply
 * nobody waits for, are counted and skipped, as the context does with bfddp's.
 *
 * <p><b>Only to those who asked.</b> A data-plane catalog sends catalog messages only in answer to
 * catalog messages (state of peers it received, counters it was asked for), so a bfddp-only
 * control plane such as FRR's bfdd never receives a type it does not know.
 *
 * <p>Thread safety: every public method may be called from any thread. Those that act on the table
 * hop onto the context's loop (those returning a value wait for it) and need {@link #attach}
 * first, except {@link #updatePeer} and {@link #deletePeer}, which stage peers until then, and
 * calls from a listener, which may come before attach (the context connects as soon as it is
 * created) and act at once on the loop of the connection that brought the peer. Listeners and the
 * registered handler run on the loop thread.
 */
public final class BgpPeerCatalog {
    private final Role role;
    private final CatalogEvents events = new CatalogEvents(this);
    private final PeerTable table;
    private final PeerSender sender;
    private final LoopHop hop = new LoopHop();
    private final PeerReceiver receiver;
    private final LinkedHashMap<Integer, BgpPeer> staged = new LinkedHashMap<>(); // guarded by this
    private volatile BgpMgmtContext context;
    private boolean registered; // guarded by this

    /**
     * Creates an empty catalog for {@code role}. Any thread.
     *
     * @param role the role of the context it will be attached to
     */
    public BgpPeerCatalog(final Role role) {
        this.role = Objects.requireNonNull(role, "role");
        this.table = new PeerTable(events, role);
        this.sender = new PeerSender(table, events);
        this.table.sender(sender);
        this.receiver = new PeerReceiver(events, table, hop);
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
     * Registers the six catalog types, with their payload lengths as minimum, in {@code registry},
     * which the context's config must then carry ({@code BgpMgmtConfig.registry}); and the types
     * reserved for later versions, 0x0106..0x01FF, with no minimum, so that one arriving is
     * refused as a protocol error rather than skipped as an unknown type. Once per catalog. Any
     * thread, before the context is created.
     *
     * @param registry the registry, not yet handed to a context
     * @return the same registry, to chain into the config
     * @throws IllegalStateException if this catalog was already registered
     * @throws IllegalArgumentException if one of the types 0x0100..0x01FF is already taken
     */
    public synchronized MessageRegistry<MessageHandler> register(final MessageRegistry<MessageHandler> registry) {
        Objects.requireNonNull(registry, "registry");
        if (registered) {
            throw new IllegalStateException("the BGP peer catalog is already registered in a registry");
        }
        for (int type = BgpMessageType.FIRST; type <= BgpMessageType.LAST_RESERVED; type++) {
            if (registry.isRegistered(type)) {
                throw new IllegalArgumentException("message type " + type + " is already registered as "
                    + registry.entry(type).name());
            }
        }
        for (int type = BgpMessageType.FIRST; type <= BgpMessageType.LAST; type++) {
            registry.register(type, BgpMessageType.name(type), BgpMessageType.payloadLength(type), receiver);
        }
        for (int type = BgpMessageType.LAST + 1; type <= BgpMessageType.LAST_RESERVED; type++) {
            registry.register(type, String.format("BGP_CATALOG_RESERVED_0x%04X", type), 0, receiver);
        }
        registered = true;
        return registry;
    }

    /**
     * Binds the catalog to the context created with the registry {@link #register} filled: the
     * staged peers enter the table, then the catalog follows the context's connections (one
     * already up is resynced at once), their drained output buffers, and the context's close,
     * which waits for what the catalog owes. Once per catalog. Any thread.
     *
     * @param target the context, of this catalog's role
     * @throws IllegalStateException if not registered yet, or already attached
     * @throws IllegalArgumentException if the context plays the other role
     */
    public void attach(final BgpMgmtContext target) {
        Objects.requireNonNull(target, "context");
        final EventLoop loop = target.loop();
        synchronized (this) {
            if (!registered) {
                throw new IllegalStateException("register the catalog's types in the context's registry first");
            }
            if (context != null) {
                throw new IllegalStateException("the BGP peer catalog is already attached to " + context);
            }
            if (target.role() != role) {
                throw new IllegalArgumentException("a " + role + " catalog cannot serve " + target);
            }
            context = target;
            final List<BgpPeer> first = List.copyOf(staged.values());
            staged.clear();
            // Queued while holding the monitor and before the loop is published: every call that
            // finds the catalog attached runs after this step. The connection listener is added in
            // the same step, so no drained buffer or closed connection goes unheard in between.
            final Runnable start = () -> {
                table.forgetClosedLinks();
                sender.restart();
                for (BgpPeer peer : first) {
                    table.update(peer);
                }
                hop.started();
                target.addConnectionListener(new Links());
            };
            if (loop.inLoop()) {
                start.run();
            } else {
                loop.addEvent(Task.named("bgp_catalog_attach", self -> start.run()), null, 0, null);
            }
            hop.bind(loop);
        }
    }

    /** The catalog's side of the context's connections. Loop thread. */
    private final class Links implements ConnectionListener {
        @Override
        public void connectionUp(final Connection connection) {
            table.connectionUp(connection);
        }

        @Override
        public void connectionDown(final Connection connection) {
            table.connectionDown(connection);
        }

        @Override
        public void outputDrained(final Connection connection) {
            final PeerLink link = table.existingLink(connection);
            if (link != null) {
                sender.outputDrained(link);
            }
        }

        @Override
        public boolean hasPendingOutput(final Connection connection) {
            final PeerLink link = table.existingLink(connection);
            return link != null && link.pendingOutput();
        }
    }

    /**
     * Adds a listener; it runs on the loop thread. Any thread, attached or not.
     *
     * @param listener the listener
     */
    public void addListener(final BgpPeerListener listener) {
        events.add(listener);
    }

    // ---------------------------------------------------------------- control-plane role

    /**
     * Adds or updates a peer and sends PEER_ADD to the connection it is attached to; a peer with no
     * connection is sent when one comes up. Before {@link #attach} the peer is staged for the
     * first resync. Control-plane role. Any thread.
     *
     * @param peer the peer
     */
    public void updatePeer(final BgpPeer peer) {
        requireRole(Role.CONTROL_PLANE, "updatePeer");
        Objects.requireNonNull(peer, "peer");
        synchronized (this) {
            if (!hop.isBound()) {
                staged.put(peer.key(), peer);
                return;
            }
        }
        hop.run(() -> table.update(peer));
    }

    /**
     * Deletes a peer and sends PEER_DELETE to its connection; before {@link #attach}, unstages it.
     * Control-plane role. Any thread.
     *
     * @param key the peer key
     * @return true if the peer existed
     */
    public boolean deletePeer(final int key) {
        requireRole(Role.CONTROL_PLANE, "deletePeer");
        synchronized (this) {
            if (!hop.isBound()) {
                return staged.remove(key) != null;
            }
        }
        return hop.call(() -> table.delete(key));
    }

    /**
     * Asks the data plane of a peer for its counters; the request follows any peer message still
     * owed to that connection. Control-plane role. Any thread, after {@link #attach}.
     *
     * @param key the peer key
     * @return the counters; fails with {@link IllegalArgumentException} for a key this table or
     *     the data plane does not hold, {@link ConnectionClosedException} when the peer has no
     *     connection or it is lost, {@link org.bgpmgmt.mgmt.RequestTimeoutException} after the
     *     context's request timeout, or {@link IllegalStateException} when the output buffer is
     *     full at the moment of sending or the reply is malformed (which also closes the
     *     connection with a protocol error)
     * @throws IllegalStateException if not attached
     */
    public CompletableFuture<PeerCounters> requestCounters(final int key) {
        requireRole(Role.CONTROL_PLANE, "requestCounters");
        final CompletableFuture<PeerCounters> result = new CompletableFuture<>();
        hop.run(() -> {
            final PeerLink link = table.linkOf(key);
            if (table.state(key) == null) {
                result.completeExceptionally(new IllegalArgumentException("no peer with key "
                    + Integer.toUnsignedString(key)));
            } else if (link == null || !link.connection.isUp()) {
                result.completeExceptionally(new ConnectionClosedException("peer " + Integer.toUnsignedString(key)
                    + " has no connection"));
            } else {
                sender.request(link, key, result);
            }
        });
        return result;
    }

    // ---------------------------------------------------------------- data-plane role

    /**
     * Reports a peer's state to the control plane with PEER_STATE. While the connection is down
     * the last report waits, and is sent when the control plane re-sends the peer after the
     * reconnect. Data-plane role. Any thread, after {@link #attach}.
     *
     * @param state the state
     * @return false if no peer with that key was received
     * @throws IllegalStateException if not attached
     */
    public boolean reportState(final PeerState state) {
        requireRole(Role.DATA_PLANE, "reportState");
        Objects.requireNonNull(state, "state");
        return hop.call(() -> table.report(state));
    }

    /**
     * Sets the counters the next PEER_COUNTERS_REQUEST for this peer is answered with (zeros until
     * set). Data-plane role. Any thread, after {@link #attach}.
     *
     * @param counters the counters, keyed by their peer key
     * @return false if no peer with that key was received
     * @throws IllegalStateException if not attached
     */
    public boolean updateCounters(final PeerCounters counters) {
        requireRole(Role.DATA_PLANE, "updateCounters");
        Objects.requireNonNull(counters, "counters");
        return hop.call(() -> table.updateCounters(counters));
    }

    // ---------------------------------------------------------------- both roles

    /**
     * Returns the peers of the table, sorted by unsigned key. Any thread, after {@link #attach}.
     *
     * @return a snapshot
     * @throws IllegalStateException if not attached
     */
    public List<BgpPeer> peers() {
        return hop.call(table::peers);
    }

    /**
     * Returns a peer's last state: as reported by the data plane (control plane) or as reported
     * by this side (data plane); Idle before any report. Any thread, after {@link #attach}.
     *
     * @param key the peer key
     * @return the state, or null for an unknown key
     * @throws IllegalStateException if not attached
     */
    public PeerState peerState(final int key) {
        return hop.call(() -> table.state(key));
    }

    /**
     * Returns the catalog's counters. Any thread, after {@link #attach}.
     *
     * @return a snapshot
     * @throws IllegalStateException if not attached
     */
    public BgpCatalogStats stats() {
        return hop.call(() -> table.stats(sender.retries));
    }

    /**
     * Returns "BgpPeerCatalog[role, context name]" for logs. Any thread.
     *
     * @return the description
     */
    @Override
    public String toString() {
        final BgpMgmtContext c = context;
        return "BgpPeerCatalog[" + role + (c == null ? ", detached]" : ", " + c.name() + ']');
    }

    private void requireRole(final Role wanted, final String method) {
        if (role != wanted) {
            throw new IllegalStateException(method + " needs the " + wanted + " role; this catalog is " + role);
        }
    }
}
