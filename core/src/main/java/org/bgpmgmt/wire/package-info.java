/**
 * Encodes and decodes FRR's bfddp version 1 messages (the distributed-BFD data-plane protocol of
 * FRR 8.4) in place, over {@link java.nio.ByteBuffer}s, without allocating.
 *
 * <p>Every message is big-endian, starts with the 8-byte header read by {@link
 * org.bgpmgmt.wire.Header}, and has a fixed size; C struct padding is part of that size and is
 * always written as zero. One flyweight class per payload layout reads and writes the fields:
 * {@link org.bgpmgmt.wire.EchoMessage} (types 0 and 1), {@link org.bgpmgmt.wire.SessionMessage}
 * (types 2 and 3), {@link org.bgpmgmt.wire.StateChangeMessage} (type 4), {@link
 * org.bgpmgmt.wire.CountersRequestMessage} (type 5) and {@link
 * org.bgpmgmt.wire.CountersReplyMessage} (type 6). {@link org.bgpmgmt.wire.FrameDecoder} cuts a
 * byte stream into frames and reports protocol errors as {@link org.bgpmgmt.wire.ProtocolError};
 * {@link org.bgpmgmt.wire.MessageRegistry} maps type numbers, including user-defined ones, to
 * handlers.
 *
 * <p>Buffers: the codec only uses absolute {@code get}/{@code put} at an offset the caller gives;
 * it never reads or moves a buffer's position, limit or mark. Buffers must be in {@link
 * java.nio.ByteOrder#BIG_ENDIAN} order (the {@code ByteBuffer} default); heap and direct buffers
 * both work.
 *
 * <p>Thread model: every class states its rule in fixed words. "Not thread-safe." means an
 * instance must be confined to one thread at a time (typically the connection's event-loop
 * thread); flyweights and frame decoders are cheap and meant to be held one per connection.
 * "Thread-safe: immutable." means instances never change and may be shared freely. The library
 * starts no threads and takes no locks.
 *
 * <p>Dependencies: this package depends on nothing but the JDK ({@code java.base}).
 */
package org.bgpmgmt.wire;
