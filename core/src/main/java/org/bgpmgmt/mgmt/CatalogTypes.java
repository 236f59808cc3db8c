package org.bgpmgmt.mgmt;

import java.util.Objects;
import org.bgpmgmt.wire.MessageRegistry;
import org.bgpmgmt.wire.MessageType;

/**
 * Where a {@link Catalog} registers the message types it handles, while it is added to a context:
 * bfddp's built-in types with {@link #handle}, types of its own with {@link #define}. A type has at
 * most one handler. Not thread-safe; valid only during {@link Catalog#register}.
 */
public final class CatalogTypes {
    private final BgpMgmtContext context;
    private final MessageRegistry<MessageHandler> registry;
    private final MessageHandler[] builtIn;

    CatalogTypes(final BgpMgmtContext context, final MessageRegistry<MessageHandler> registry,
                 final MessageHandler[] builtIn) {
        this.context = context;
        this.registry = registry;
        this.builtIn = builtIn;
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
     * Handles a bfddp built-in type (DP_ADD_SESSION, BFD_STATE_CHANGE, ...) with {@code handler}.
     * The echo types and replies that a request waits for are the connection's own and never
     * reach a handler.
     *
     * @param type a built-in type
     * @param handler its handler
     * @return these types, to chain
     * @throws IllegalArgumentException if the type is not built in or already has a handler
     */
    public CatalogTypes handle(final int type, final MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (type < 0 || type >= MessageType.BUILT_IN_COUNT || type == MessageType.ECHO_REQUEST
            || type == MessageType.ECHO_REPLY) {
            throw new IllegalArgumentException("not a built-in type a catalog may handle: " + type);
        }
        if (builtIn[type] != null) {
            throw new IllegalArgumentException(MessageType.name(type) + " already has a handler");
        }
        builtIn[type] = handler;
        return this;
    }

    /**
     * Defines a type of the catalog's own with its minimum payload length (shorter frames are a
     * protocol error) and its handler.
     *
     * @param type the type, above the built-in ones
     * @param name its name, for logs
     * @param minPayloadLength the shortest payload it may carry
     * @param handler its handler
     * @return these types, to chain
     * @throws IllegalArgumentException if the type is taken
     */
    public CatalogTypes define(final int type, final String name, final int minPayloadLength,
                               final MessageHandler handler) {
        registry.register(type, name, minPayloadLength, Objects.requireNonNull(handler, "handler"));
        return this;
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
