package org.bgpmgmt.mgmt;

import java.util.Set;
import org.bgpmgmt.transport.TlsSettings;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageRegistry;
import org.bgpmgmt.wire.MessageType;

/**
 * The immutable snapshot of a {@link BgpMgmtConfig} a context is built from: read once, so a later
 * change to the config, or to the registry it carried, changes nothing in a running context. Any
 * thread.
 */
final class Settings {
    final String name;
    final int inputBufferSize;
    final int outputBufferSize;
    final int maxConnections;
    final long reconnectDelayMillis;
    final long reconnectMaxDelayMillis;
    final double reconnectJitter;
    final long requestTimeoutNanos;
    final long closeTimeoutNanos;
    final long callTimeoutNanos;
    final int maxFrameLength;
    final Framing framing;
    /** True when {@link #framing} is bfddp's: echoes answered, requests paired with replies. */
    final boolean bfddp;
    final long idleTimeoutNanos;
    final int maxPendingRequests;
    final Set<Integer> allowedUids;
    final MessageHandler unknownTypeHandler;
    /** TLS for a TCP endpoint, or null for none. */
    final TlsSettings tls;
    /** The config's types copied; catalogs define theirs here before the context starts. */
    final MessageRegistry<MessageHandler> registry;

    Settings(final BgpMgmtConfig c) {
        name = c.name();
        inputBufferSize = c.inputBufferSize();
        outputBufferSize = c.outputBufferSize();
        maxConnections = c.maxConnections();
        reconnectDelayMillis = c.reconnectDelayMillis();
        reconnectMaxDelayMillis = c.reconnectMaxDelayMillis();
        reconnectJitter = c.reconnectJitter();
        requestTimeoutNanos = c.requestTimeoutMillis() * 1_000_000L;
        closeTimeoutNanos = c.closeTimeout().toNanos();
        callTimeoutNanos = c.callTimeout().toNanos();
        maxFrameLength = c.maxFrameLength();
        framing = c.framing();
        bfddp = framing.equals(Framing.BFDDP);
        if (maxFrameLength < framing.headerLength()) {
            throw new IllegalArgumentException(name + ": maxFrameLength " + maxFrameLength + " is below the "
                + framing.headerLength() + "-byte " + framing.name() + " header");
        }
        idleTimeoutNanos = c.idleTimeoutMillis() * 1_000_000L;
        maxPendingRequests = c.maxPendingRequests();
        allowedUids = c.allowedUids();
        unknownTypeHandler = c.unknownTypeHandler();
        tls = c.tls() == null ? null : TlsSettings.of(c.tls().spec());
        registry = copy(c.registry());
    }

    private static MessageRegistry<MessageHandler> copy(final MessageRegistry<MessageHandler> from) {
        final MessageRegistry<MessageHandler> to = new MessageRegistry<>();
        for (int type = MessageType.BUILT_IN_COUNT; type <= 0xFFFF; type++) {
            final var e = from.entry(type);
            if (e != null) {
                to.register(type, e.name(), e.minPayloadLength(), e.handler());
            }
        }
        return to;
    }
}
