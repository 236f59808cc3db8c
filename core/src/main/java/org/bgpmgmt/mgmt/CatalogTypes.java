package org.bgpmgmt.mgmt;

import java.util.Objects;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageRegistry;
import org.bgpmgmt.wire.MessageType;

/**
 * Where a {@link Catalog} registers the message types it handles, while it is added to a context:
 * bfddp's built-in types (or, under another framing, its types below 256) with {@link #handle},
 * types of its own with {@link #define}. A type has at
 * most one handler. Not thread-safe; valid only during {@link Catalog#register}.
 */
public final class CatalogTypes {
    private final BgpMgmtContext context;
    private final MessageRegistry<MessageHandler> registry;
    private final MessageHandler[] lowTypes;
    private final Framing framing;
    private final boolean bfddp;

    CatalogTypes(final BgpMgmtContext context, final MessageRegistry<MessageHandler> registry,
                 final MessageHandler[] lowTypes, final Framing framing) {
        this.context = context;
        this.registry = registry;
        this.lowTypes = lowTypes;
        this.framing = framing;
        this.bfddp = framing.equals(Framing.BFDDP);
    }

    /**
     * Returns the framing of the context's connections, so that a catalog of one protocol can refuse a
     * context that frames another.
     *
     * @return the framing, {@link Framing#BFDDP} unless the config chose another
     */
    public Framing framing() {
        return framing;
    }

    /**
     * Returns the context the catalog is being added to.
     *
     * @return the context
     */
    public BgpMgmtContext context() {
        return context;
    }

    /**
     * Handles a bfddp built-in type (DP_ADD_SESSION, BFD_STATE_CHANGE, ...) with {@code handler},
     * or, under any other {@link BgpMgmtConfig#framing}, a type of that framing below 256 (such as
     * BMP's Peer Up). bfddp's echo types and the replies a request waits for are the connection's
     * own and never reach a handler.
     *
     * @param type a built-in bfddp type, or a type of the context's framing below 256
     * @param handler its handler
     * @return these types, to chain
     * @throws IllegalArgumentException if the type is not one of those or already has a handler
     */
    public CatalogTypes handle(final int type, final MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (type < 0 || type >= lowTypes.length
            || bfddp && (type == MessageType.ECHO_REQUEST || type == MessageType.ECHO_REPLY)) {
            throw new IllegalArgumentException("not a " + (bfddp ? "built-in type" : "type of this framing")
                + " a catalog may handle: " + type);
        }
        if (lowTypes[type] != null || registry.handler(type) != null) {
            throw new IllegalArgumentException((bfddp ? MessageType.name(type) : "type " + type)
                + " already has a handler");
        }
        lowTypes[type] = handler;
        return this;
    }

    /**
     * Defines a type of the catalog's own with its minimum payload length (shorter frames are a
     * protocol error) and its handler. Under a framing other than bfddp's, types 0 to 6 take
     * {@link #handle} instead and need no more than the framing's header.
     *
     * @param type the type, above bfddp's built-in ones
     * @param name its name, for logs
     * @param minPayloadLength the shortest payload it may carry
     * @param handler its handler
     * @return these types, to chain
     * @throws IllegalArgumentException if the type is taken
     */
    public CatalogTypes define(final int type, final String name, final int minPayloadLength,
                               final MessageHandler handler) {
        if (type >= 0 && type < lowTypes.length && lowTypes[type] != null) {
            throw new IllegalArgumentException("type " + type + " already has a handler");
        }
        registry.register(type, name, minPayloadLength, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Tells whether {@code type} already has a handler, given by {@link #handle} or {@link #define}, so
     * that a catalog can refuse a context another catalog of its protocol already serves.
     *
     * @param type the type
     * @return true when handled
     */
    public boolean isHandled(final int type) {
        return type >= 0 && type < lowTypes.length && lowTypes[type] != null || registry.handler(type) != null;
    }

    /**
     * Tells whether {@code type} is known to the context: built in, defined by a catalog, or in the
     * config's registry.
     *
     * @param type the type
     * @return true when taken
     */
    public boolean isDefined(final int type) {
        return registry.isRegistered(type);
    }
}
