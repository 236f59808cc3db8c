package org.bgpmgmt.load;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.BitSet;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;

/**
 * The session workload: acting as the control plane, push S sessions (DP_ADD_SESSION, lids 1..S)
 * to a data plane as fast as its socket takes them, and wait for one BFD_STATE_CHANGE "up" per
 * session. Every state change is checked: known lid, state up, no duplicate.
 */
final class SessionLoad {
    /** What was measured. */
    record Result(int sessions, double seconds) {
        double perSecond() {
            return sessions / seconds;
        }
    }

    private SessionLoad() {
    }

    static Result run(final Endpoint target, final int sessions, final Duration stallTimeout) throws IOException {
        try (Selector selector = Selector.open();
             SocketChannel ch = target.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            ch.connect(target.address());
            if (!target.isUnix()) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            ch.configureBlocking(false);
            final SelectionKey key = ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
            final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            final SessionMessage add = new SessionMessage();
            final StateChangeMessage change = new StateChangeMessage();
            final byte[] local = {127, 0, 0, 1};
            final byte[] peer = {127, 0, 0, 2};
            final BitSet up = new BitSet(sessions + 1);
            int nextLid = 1;
            int ups = 0;
            final long start = System.nanoTime();
            long lastProgress = start;
            while (ups < sessions) {
                while (nextLid <= sessions && out.remaining() >= MessageType.SESSION_LENGTH) {
                    add.encodeAdd(out, out.position(), 0).lid(nextLid++).sourceAddress(local).destinationAddress(peer)
                        .minTx(300_000).minRx(300_000).detectMult(3).ttl(255);
                    out.position(out.position() + MessageType.SESSION_LENGTH);
                }
                selector.select(100);
                selector.selectedKeys().clear();
                if (out.position() > 0) {
                    out.flip();
                    ch.write(out);
                    out.compact();
                }
                key.interestOps(out.position() > 0 || nextLid <= sessions
                    ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                final int n = ch.read(in);
                if (n < 0) {
                    throw new LoadFailure("the data plane closed after " + ups + " of " + sessions + " sessions");
                }
                int at = 0;
                final int end = in.position();
                while (end - at >= 8 && end - at >= (in.getShort(at + 6) & 0xFFFF)) {
                    final int length = in.getShort(at + 6) & 0xFFFF;
                    if (length < 8) {
                        throw new LoadFailure("frame length " + length + " below the header");
                    }
                    if ((in.getShort(at + 2) & 0xFFFF) == MessageType.BFD_STATE_CHANGE) {
                        change.wrap(in, at);
                        final int lid = change.lid();
                        if (lid < 1 || lid > sessions || change.state() != BfdState.UP.code()) {
                            throw new LoadFailure("unexpected state change: lid " + lid + " state " + change.state());
                        }
                        if (up.get(lid)) {
                            throw new LoadFailure("session " + lid + " reported up twice");
                        }
                        up.set(lid);
                        ups++;
                        lastProgress = System.nanoTime();
                    }
                    at += length;
                }
                in.limit(end).position(at);
                in.compact();
                if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new LoadFailure("stalled: " + ups + " of " + sessions + " sessions reported up");
                }
            }
            return new Result(sessions, (System.nanoTime() - start) / 1e9);
        }
    }
}
