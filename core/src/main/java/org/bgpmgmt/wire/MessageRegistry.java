package org.bgpmgmt.wire;

import java.util.Objects;

/**
 * Maps message type numbers (0..65535) to {@link RegisteredType} entries, so that users add
 * message types of their own without touching this library.
 *
 * <p>The seven bfddp v1 types are registered on construction, without handler; a type can be
 * registered only once, so neither a built-in nor a user type is ever silently replaced. User
 * types may use any free number; {@link MessageType#FIRST_USER_TYPE} and up is suggested. Lookups
 * are two array loads, with no boxing or hashing.
 *
 * <p>Not thread-safe. Register every type before the registry is shared; after that, lookups on
 * a safely published registry that nobody modifies are safe from any thread.
 *
 * @param <H> the handler type; the connection layer decides what a handler is
 */
public final class MessageRegistry<H> {

    // 65536 entries as 256 lazily created pages of 256 keeps a registry small when, as usual, only
    // a few pages (0 for the built-ins, one or two for user types) are ever used.
    private static final int PAGE_SHIFT = 8;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int PAGE_COUNT = (MessageType.MAX_TYPE + 1) >> PAGE_SHIFT;

    private static final int MAX_PAYLOAD_LENGTH = Bytes.U16_MAX - Header.HEADER_LENGTH;

    private final RegisteredType<H>[][] pages = newPages();
    private int count;

    /** Creates a registry holding the seven built-in types. */
    public MessageRegistry() {
        for (int type = 0; type < MessageType.BUILT_IN_COUNT; type++) {
            put(new RegisteredType<>(
                    type,
                    MessageType.name(type),
                    MessageType.fixedLength(type) - Header.HEADER_LENGTH,
                    null,
                    true));
        }
    }

    /**
     * Registers a user message type; returns this, to chain registrations.
     *
     * @param type the type number, 0..65535, not yet registered
     * @param name a non-empty name for logs
     * @param minPayloadLength the fewest payload bytes after the header a frame of this type must
     *     carry, 0..65527; {@link FrameDecoder} reports shorter frames as {@link
     *     ProtocolError#PAYLOAD_TOO_SHORT}
     * @param handler the handler the connection layer will call, not null
     * @return this registry, for chaining
     * @throws NullPointerException if name or handler is null
     * @throws IllegalArgumentException if the type is out of range, built in or already registered
     *     (the message names the type number), or the name or length is invalid
     */
    public MessageRegistry<H> register(int type, String name, int minPayloadLength, H handler) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Bytes.checkU16(type, "type");
        RegisteredType<H> existing = entry(type);
        if (existing != null) {
            throw new IllegalArgumentException(
                    "message type " + type + " is already registered as "
                            + (existing.builtIn() ? "built-in " : "") + existing.name());
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name of message type " + type + " is empty");
        }
        if (minPayloadLength < 0 || minPayloadLength > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException(
                    "minPayloadLength of message type " + type + " must be 0.." + MAX_PAYLOAD_LENGTH
                            + ", got " + minPayloadLength);
        }
        put(new RegisteredType<>(type, name, minPayloadLength, handler, false));
        return this;
    }

    /**
     * Returns the entry registered for {@code type}, or null if none (or out of 0..65535).
     *
     * @param type the type number; any int is accepted
     * @return the entry, or null
     */
    public RegisteredType<H> entry(int type) {
        if ((type & ~MessageType.MAX_TYPE) != 0) {
            return null;
        }
        RegisteredType<H>[] page = pages[type >>> PAGE_SHIFT];
        return page == null ? null : page[type & PAGE_MASK];
    }

    /**
     * Returns whether {@code type} is registered.
     *
     * @param type the type number; any int is accepted
     * @return true if an entry exists for type
     */
    public boolean isRegistered(int type) {
        return entry(type) != null;
    }

    /**
     * Returns the handler registered for {@code type}, or null if the type is unregistered or built
     * in.
     *
     * @param type the type number; any int is accepted
     * @return the user's handler, or null
     */
    public H handler(int type) {
        RegisteredType<H> entry = entry(type);
        return entry == null ? null : entry.handler();
    }

    /**
     * Returns the fewest bytes a whole frame of {@code type} must have, header included: the
     * registered minimum, or 8 (the header alone) for an unregistered type.
     *
     * @param type the type number; any int is accepted
     * @return the minimum frame length in bytes, 8..65535
     */
    public int minFrameLength(int type) {
        RegisteredType<H> entry = entry(type);
        return entry == null ? Header.HEADER_LENGTH : entry.minFrameLength();
    }

    /**
     * Returns the number of registered types, built-ins included.
     *
     * @return the number of registered types, at least 7
     */
    public int size() {
        return count;
    }

    private void put(RegisteredType<H> entry) {
        int pageIndex = entry.type() >>> PAGE_SHIFT;
        RegisteredType<H>[] page = pages[pageIndex];
        if (page == null) {
            page = newPage();
            pages[pageIndex] = page;
        }
        page[entry.type() & PAGE_MASK] = entry;
        count++;
    }

    // Generic arrays cannot be created directly; these arrays never escape, so the casts hold.
    @SuppressWarnings("unchecked")
    private static <H> RegisteredType<H>[][] newPages() {
        return (RegisteredType<H>[][]) new RegisteredType<?>[PAGE_COUNT][];
    }

    @SuppressWarnings("unchecked")
    private static <H> RegisteredType<H>[] newPage() {
        return (RegisteredType<H>[]) new RegisteredType<?>[PAGE_SIZE];
    }
}
