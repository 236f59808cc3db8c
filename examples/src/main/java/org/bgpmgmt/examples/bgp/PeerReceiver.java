package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.MessageHandler;
import org.bgpmgmt.wire.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link MessageHandler} registered for every catalog type, the reserved ones included:
 * checks each frame's content and hands it to the table. Runs on the loop thread (of the one
 * context the catalog serves).
 *
 * <p>Frames shorter than their type are rejected by the context's frame decoder before they get
 * here (PAYLOAD_TOO_SHORT). What this class rejects is content (a zero key, an FSM state outside
 * 1..6, a description that is too long or not UTF-8, ...) and the types reserved for later
 * versions (0x0106..0x01FF): either is a protocol error handled as bfddp's framing errors, with
 * {@link Connection#protocolError}: that connection is closed, counted and warned about once, and
 * a client reconnects. A catalog type the role does not take is counted and skipped, as the
 * context does with a bfddp type a role does not handle.
 */
final class PeerReceiver implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PeerReceiver.class);

    private final CatalogEvents events;
    private final PeerTable table;
    private final PeerAddMessage add = new PeerAddMessage();
    private final PeerKeyMessage keyOnly = new PeerKeyMessage();
    private final PeerStateMessage state = new PeerStateMessage();
    private final PeerSyncMessage sync = new PeerSyncMessage();

    PeerReceiver(final CatalogEvents events, final PeerTable table) {
        this.events = events;
        this.table = table;
    }

    @Override
    public void onMessage(final Connection connection, final ByteBuffer buffer, final int offset, final int length) {
        final int type = Header.typeAt(buffer, offset);
        final boolean dataPlane = table.role() == Role.DATA_PLANE;
        switch (type) {
            case BgpMessageType.PEER_ADD:
                if (dataPlane) {
                    peerAdd(connection, add.wrap(buffer, offset));
                    return;
                }
                break;
            case BgpMessageType.PEER_DELETE:
                if (dataPlane) {
                    peerDelete(connection, keyOnly.wrap(buffer, offset).key());
                    return;
                }
                break;
            case BgpMessageType.PEER_STATE:
                if (!dataPlane) {
                    peerState(connection, state.wrap(buffer, offset));
                    return;
                }
                break;
            case BgpMessageType.PEER_COUNTERS_REQUEST:
                if (dataPlane) {
                    countersRequest(connection, keyOnly.wrap(buffer, offset));
                    return;
                }
                break;
            case BgpMessageType.PEER_SYNC_END:
                if (dataPlane) {
                    LOG.debug("resync from {} ended: {} peers", connection.peer(),
                        sync.wrap(buffer, offset).peerCount());
                    table.syncEnded();
                    return;
                }
                break;
            case BgpMessageType.PEER_COUNTERS_REPLY:
                // Gets here only when no request waits for its id: the connection pairs awaited
                // replies before it looks up a handler. Counted and skipped, as bfddp's.
                break;
            default:
                // 0x0106..0x01FF, registered only to be refused: unknown to this version.
                events.reject(connection, String.format("type 0x%04x is reserved for later versions of the"
                    + " catalog and unknown to this one", type));
                return;
        }
        table.unexpected++;
        events.unexpected(connection, type);
    }

    private void peerDelete(final Connection connection, final int key) {
        if (key == 0) {
            events.reject(connection, "PEER_DELETE with key 0");
        } else {
            table.deleted(key);
        }
    }

    private void countersRequest(final Connection connection, final PeerKeyMessage m) {
        final int key = m.key();
        final int id = m.id();
        if (key == 0 || id == 0) {
            events.reject(connection, "PEER_COUNTERS_REQUEST with key " + Integer.toUnsignedString(key) + " and id "
                + id + " (neither may be 0)");
        } else {
            table.countersRequested(connection, id, key);
        }
    }

    private void peerAdd(final Connection connection, final PeerAddMessage m) {
        final BgpPeer peer;
        try {
            peer = BgpPeer.from(m);
        } catch (IllegalArgumentException | IllegalStateException e) {
            events.reject(connection, "PEER_ADD for key " + Integer.toUnsignedString(m.key()) + ": "
                + e.getMessage());
            return;
        }
        table.received(connection, peer);
    }

    private void peerState(final Connection connection, final PeerStateMessage m) {
        final BgpFsmState fsm = BgpFsmState.fromCode(m.state());
        if (m.key() == 0 || fsm == null) {
            events.reject(connection, "PEER_STATE for key " + Integer.toUnsignedString(m.key()) + " with state "
                + m.state() + " (key must not be 0, state must be 1..6)");
            return;
        }
        table.stateReceived(new PeerState(m.key(), fsm, m.errorCode(), m.errorSubcode(), m.timeInState()));
    }
}
