package org.bgpmgmt.bgp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.ConnectionClosedException;
import org.bgpmgmt.mgmt.Role;

/**
 * The catalog's peers keyed by key, for either role, with the link each one is attached to, and
 * the catalog's counters. Loop thread only.
 *
 * <p>Control-plane role, as the context's session table: a peer is attached to one connection
 * (the least loaded when it has none); an update or delete makes its row owe PEER_ADD or
 * PEER_DELETE there; a lost connection detaches its rows, and the next connection to come up takes
 * every detached row, owes each an add (resync) and then PEER_SYNC_END. Data-plane role: rows come
 * from the control plane; a state report makes the row owe PEER_STATE; a lost connection keeps its
 * rows but marks them stale; a stale row the control plane sends again is re-reported, and
 * PEER_SYNC_END drops the rows still stale, which the control plane deleted while the connection
 * was down.
 */
final class PeerTable {
    private final CatalogEvents events;
    private final Role role;
    private final HashMap<Integer, PeerRow> byKey = new HashMap<>();
    // Connection keeps identity equality; one link per connection object, removed when it goes down.
    private final Map<Connection, PeerLink> links = new IdentityHashMap<>();
    private PeerSender sender;
    long unexpected;
    long unknownPeers;

    PeerTable(final CatalogEvents events, final Role role) {
        this.events = events;
        this.role = role;
    }

    void sender(final PeerSender value) {
        this.sender = value;
    }

    Role role() {
        return role;
    }

    // ---------------------------------------------------------------- control-plane role

    void update(final BgpPeer peer) {
        PeerRow row = byKey.get(peer.key());
        if (row == null) {
            row = new PeerRow(peer.key());
            byKey.put(peer.key(), row);
        }
        row.peer = peer;
        if (!attachedToUpLink(row)) {
            attach(row, leastLoadedLink());
        }
        owe(row, PeerRow.ADD);
    }

    boolean delete(final int key) {
        final PeerRow row = byKey.remove(key);
        if (row == null) {
            return false;
        }
        if (attachedToUpLink(row)) {
            owe(row, PeerRow.DELETE); // the row lives on in the outbox until the delete is sent
        } else {
            attach(row, null);
        }
        return true;
    }

    void stateReceived(final PeerState state) {
        final PeerRow row = byKey.get(state.key());
        if (row == null) {
            unknownPeers++;
            return;
        }
        row.state = state;
        events.stateChanged(row.peer, state);
    }

    PeerLink linkOf(final int key) {
        final PeerRow row = byKey.get(key);
        return row == null ? null : row.link;
    }

    // ---------------------------------------------------------------- data-plane role

    void received(final Connection from, final BgpPeer peer) {
        final PeerLink link = link(from);
        PeerRow row = byKey.get(peer.key());
        final boolean added = row == null;
        if (added) {
            row = new PeerRow(peer.key());
            byKey.put(peer.key(), row);
        }
        row.peer = peer;
        // Re-sent after a reconnect, or by another connection: tell the sender where the peer
        // stands. Reporting only now, not at connectionUp, means the control plane holds the peer
        // when the report arrives, even one that restarted with an empty table.
        final boolean resend = row.reported && (row.stale || row.link != link);
        row.stale = false;
        attach(row, link);
        if (resend) {
            owe(row, PeerRow.STATE);
        }
        events.received(peer, added);
    }

    void deleted(final int key) {
        final PeerRow row = byKey.remove(key);
        if (row == null) {
            unknownPeers++;
            return;
        }
        attach(row, null);
        row.owed = PeerRow.NONE;
        events.deleted(row.peer);
    }

    /** PEER_SYNC_END: whatever is still stale was deleted while its connection was down. */
    void syncEnded() {
        final List<PeerRow> gone = new ArrayList<>();
        for (Iterator<PeerRow> it = byKey.values().iterator(); it.hasNext();) {
            final PeerRow row = it.next();
            if (row.stale) {
                it.remove();
                attach(row, null);
                row.owed = PeerRow.NONE;
                gone.add(row);
            }
        }
        gone.sort((a, b) -> Integer.compareUnsigned(a.key, b.key));
        for (PeerRow row : gone) {
            events.deleted(row.peer);
        }
    }

    boolean report(final PeerState state) {
        final PeerRow row = byKey.get(state.key());
        if (row == null) {
            return false;
        }
        row.state = state;
        row.reported = true;
        owe(row, PeerRow.STATE);
        return true;
    }

    boolean updateCounters(final PeerCounters counters) {
        final PeerRow row = byKey.get(counters.key());
        if (row == null) {
            return false;
        }
        row.counters = counters;
        return true;
    }

    void countersRequested(final Connection from, final int id, final int key) {
        final PeerRow row = byKey.get(key);
        if (row == null) {
            unknownPeers++;
        }
        final PeerCounters counters = row == null || row.counters == null ? PeerCounters.zero(key) : row.counters;
        sender.reply(link(from), id, counters, row == null ? PeerCountersMessage.STATUS_UNKNOWN_PEER
            : PeerCountersMessage.STATUS_OK);
    }

    // ---------------------------------------------------------------- connections

    /**
     * A connection came up. Control plane: it takes every detached row and owes each an add, then
     * PEER_SYNC_END (resync). Data plane: nothing yet; rows re-attach as the control plane re-sends
     * them, see {@link #received}.
     */
    void connectionUp(final Connection c) {
        final PeerLink link = link(c);
        if (role == Role.DATA_PLANE) {
            return;
        }
        for (PeerRow row : byKey.values()) {
            if (!attachedToUpLink(row) || row.link == link) {
                attach(row, link);
                owe(row, PeerRow.ADD);
            }
        }
        link.syncOwed = true;
        sender.schedule(link);
    }

    /** A connection went down: its rows wait detached, its backlog goes, its requests fail. */
    void connectionDown(final Connection c) {
        final PeerLink link = links.remove(c);
        if (link == null) {
            return;
        }
        sender.cancel(link);
        for (PeerRow row : link.outbox) {
            row.queued = false;
        }
        link.outbox.clear();
        link.replies.clear();
        link.syncOwed = false;
        PeerLink.Deferred d;
        while ((d = link.deferred.poll()) != null) {
            d.result.completeExceptionally(new ConnectionClosedException(
                "counters of peer " + Integer.toUnsignedString(d.key) + ": connection to " + c.peer() + " lost"));
        }
        for (PeerRow row : byKey.values()) {
            if (row.link == link) {
                attach(row, null);
                row.stale = role == Role.DATA_PLANE;
            }
        }
    }

    /** The row's message left in the output buffer. */
    void sent(final PeerRow row) {
        if (row.owed == PeerRow.DELETE) {
            attach(row, null);
        }
        row.owed = PeerRow.NONE;
    }

    PeerLink link(final Connection c) {
        PeerLink link = links.get(c);
        if (link == null) {
            link = new PeerLink(c);
            links.put(c, link);
        }
        return link;
    }

    /** The link of {@code c}, or null when the catalog holds none (a connection it never used). */
    PeerLink existingLink(final Connection c) {
        return links.get(c);
    }

    /**
     * The attach step: links made before attach for connections that have gone down since, which
     * the catalog could not hear then, go the way {@link #connectionDown} takes.
     */
    void forgetClosedLinks() {
        for (PeerLink link : new ArrayList<>(links.values())) {
            if (!link.connection.isUp()) {
                connectionDown(link.connection);
            }
        }
    }

    Iterable<PeerLink> links() {
        return links.values();
    }

    private PeerLink leastLoadedLink() {
        PeerLink best = null;
        for (PeerLink link : links.values()) {
            if (link.connection.isUp() && (best == null || link.attached < best.attached)) {
                best = link;
            }
        }
        return best;
    }

    private static boolean attachedToUpLink(final PeerRow row) {
        return row.link != null && row.link.connection.isUp();
    }

    private static void attach(final PeerRow row, final PeerLink link) {
        if (row.link == link) {
            return; // still attached, and still queued there if it was
        }
        if (row.link != null) {
            row.link.attached--;
        }
        row.link = link;
        row.queued = false;
        if (link != null) {
            link.attached++;
        }
    }

    private void owe(final PeerRow row, final int what) {
        row.owed = what;
        final PeerLink link = row.link;
        if (link != null && link.connection.isUp()) {
            if (!row.queued) {
                row.queued = true;
                link.outbox.add(row);
            }
            sender.schedule(link);
        }
    }

    // ---------------------------------------------------------------- views

    List<BgpPeer> peers() {
        final List<BgpPeer> all = new ArrayList<>(byKey.size());
        for (PeerRow row : byKey.values()) {
            all.add(row.peer);
        }
        all.sort((a, b) -> Integer.compareUnsigned(a.key(), b.key()));
        return all;
    }

    PeerState state(final int key) {
        final PeerRow row = byKey.get(key);
        return row == null ? null : row.state;
    }

    BgpCatalogStats stats(final long retries) {
        int owed = 0;
        int deferred = 0;
        for (PeerLink link : links.values()) {
            owed += link.owedCount();
            deferred += link.deferred.size();
        }
        return new BgpCatalogStats(byKey.size(), owed, deferred, retries, events.malformed, unexpected, unknownPeers,
            events.listenerErrors);
    }
}
