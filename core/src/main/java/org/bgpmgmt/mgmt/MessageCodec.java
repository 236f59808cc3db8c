package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import org.bgpmgmt.wire.CountersReplyMessage;
import org.bgpmgmt.wire.CountersRequestMessage;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.RegisteredType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;

/**
 * One connection's reusable flyweights: decodes the built-in messages it receives and hands them
 * to the context, and encodes what it sends straight into the output buffer. Nothing here
 * allocates on the echo, state-change or counters paths. Loop thread only.
 */
final class MessageCodec {
    private final Connection connection;
    private final ByteBuffer out;
    private final EchoMessage echo = new EchoMessage();
    private final SessionMessage session = new SessionMessage();
    private final StateChangeMessage stateChange = new StateChangeMessage();
    private final CountersRequestMessage countersRequest = new CountersRequestMessage();
    private final CountersReplyMessage countersReply = new CountersReplyMessage();

    MessageCodec(final Connection connection, final ByteBuffer out) {
        this.connection = connection;
        this.out = out;
    }

    // ---------------------------------------------------------------- receiving

    void dispatch(final int type, final int id, final ByteBuffer in, final int offset, final int length) {
        final BgpMgmtContext context = connection.context;
        switch (type) {
            case MessageType.ECHO_REQUEST:
                echo.wrap(in, offset);
                echoReply(id, echo.dpTime());
                return;
            case MessageType.ECHO_REPLY:
                if (id == 0) {
                    final PendingRequests.Pending p = connection.pending.takeEcho(echo.wrap(in, offset).dpTime());
                    if (p == null) {
                        connection.counters.unknownReplies++;
                    } else {
                        p.future.complete(null);
                    }
                } else {
                    completeRequest(id, type, null);
                }
                return;
            case MessageType.DP_ADD_SESSION:
            case MessageType.DP_DELETE_SESSION:
                if (context.role() == Role.DATA_PLANE) {
                    context.sessionTable().received(connection, session.wrap(in, offset), type);
                    return;
                }
                break;
            case MessageType.BFD_STATE_CHANGE:
                if (context.role() == Role.CONTROL_PLANE) {
                    context.sessionTable().stateChanged(stateChange.wrap(in, offset));
                    return;
                }
                break;
            case MessageType.DP_REQUEST_SESSION_COUNTERS:
                if (context.role() == Role.DATA_PLANE) {
                    final int lid = countersRequest.wrap(in, offset).lid();
                    countersReply(id, context.sessionTable().countersFor(lid));
                    return;
                }
                break;
            case MessageType.BFD_SESSION_COUNTERS:
                completeRequest(id, type, readCounters(countersReply.wrap(in, offset)));
                return;
            default:
                if (id != 0 && connection.pending.waitsFor(id, type)) {
                    final PendingRequests.Pending p = connection.pending.take(id, type);
                    try {
                        p.future.complete(p.decoder == null ? null : p.decoder.decode(in, offset, length));
                    } catch (RuntimeException e) {
                        p.future.completeExceptionally(e);
                    }
                    return;
                }
                final RegisteredType<MessageHandler> entry = context.registry().entry(type);
                if (entry != null && entry.handler() != null) {
                    context.userMessage(entry.handler(), connection, in, offset, length);
                    return;
                }
                if (context.unknownTypeHandler() != null) {
                    context.userMessage(context.unknownTypeHandler(), connection, in, offset, length);
                    return;
                }
        }
        connection.counters.unknownMessages++; // a type this role does not handle: skipped, as bfdd does
    }

    private void completeRequest(final int id, final int type, final Object value) {
        final PendingRequests.Pending p = connection.pending.take(id, type);
        if (p == null) {
            connection.counters.unknownReplies++;
            return;
        }
        p.future.complete(value);
    }

    private static SessionCounters readCounters(final CountersReplyMessage m) {
        return new SessionCounters(m.lid(), m.controlInputBytes(), m.controlInputPackets(), m.controlOutputBytes(),
            m.controlOutputPackets(), m.echoInputBytes(), m.echoInputPackets(), m.echoOutputBytes(),
            m.echoOutputPackets());
    }

    // ---------------------------------------------------------------- sending

    boolean echoRequest(final int id, final long dpTimeMicros) {
        final int at = connection.reserve(MessageType.ECHO_LENGTH);
        if (at < 0) {
            return false;
        }
        echo.encodeRequest(out, at, id).dpTime(dpTimeMicros);
        connection.commit(MessageType.ECHO_LENGTH);
        return true;
    }

    private void echoReply(final int id, final long dpTimeMicros) {
        final int at = connection.reserve(MessageType.ECHO_LENGTH);
        if (at >= 0) {
            echo.encodeReply(out, at, id).dpTime(dpTimeMicros).bfddTime(EpochMicros.now());
            connection.commit(MessageType.ECHO_LENGTH);
        }
    }

    boolean countersRequest(final int id, final int lid) {
        final int at = connection.reserve(MessageType.COUNTERS_REQUEST_LENGTH);
        if (at < 0) {
            return false;
        }
        countersRequest.encode(out, at, id).lid(lid);
        connection.commit(MessageType.COUNTERS_REQUEST_LENGTH);
        return true;
    }

    private void countersReply(final int id, final SessionCounters c) {
        final int at = connection.reserve(MessageType.COUNTERS_REPLY_LENGTH);
        if (at < 0) {
            return; // the peer asked faster than it reads; it will time out, and the event is counted
        }
        countersReply.encode(out, at, id).lid(c.lid())
            .controlInputBytes(c.controlInputBytes()).controlInputPackets(c.controlInputPackets())
            .controlOutputBytes(c.controlOutputBytes()).controlOutputPackets(c.controlOutputPackets())
            .echoInputBytes(c.echoInputBytes()).echoInputPackets(c.echoInputPackets())
            .echoOutputBytes(c.echoOutputBytes()).echoOutputPackets(c.echoOutputPackets());
        connection.commit(MessageType.COUNTERS_REPLY_LENGTH);
    }

    /** Encodes what the outbox's rows owe while the output buffer has room. */
    void drainOutbox() {
        SessionEntry e;
        while ((e = connection.outbox.peek()) != null) {
            if (e.connection != connection || e.owed == SessionEntry.NONE) {
                connection.outbox.poll();
                e.queued = false;
                continue;
            }
            final int length = e.owed == SessionEntry.STATE ? MessageType.STATE_CHANGE_LENGTH : MessageType.SESSION_LENGTH;
            final int at = connection.tryReserve(length);
            if (at < 0) {
                return;
            }
            switch (e.owed) {
                case SessionEntry.ADD:
                    e.session.writeTo(session.encodeAdd(out, at, 0));
                    break;
                case SessionEntry.DELETE:
                    e.session.writeTo(session.encodeDelete(out, at, 0));
                    break;
                default:
                    writeState(stateChange.encode(out, at, 0), e.state);
            }
            connection.commitQuiet(length);
            connection.outbox.poll();
            e.queued = false;
            connection.context.sessionTable().sent(e);
        }
    }

    private static void writeState(final StateChangeMessage m, final SessionState s) {
        m.lid(s.lid()).rid(s.remoteDiscriminator()).remoteFlags(s.remoteFlags())
            .desiredTx(s.remoteDesiredTxMicros()).requiredRx(s.remoteRequiredRxMicros())
            .requiredEchoRx(s.remoteRequiredEchoRxMicros()).state(s.state()).diagnostics(s.diagnostics())
            .detectionMultiplier(s.remoteDetectMultiplier());
    }
}
