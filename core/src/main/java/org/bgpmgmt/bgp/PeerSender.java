package org.bgpmgmt.bgp;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.ConnectionClosedException;

/**
 * Encodes what the links owe and hands it to {@link Connection#enqueue}. Loop thread only (the
 * loop of each link's connection, {@link Connection#loop()}, which is the context's).
 *
 * <p>A change schedules one send event per link (so a burst of changes sends once), and that
 * event is the first attempt. When the output buffer refuses a frame, even after the synchronous
 * flush {@code enqueue} tries first, the frame stays owed and the link waits, trying nothing more,
 * until the connection reports its output buffer drained ({@link #outputDrained}); a lost
 * connection drops the link instead. No timer, no polling: one refused enqueue per episode.
 *
 * <p>Frames are encoded into one scratch buffer. An enqueue may flush, and a flush that empties
 * the buffer calls {@link #outputDrained} from inside that enqueue; that nested call must not
 * encode over the frame on its way in, so while the sender is busy it only schedules a send.
 */
final class PeerSender {
    private final PeerTable table;
    private final CatalogEvents events;
    private final ByteBuffer scratch = ByteBuffer.allocate(BgpMessageType.PEER_ADD_LENGTH);
    private final PeerAddMessage add = new PeerAddMessage();
    private final PeerKeyMessage keyOnly = new PeerKeyMessage();
    private final PeerStateMessage state = new PeerStateMessage();
    private final PeerCountersMessage countersOut = new PeerCountersMessage();
    private final PeerCountersMessage countersIn = new PeerCountersMessage();
    private final PeerSyncMessage sync = new PeerSyncMessage();
    private final Task send = Task.named("bgp_catalog_send", self -> drain((PeerLink) self.arg()));
    /** True while a drain or a reply runs: the scratch buffer may hold a frame being enqueued. */
    private boolean busy;
    /** Times an output buffer refused a catalog message, each retried once the buffer drained. */
    long retries;

    PeerSender(final PeerTable table, final CatalogEvents events) {
        this.table = table;
        this.events = events;
    }

    /**
     * The attach step: links that came to owe before it (a data plane's listener may answer peers
     * before attach) are sent to now, and a wait for room that began before the catalog heard
     * {@code outputDrained} ends, since that call may have been missed.
     */
    void restart() {
        for (PeerLink link : table.links()) {
            link.waitingForRoom = false;
            if (link.pendingOutput()) {
                schedule(link);
            }
        }
    }

    /** Arranges a send on the next turn unless one is armed or the link waits for room. */
    void schedule(final PeerLink link) {
        if (!link.waitingForRoom && link.connection.isUp()) {
            link.connection.loop().addEvent(send, link, 0, link.sendTask);
        }
    }

    void cancel(final PeerLink link) {
        link.connection.loop().cancel(link.sendTask);
    }

    /** The link's output buffer emptied after a refusal: send what it owes, now if possible. */
    void outputDrained(final PeerLink link) {
        link.waitingForRoom = false;
        if (busy) {
            schedule(link); // called from inside one of our own enqueues: the next turn sends
        } else {
            drain(link);
        }
    }

    /** Sends what the link owes, in order: replies, rows, the sync marker, then held requests. */
    void drain(final PeerLink link) {
        if (busy || link.waitingForRoom || !link.connection.isUp()) {
            return;
        }
        busy = true;
        try {
            if (drainOwed(link)) {
                PeerLink.Deferred d;
                while ((d = link.deferred.poll()) != null) {
                    issue(link, d);
                }
            }
        } finally {
            busy = false;
        }
    }

    /** Enqueues every owed message; false, the link left waiting for room, when one is refused. */
    private boolean drainOwed(final PeerLink link) {
        final Connection c = link.connection;
        ByteBuffer reply;
        while ((reply = link.replies.peek()) != null) {
            if (!c.enqueue(reply)) {
                return refused(link);
            }
            link.replies.poll();
        }
        PeerRow row;
        while ((row = link.outbox.peek()) != null) {
            if (row.link != link || row.owed == PeerRow.NONE) {
                link.outbox.poll();
                row.queued = false;
                continue;
            }
            if (!c.enqueue(encode(row))) {
                return refused(link);
            }
            link.outbox.poll();
            row.queued = false;
            table.sent(row);
        }
        if (link.syncOwed) {
            sync.encode(clear(), 0, 0).peerCount(link.attached);
            if (!c.enqueue(frame(BgpMessageType.PEER_SYNC_END_LENGTH))) {
                return refused(link);
            }
            link.syncOwed = false;
        }
        return true;
    }

    /**
     * Answers a counters request now; the reply waits as owed behind what the link already owes,
     * or when the output buffer refuses it.
     */
    void reply(final PeerLink link, final int id, final PeerCounters c, final int status) {
        final boolean nested = busy;
        busy = true;
        try {
            countersOut.encode(clear(), 0, id).key(c.key()).status(status).messagesIn(c.messagesIn())
                .messagesOut(c.messagesOut()).updatesIn(c.updatesIn()).updatesOut(c.updatesOut())
                .prefixesReceived(c.prefixesReceived()).prefixesAccepted(c.prefixesAccepted())
                .establishedTransitions(c.establishedTransitions());
            final ByteBuffer frame = frame(BgpMessageType.PEER_COUNTERS_LENGTH);
            if (link.owes() || link.waitingForRoom) {
                link.replies.add(copy(frame));
                schedule(link); // a no-op while the link waits for room
            } else if (!link.connection.enqueue(frame)) {
                link.replies.add(copy(frame));
                refused(link);
            }
        } finally {
            busy = nested;
        }
    }

    /** Sends a counters request, held back while the link owes peer messages so it follows them. */
    void request(final PeerLink link, final int key, final CompletableFuture<PeerCounters> result) {
        final PeerLink.Deferred d = new PeerLink.Deferred(key, result);
        if (link.owes() || !link.deferred.isEmpty()) {
            link.deferred.add(d);
            schedule(link);
        } else {
            issue(link, d);
        }
    }

    private void issue(final PeerLink link, final PeerLink.Deferred d) {
        final Connection c = link.connection;
        if (!c.isUp()) {
            d.result.completeExceptionally(new ConnectionClosedException("counters of peer "
                + Integer.toUnsignedString(d.key) + ": connection to " + c.peer() + " is not up"));
            return;
        }
        keyOnly.encodeCountersRequest(clear(), 0, 0).key(d.key);
        final int key = d.key;
        c.request(frame(BgpMessageType.PEER_KEY_LENGTH), BgpMessageType.PEER_COUNTERS_REPLY,
                (buffer, offset, length) -> decodeCounters(c, key, buffer, offset))
            .whenComplete((value, failure) -> {
                if (failure != null) {
                    d.result.completeExceptionally(failure);
                } else {
                    d.result.complete(value);
                }
            });
    }

    /**
     * Runs on the loop while the reply is in the input buffer; a failure fails the request, and a
     * malformed reply also closes the connection with a protocol error.
     */
    private PeerCounters decodeCounters(final Connection c, final int key, final ByteBuffer buffer, final int offset) {
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

    private ByteBuffer encode(final PeerRow row) {
        switch (row.owed) {
            case PeerRow.ADD:
                row.peer.writeTo(add.encode(clear(), 0, 0));
                return frame(BgpMessageType.PEER_ADD_LENGTH);
            case PeerRow.DELETE:
                keyOnly.encodeDelete(clear(), 0, 0).key(row.key);
                return frame(BgpMessageType.PEER_KEY_LENGTH);
            default:
                final PeerState s = row.state;
                state.encode(clear(), 0, 0).key(row.key).state(s.state().code()).errorCode(s.errorCode())
                    .errorSubcode(s.errorSubcode()).timeInState(s.timeInStateSeconds());
                return frame(BgpMessageType.PEER_STATE_LENGTH);
        }
    }

    /** Counts a refusal and leaves the link waiting for {@link #outputDrained}; returns false. */
    private boolean refused(final PeerLink link) {
        retries++;
        link.waitingForRoom = true;
        link.connection.loop().cancel(link.sendTask); // nothing to try before the buffer drains
        return false;
    }

    private static ByteBuffer copy(final ByteBuffer frame) {
        return ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
    }

    private ByteBuffer clear() {
        return scratch.clear();
    }

    private ByteBuffer frame(final int length) {
        return scratch.limit(length).position(0);
    }
}
