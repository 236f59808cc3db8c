package org.bgpmgmt.bgp;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.ConnectionClosedException;

/**
 * Encodes what the links owe and hands it to {@link Connection#enqueue}; when the output buffer
 * refuses a frame, keeps it owed and retries on a short loop timer. Loop thread only.
 *
 * <p>Why a timer: the context offers no public "output buffer has room" hook, and {@code enqueue}
 * already tries one synchronous flush before refusing, so a refusal means the socket itself is
 * full. Retrying every {@link #RETRY_DELAY_MS} ms while something is owed costs one failed enqueue
 * per retry (each counted by the connection as an output-full event) and never spins. Each link's
 * one task handle serves both the immediate send event and the retry timer, so a burst of updates
 * schedules one send, and updates made while a retry is armed wait for it.
 */
final class PeerSender {
    /** How long a refused link waits before it tries again. */
    static final long RETRY_DELAY_MS = 5;

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
    private EventLoop loop;
    long retries;

    PeerSender(final PeerTable table, final CatalogEvents events) {
        this.table = table;
        this.events = events;
    }

    /** Binds the loop (at attach) and sends what links came to owe before it. */
    void start(final EventLoop value) {
        this.loop = value;
        for (PeerLink link : table.links()) {
            if (link.owes() || !link.deferred.isEmpty()) {
                schedule(link);
            }
        }
    }

    /** Arranges a send on the next turn unless one is already armed (event or retry timer). */
    void schedule(final PeerLink link) {
        if (loop != null) {
            loop.addEvent(send, link, 0, link.sendTask);
        }
    }

    void cancel(final PeerLink link) {
        if (loop != null) {
            loop.cancel(link.sendTask);
        }
    }

    /** Sends what the link owes, in order: replies, rows, the sync marker, then held requests. */
    void drain(final PeerLink link) {
        final Connection c = link.connection;
        if (!c.isUp()) {
            return;
        }
        ByteBuffer reply;
        while ((reply = link.replies.peek()) != null) {
            if (!c.enqueue(reply)) {
                waitForRoom(link);
                return;
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
                waitForRoom(link);
                return;
            }
            link.outbox.poll();
            row.queued = false;
            table.sent(row);
        }
        if (link.syncOwed) {
            sync.encode(clear(), 0, 0).peerCount(link.attached);
            if (!c.enqueue(frame(BgpMessageType.PEER_SYNC_END_LENGTH))) {
                waitForRoom(link);
                return;
            }
            link.syncOwed = false;
        }
        PeerLink.Deferred d;
        while ((d = link.deferred.poll()) != null) {
            issue(link, d);
        }
    }

    /** Answers a counters request now, or keeps the reply owed when the output buffer is full. */
    void reply(final PeerLink link, final int id, final PeerCounters c, final int status) {
        countersOut.encode(clear(), 0, id).key(c.key()).status(status).messagesIn(c.messagesIn())
            .messagesOut(c.messagesOut()).updatesIn(c.updatesIn()).updatesOut(c.updatesOut())
            .prefixesReceived(c.prefixesReceived()).prefixesAccepted(c.prefixesAccepted())
            .establishedTransitions(c.establishedTransitions());
        final ByteBuffer frame = frame(BgpMessageType.PEER_COUNTERS_LENGTH);
        if (!link.owes() && link.connection.enqueue(frame)) {
            return;
        }
        link.replies.add(ByteBuffer.allocate(frame.remaining()).put(frame).flip());
        waitForRoom(link);
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

    /** Runs on the loop while the reply is in the input buffer; a failure fails the request. */
    private PeerCounters decodeCounters(final Connection c, final int key, final ByteBuffer buffer, final int offset) {
        final PeerCountersMessage m = countersIn.wrap(buffer, offset);
        if (m.key() != key || m.status() != PeerCountersMessage.STATUS_OK
            && m.status() != PeerCountersMessage.STATUS_UNKNOWN_PEER) {
            final String reason = "PEER_COUNTERS_REPLY for key " + Integer.toUnsignedString(m.key()) + ", status "
                + Integer.toUnsignedString(m.status()) + ", to a request for key " + Integer.toUnsignedString(key);
            events.malformed(c, reason);
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

    private void waitForRoom(final PeerLink link) {
        retries++;
        if (loop != null) {
            loop.addTimerMillis(RETRY_DELAY_MS, send, link, link.sendTask); // a no-op while armed
        }
    }

    private ByteBuffer clear() {
        return scratch.clear();
    }

    private ByteBuffer frame(final int length) {
        return scratch.limit(length).position(0);
    }
}
