package org.bgpmgmt.examples.bgp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Connection;

/**
 * The catalog's peers keyed by key, for either role, and the catalog's counters. Loop thread only.
 *
 * <p>Control-plane role, as the context's BFD sessions: a peer is attached to one connection (the
 * least loaded when it has none); an update or delete makes its row owe PEER_ADD or PEER_DELETE
 * there; a lost connection detaches its rows, and the next connection to come up takes every
 * detached row, owes each an add (resync) and then PEER_SYNC_END. Data-plane role: rows come from
 * the control plane; a state report makes the row owe PEER_STATE; a lost connection keeps its rows
 * but marks them stale; a stale row the control plane sends again is re-reported, and PEER_SYNC_END
 * drops the rows still stale, which the control plane deleted while the connection was down.
 */
final class PeerTable {
    private final CatalogEvents events;
    private final Role role;
    private final PeerWriter writer;
    private final HashMap<Integer, PeerRow> byKey = new HashMap<>();
    private BgpMgmtContext context;
    long unexpected;
    long unknownPeers;

    PeerTable(final CatalogEvents events, final Role role, final PeerWriter writer) {
        this.events = events;
        this.role = role;
        this.writer = writer;
    }

    void context(final BgpMgmtContext value) {
        context = value;
    }

    Role role() {
        return role;
    }

    // ---------------------------------------------------------------- control-plane role

    void update(final BgpPeer peer) {
        final PeerRow row = row(peer.key());
        row.peer = peer;
        if (!attachedToUp(row)) {
            row.attach(context.leastLoadedConnection());
        }
        row.owe(PeerRow.ADD);
    }

    boolean delete(final int key) {
        final PeerRow row = byKey.remove(key);
        if (row == null) {
            return false;
        }
        if (attachedToUp(row)) {
            row.owe(PeerRow.DELETE); // the row lives on in the queue until the delete is sent
        } else {
            row.attach(null);
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

    Connection connectionOf(final int key) {
        final PeerRow row = byKey.get(key);
        return row == null ? null : row.connection();
    }

    // ---------------------------------------------------------------- data-plane role

    void received(final Connection from, final BgpPeer peer) {
        final boolean added = !byKey.containsKey(peer.key());
        final PeerRow row = row(peer.key());
        row.peer = peer;
        // Re-sent after a reconnect, or by another connection: tell the sender where the peer
        // stands. Reporting only now, not at connectionUp, means the control plane holds the peer
        // when the report arrives, even one that restarted with an empty table.
        final boolean resend = row.reported && (row.stale || row.connection() != from);
        row.stale = false;
        row.attach(from);
        if (resend) {
            row.owe(PeerRow.STATE);
        }
        events.received(peer, added);
    }

    void deleted(final int key) {
        final PeerRow row = byKey.remove(key);
        if (row == null) {
            unknownPeers++;
            return;
        }
        row.attach(null);
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
                row.attach(null);
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
        row.owe(PeerRow.STATE);
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
        writer.reply(from, id, counters, row == null ? PeerCountersMessage.STATUS_UNKNOWN_PEER
            : PeerCountersMessage.STATUS_OK);
    }

    // ---------------------------------------------------------------- connections

    /**
     * A connection came up. Control plane: it takes every detached row and owes each an add, then
     * PEER_SYNC_END (resync). Data plane: nothing yet; rows re-attach as the control plane re-sends
     * them, see {@link #received}.
     */
    void connectionUp(final Connection c) {
        if (role == Role.DATA_PLANE) {
            return;
        }
        for (PeerRow row : byKey.values()) {
            if (!attachedToUp(row) || row.connection() == c) {
                row.attach(c);
                row.owe(PeerRow.ADD);
            }
        }
        writer.owesSyncEnd(c, this);
    }

    /** A connection went down: its rows wait detached (control plane) or stale (data plane). */
    void connectionDown(final Connection c) {
        for (PeerRow row : byKey.values()) {
            if (row.connection() == c) {
                row.attach(null);
                row.stale = role == Role.DATA_PLANE;
            }
        }
    }

    /** Peers attached to {@code c}: the count PEER_SYNC_END carries. */
    int attachedTo(final Connection c) {
        int n = 0;
        for (PeerRow row : byKey.values()) {
            if (row.connection() == c) {
                n++;
            }
        }
        return n;
    }

    private PeerRow row(final int key) {
        PeerRow row = byKey.get(key);
        if (row == null) {
            row = new PeerRow(writer, key);
            byKey.put(key, row);
        }
        return row;
    }

    private static boolean attachedToUp(final PeerRow row) {
        return row.connection() != null && row.connection().isUp();
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

    /** Returns every peer's state by key, for the published table. */
    Map<Integer, PeerState> states() {
        final Map<Integer, PeerState> all = new HashMap<>(byKey.size() * 2);
        for (Map.Entry<Integer, PeerRow> e : byKey.entrySet()) {
            all.put(e.getKey(), e.getValue().state);
        }
        return Map.copyOf(all);
    }

    PeerState state(final int key) {
        final PeerRow row = byKey.get(key);
        return row == null ? null : row.state;
    }

    BgpCatalogStats stats() {
        int owed = 0;
        for (PeerRow row : byKey.values()) {
            if (row.owed != PeerRow.NONE && row.isQueued()) {
                owed++;
            }
        }
        return new BgpCatalogStats(byKey.size(), owed, events.malformed, unexpected, unknownPeers,
            events.listenerErrors);
    }
}
