package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.mgmt.CatalogRow;
import org.bgpmgmt.mgmt.Connection;

/**
 * Encodes the catalog's frames straight into a connection's output buffer with reusable
 * flyweights: what a row owes, PEER_SYNC_END, and counters replies, which wait as rows when the
 * buffer is full so that none is lost. Loop thread only.
 */
final class PeerWriter {
    private final PeerAddMessage add = new PeerAddMessage();
    private final PeerKeyMessage keyOnly = new PeerKeyMessage();
    private final PeerStateMessage state = new PeerStateMessage();
    private final PeerSyncMessage sync = new PeerSyncMessage();
    private final PeerCountersMessage counters = new PeerCountersMessage();

    void row(final PeerRow row, final int what, final ByteBuffer out, final int at) {
        switch (what) {
            case PeerRow.ADD:
                row.peer.writeTo(add.encode(out, at, 0));
                break;
            case PeerRow.DELETE:
                keyOnly.encodeDelete(out, at, 0).key(row.key);
                break;
            default:
                final PeerState s = row.state;
                state.encode(out, at, 0).key(row.key).state(s.state().code()).errorCode(s.errorCode())
                    .errorSubcode(s.errorSubcode()).timeInState(s.timeInStateSeconds());
        }
    }

    /** Writes a counters reply now, or owes it as a row of its own behind what the link owes. */
    void reply(final Connection c, final int id, final PeerCounters k, final int status) {
        final int at = c.reserve(BgpMessageType.PEER_COUNTERS_LENGTH);
        if (at >= 0) {
            counters(c.output(), at, id, k, status);
            c.commit(BgpMessageType.PEER_COUNTERS_LENGTH);
            return;
        }
        final Owed reply = new Owed(BgpMessageType.PEER_COUNTERS_LENGTH) { // the full-buffer path only
            @Override
            void write(final ByteBuffer out, final int pos) {
                counters(out, pos, id, k, status);
            }
        };
        reply.attach(c);
        reply.owe();
    }

    /** Owes PEER_SYNC_END on {@code c}, behind the resync rows queued there before it. */
    void owesSyncEnd(final Connection c, final PeerTable table) {
        final Owed end = new Owed(BgpMessageType.PEER_SYNC_END_LENGTH) {
            @Override
            void write(final ByteBuffer out, final int pos) {
                sync.encode(out, pos, 0).peerCount(table.attachedTo(c));
            }
        };
        end.attach(c);
        end.owe();
    }

    private void counters(final ByteBuffer out, final int at, final int id, final PeerCounters c, final int status) {
        counters.encode(out, at, id).key(c.key()).status(status).messagesIn(c.messagesIn())
            .messagesOut(c.messagesOut()).updatesIn(c.updatesIn()).updatesOut(c.updatesOut())
            .prefixesReceived(c.prefixesReceived()).prefixesAccepted(c.prefixesAccepted())
            .establishedTransitions(c.establishedTransitions());
    }

    /** A one-off frame owed to a connection: sent once, then detached. */
    private abstract static class Owed extends CatalogRow {
        private final int length;
        private boolean sent;

        Owed(final int length) {
            this.length = length;
        }

        abstract void write(ByteBuffer out, int at);

        @Override
        protected int owedLength() {
            return sent ? 0 : length;
        }

        @Override
        protected void writeOwed(final ByteBuffer out, final int at) {
            sent = true;
            write(out, at);
            attach(null);
        }
    }
}
