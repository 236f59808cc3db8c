package org.bgpmgmt.bgp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.TaskHandle;
import org.bgpmgmt.mgmt.Connection;

/**
 * The catalog's side of one connection: the rows attached to it, what it owes them, replies that
 * found the output buffer full, and requests waiting behind those. Loop thread only.
 */
final class PeerLink {
    /** A counters request held back until the link's owed messages have left. */
    static final class Deferred {
        final int key;
        final CompletableFuture<PeerCounters> result;

        Deferred(final int key, final CompletableFuture<PeerCounters> result) {
            this.key = key;
            this.result = result;
        }
    }

    final Connection connection;
    final ArrayDeque<PeerRow> outbox = new ArrayDeque<>();
    final ArrayDeque<ByteBuffer> replies = new ArrayDeque<>();
    final ArrayDeque<Deferred> deferred = new ArrayDeque<>();
    /** The send event: armed at most once, so a burst of changes makes one send. */
    final TaskHandle sendTask = new TaskHandle("bgp_catalog_send");
    int attached;
    /** Control plane: PEER_SYNC_END is owed after the outbox of a resync drains. */
    boolean syncOwed;
    /**
     * The output buffer refused a message of this link: nothing more is tried until the connection
     * reports it drained ({@code ConnectionListener.outputDrained}), or the link goes.
     */
    boolean waitingForRoom;

    PeerLink(final Connection connection) {
        this.connection = connection;
    }

    /** True while anything waits to be encoded on this link. */
    boolean owes() {
        return !outbox.isEmpty() || !replies.isEmpty() || syncOwed;
    }

    /** True while the link still has something to send: owed messages or held requests. */
    boolean pendingOutput() {
        return owes() || !deferred.isEmpty();
    }

    /** Messages waiting, for the stats. */
    int owedCount() {
        return outbox.size() + replies.size() + (syncOwed ? 1 : 0);
    }
}
