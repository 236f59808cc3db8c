package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import org.bgpmgmt.transport.Acceptor;
import org.bgpmgmt.transport.Connector;
import org.bgpmgmt.wire.MessageRegistry;
import org.bgpmgmt.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context's side of its connections: where each frame goes (the handler a catalog registered
 * for its type, a handler from the config's registry, the unknown-type handler, or the count of
 * skipped frames), who hears a connection come up and go down, and how a broken connection is
 * closed: one warning naming the peer and the reason, a counter, and a reconnect in client mode.
 * Loop thread only, except the registration before start.
 */
final class Dispatch implements Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(BgpMgmtContext.class);

    private final String name;
    /** Handlers given by {@link CatalogTypes#handle}, by type: bfddp's built-in seven, or a framing's first 256. */
    private final MessageHandler[] lowTypes;
    private final boolean bfddp;
    private final org.bgpmgmt.wire.Framing framing;
    private final MessageRegistry<MessageHandler> registry;
    private final MessageHandler unknownTypeHandler;
    private final ContextListeners listeners;
    private Acceptor<Connection> acceptor;
    private Connector<Connection> connector;
    private boolean closing;
    long protocolErrors;
    long idleCloses;
    long tlsFailures;

    Dispatch(final Settings s, final ContextListeners listeners) {
        this.name = s.name;
        this.bfddp = s.bfddp;
        this.framing = s.framing;
        this.lowTypes = new MessageHandler[s.bfddp ? MessageType.BUILT_IN_COUNT : Math.min(s.framing.typeCount(), 256)];
        this.registry = s.registry;
        this.unknownTypeHandler = s.unknownTypeHandler;
        this.listeners = listeners;
    }

    CatalogTypes types(final BgpMgmtContext context) {
        return new CatalogTypes(context, registry, lowTypes, framing);
    }

    void serve(final Acceptor<Connection> a, final Connector<Connection> c) {
        acceptor = a;
        connector = c;
    }

    void closing() {
        closing = true;
    }

    @Override
    public void dispatch(final Connection from, final int type, final ByteBuffer in, final int offset,
                         final int length) {
        MessageHandler h = type < lowTypes.length ? lowTypes[type] : null;
        if (h == null) {
            h = registry.handler(type); // a defined type; bfddp's built-ins have none here
        }
        if (h == null && (type >= lowTypes.length || !bfddp)) {
            h = unknownTypeHandler;
        }
        if (h == null) {
            from.unhandled(); // a type nobody handles: counted and skipped, as bfdd does
            return;
        }
        try {
            h.onMessage(from, in, offset, length);
        } catch (Exception e) {
            from.handlerFailed();
            LOG.warn("{}: handler for type {} from {} failed", name, type, from.peer(), e);
        }
    }

    /** A connection is up: catalogs resync, listeners hear it, and the first write goes out. */
    void opened(final Connection c) {
        listeners.connectionUp(c);
        c.flush();
    }

    @Override
    public void closed(final Connection c) {
        listeners.connectionDown(c);
        if (acceptor != null) {
            acceptor.closed(c);
        } else if (!closing) {
            connector.closed();
        }
    }

    @Override
    public void lost(final Connection c, final String reason) {
        if (acceptor != null) {
            LOG.debug("{}: connection from {} lost: {}", name, c.peer(), reason); // peers come and go
        } else {
            LOG.info("{}: connection to {} lost: {}", name, c.peer(), reason);
        }
        c.close(reason);
    }

    @Override
    public void protocolError(final Connection c, final String reason) {
        protocolErrors++;
        LOG.warn("{}: protocol error from {}: {}; closing that connection", name, c.peer(), reason);
        c.close("protocol error: " + reason);
    }

    @Override
    public void tlsFailed(final Connection c, final String reason) {
        tlsFailed(c.peer(), reason);
        c.close("TLS failure: " + reason);
    }

    /** A TLS handshake or record failed: one warning naming the peer and the reason, one count. */
    void tlsFailed(final String peer, final String reason) {
        tlsFailures++;
        LOG.warn("{}: TLS with {} failed: {}; closing that connection", name, peer, reason);
    }

    @Override
    public void idle(final Connection c, final long silentMillis) {
        idleCloses++;
        LOG.info("{}: closing {}: no input for {} ms (idleTimeout)", name, c.peer(), silentMillis);
        c.close("idle for " + silentMillis + " ms");
    }
}
