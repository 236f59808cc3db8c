package org.bgpmgmt.mgmt;

import java.time.Duration;
import java.util.Objects;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageRegistry;

/**
 * Settings of a {@link BgpMgmtContext}, copied when the context is created, so changing a config
 * later changes no context. Not thread-safe.
 * Defaults follow bfdd's data-plane code where it has one: 8 KiB buffers, a 3 s reconnect delay.
 */
public final class BgpMgmtConfig {
    private static final int MAX_BUFFER = 16 << 20;
    private Framing framing = Framing.BFDDP;
    private String name = "bgpmgmt";
    private int inputBufferSize = 8192;
    private int outputBufferSize = 8192;
    private int maxConnections = 1024;
    private Duration reconnectDelay = Duration.ofSeconds(3);
    private Duration reconnectMaxDelay = Duration.ofSeconds(30);
    private double reconnectJitter = 0.1;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration closeTimeout = Duration.ofSeconds(2);
    private Duration callTimeout = Duration.ofSeconds(5);
    private MessageRegistry<MessageHandler> registry = new MessageRegistry<>();
    private MessageHandler unknownTypeHandler;
    private int maxFrameLength;
    private Duration idleTimeout = Duration.ZERO;
    private int maxPendingRequests = 1024;
    private java.util.Set<Integer> allowedUids;
    private TlsConfig tls;

    /** Creates a config holding the defaults. */
    public BgpMgmtConfig() {
    }

    /**
     * Sets the name used in logs and task names. Default "bgpmgmt".
     *
     * @param value a non-empty name
     * @return this config
     */
    public BgpMgmtConfig name(final String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("name must not be null or empty: " + value);
        }
        this.name = value;
        return this;
    }

    /**
     * Sets each connection's input buffer size, which is also the largest frame accepted.
     * Default 8192, as bfdd.
     *
     * @param bytes at least 140 (one DP_ADD_SESSION), at most 16 MiB (a framing with a 4-byte length
     *     field, such as BMP's, carries frames over 64 KiB)
     * @return this config
     */
    public BgpMgmtConfig inputBufferSize(final int bytes) {
        this.inputBufferSize = bufferSize(bytes, "inputBufferSize");
        return this;
    }

    /**
     * Sets each connection's output buffer size. Default 8192, as bfdd.
     *
     * @param bytes at least 140 (one DP_ADD_SESSION), at most 16 MiB
     * @return this config
     */
    public BgpMgmtConfig outputBufferSize(final int bytes) {
        this.outputBufferSize = bufferSize(bytes, "outputBufferSize");
        return this;
    }

    /**
     * Sets how many connections a server keeps at once; a newcomer over it is closed and counted.
     * Default 1024.
     *
     * @param max at least 1
     * @return this config
     */
    public BgpMgmtConfig maxConnections(final int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConnections < 1: " + max);
        }
        this.maxConnections = max;
        return this;
    }

    /**
     * Sets the first delay before a client reconnects after a failed connect or a lost
     * connection. Default 3 s, as bfdd. Each further failure doubles it up to
     * {@link #reconnectMaxDelay}; a successful connect starts over.
     *
     * @param delay a positive duration
     * @return this config
     */
    public BgpMgmtConfig reconnectDelay(final Duration delay) {
        this.reconnectDelay = positive(delay, "reconnectDelay");
        return this;
    }

    /**
     * Sets the cap of the reconnect backoff. Default 30 s.
     *
     * @param delay a positive duration
     * @return this config
     */
    public BgpMgmtConfig reconnectMaxDelay(final Duration delay) {
        this.reconnectMaxDelay = positive(delay, "reconnectMaxDelay");
        return this;
    }

    /**
     * Sets the random spread of each reconnect delay, as a fraction: 0.1 means plus or minus 10%,
     * so that many clients of one restarted server do not return in one burst. Default 0.1.
     *
     * @param fraction 0 to 1
     * @return this config
     */
    public BgpMgmtConfig reconnectJitter(final double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("reconnectJitter out of 0..1: " + fraction);
        }
        this.reconnectJitter = fraction;
        return this;
    }

    /**
     * Sets how long a counters request or echo waits for its reply. Default 5 s.
     *
     * @param timeout a positive duration
     * @return this config
     */
    public BgpMgmtConfig requestTimeout(final Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /**
     * Sets how long {@link BgpMgmtContext#close()} waits for queued output to drain. Default 2 s.
     *
     * @param timeout a positive duration
     * @return this config
     */
    public BgpMgmtConfig closeTimeout(final Duration timeout) {
        this.closeTimeout = positive(timeout, "closeTimeout");
        return this;
    }

    /**
     * Sets how long a call across to the loop ({@link BgpMgmtContext#call}, and the catalogs' operations built
     * on it) may wait for the loop to run it before its future fails with {@link RequestTimeoutException}.
     * Default 5 s.
     *
     * @param timeout positive
     * @return this config
     */
    public BgpMgmtConfig callTimeout(final Duration timeout) {
        this.callTimeout = positive(timeout, "callTimeout");
        return this;
    }

    /**
     * Sets the registry of message types: the seven bfddp types plus any the user registered,
     * each with a {@link MessageHandler}. Default: the bfddp types only.
     *
     * @param value the registry; register every type before creating the context
     * @return this config
     */
    public BgpMgmtConfig registry(final MessageRegistry<MessageHandler> value) {
        this.registry = Objects.requireNonNull(value, "registry");
        return this;
    }

    /**
     * Sets a handler for message types nobody registered. Without one they are counted and
     * skipped, as bfdd does.
     *
     * @param handler the handler, or null to count and skip
     * @return this config
     */
    public BgpMgmtConfig unknownTypeHandler(final MessageHandler handler) {
        this.unknownTypeHandler = handler;
        return this;
    }

    /**
     * Sets how the connections' byte streams are cut into frames. Default {@link Framing#BFDDP}: bfddp,
     * whose echoes the connection answers and whose replies it pairs with their requests. Under any
     * other framing every frame goes to the handler of its type (see {@link Catalog}), and the BFD views of
     * {@code org.bgpmgmt.bfd} refuse the context.
     *
     * @param value the framing
     * @return this config
     */
    public BgpMgmtConfig framing(final Framing value) {
        this.framing = Objects.requireNonNull(value, "framing");
        return this;
    }

    /**
     * Sets the largest frame a peer may send; a longer one is a protocol error that closes the
     * connection. Default: the input buffer size, which is also its upper bound, as is the largest
     * frame the framing's length field can describe.
     *
     * @param bytes 8 (a bare bfddp header) up to the input buffer size
     * @return this config
     */
    public BgpMgmtConfig maxFrameLength(final int bytes) {
        if (bytes < 8 || bytes > MAX_BUFFER) {
            throw new IllegalArgumentException("maxFrameLength out of 8.." + MAX_BUFFER + ": " + bytes);
        }
        this.maxFrameLength = bytes;
        return this;
    }

    /**
     * Sets how long a connection may stay silent (no input at all) before it is closed and counted:
     * a peer that connects and sends nothing cannot hold a slot for ever. Default zero: off, as
     * bfdd, whose peers may legitimately go quiet between session changes.
     *
     * @param timeout zero for none, else positive
     * @return this config
     */
    public BgpMgmtConfig idleTimeout(final Duration timeout) {
        Objects.requireNonNull(timeout, "idleTimeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout < 0: " + timeout);
        }
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * Sets how many requests (counters, echo, user requests) may wait for replies on one
     * connection; one more fails at once with {@link IllegalStateException} and is counted, so a
     * peer that never answers cannot make its context hoard futures. Default 1024.
     *
     * @param max 1 to 65535 (ids are 16 bits)
     * @return this config
     */
    public BgpMgmtConfig maxPendingRequests(final int max) {
        if (max < 1 || max > 65_535) {
            throw new IllegalArgumentException("maxPendingRequests out of 1..65535: " + max);
        }
        this.maxPendingRequests = max;
        return this;
    }

    /**
     * Lets a unix-socket server accept only peers running as one of {@code uids}, checked with the
     * kernel's peer credentials ({@code SO_PEERCRED}); others are closed at once with a logged
     * reason and counted. Default: no check (the socket file is owner-only anyway). Has no effect
     * on TCP.
     *
     * @param uids the numeric user ids allowed to connect
     * @return this config
     */
    public BgpMgmtConfig allowedUids(final int... uids) {
        final java.util.Set<Integer> set = new java.util.TreeSet<>();
        for (int uid : uids) {
            if (uid < 0) {
                throw new IllegalArgumentException("uid < 0: " + uid);
            }
            set.add(uid);
        }
        this.allowedUids = java.util.Collections.unmodifiableSet(set);
        return this;
    }

    /**
     * Turns on mutual TLS for a TCP endpoint, in either mode and role; see {@link TlsConfig}. The key
     * stores are read when the context is created. Default: none (plain bfddp, as FRR speaks it). A
     * unix-socket endpoint refuses it: the socket file is owner-only already.
     *
     * @param config the key material and limits, or null for plain TCP
     * @return this config
     */
    public BgpMgmtConfig tls(final TlsConfig config) {
        this.tls = config;
        return this;
    }

    private static int bufferSize(final int bytes, final String what) {
        if (bytes < 140 || bytes > MAX_BUFFER) {
            throw new IllegalArgumentException(what + " out of 140.." + MAX_BUFFER + ": " + bytes);
        }
        return bytes;
    }

    private static Duration positive(final Duration d, final String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    String name() {
        return name;
    }

    int inputBufferSize() {
        return inputBufferSize;
    }

    int outputBufferSize() {
        return outputBufferSize;
    }

    int maxConnections() {
        return maxConnections;
    }

    long reconnectDelayMillis() {
        return reconnectDelay.toMillis();
    }

    long reconnectMaxDelayMillis() {
        return reconnectMaxDelay.toMillis();
    }

    double reconnectJitter() {
        return reconnectJitter;
    }

    long requestTimeoutMillis() {
        return requestTimeout.toMillis();
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    MessageRegistry<MessageHandler> registry() {
        return registry;
    }

    int maxFrameLength() {
        final int max = Math.min(inputBufferSize, framing.maxFrameLength());
        return maxFrameLength == 0 ? max : Math.min(maxFrameLength, max);
    }

    Framing framing() {
        return framing;
    }

    long idleTimeoutMillis() {
        return idleTimeout.toMillis();
    }

    int maxPendingRequests() {
        return maxPendingRequests;
    }

    java.util.Set<Integer> allowedUids() {
        return allowedUids;
    }

    TlsConfig tls() {
        return tls;
    }

    MessageHandler unknownTypeHandler() {
        return unknownTypeHandler;
    }
}
