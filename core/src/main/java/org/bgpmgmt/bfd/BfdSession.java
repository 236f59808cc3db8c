package org.bgpmgmt.bfd;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import org.bgpmgmt.wire.SessionFlags;
import org.bgpmgmt.wire.SessionMessage;

/**
 * One BFD session as the control plane configures it, the content of DP_ADD_SESSION: addresses,
 * timers, flags, interface. Immutable; any thread. Build one with {@link #builder(int)}.
 */
public final class BfdSession {
    private final int lid;
    private final int flags;
    /** Raw, for {@link SessionCodec}: the accessors allocate an {@link InetAddress}. */
    final byte[] source;
    final byte[] destination;
    private final long minTxMicros;
    private final long minRxMicros;
    private final long minEchoTxMicros;
    private final long minEchoRxMicros;
    private final long holdTimeMillis;
    private final int ttl;
    private final int detectMultiplier;
    private final int ifindex;
    private final String ifname;

    private BfdSession(final Builder b) {
        this.lid = b.lid;
        this.flags = b.flags | (b.destination.length == 16 ? SessionFlags.IPV6 : 0);
        this.source = b.source;
        this.destination = b.destination;
        this.minTxMicros = b.minTxMicros;
        this.minRxMicros = b.minRxMicros;
        this.minEchoTxMicros = b.minEchoTxMicros;
        this.minEchoRxMicros = b.minEchoRxMicros;
        this.holdTimeMillis = b.holdTimeMillis;
        this.ttl = b.ttl;
        this.detectMultiplier = b.detectMultiplier;
        this.ifindex = b.ifindex;
        this.ifname = b.ifname;
    }

    /**
     * Starts a session with local discriminator {@code lid}, bfdd's unique key, and bfdd's
     * defaults: 300 ms timers, detect multiplier 3, single hop (TTL 255).
     *
     * @param lid the local discriminator, non-zero
     * @return a builder
     */
    public static Builder builder(final int lid) {
        if (lid == 0) {
            throw new IllegalArgumentException("lid must not be 0");
        }
        return new Builder(lid);
    }

    /**
     * Returns the local discriminator, bfdd's unique key for the session, as raw 32 bits (unsigned on the wire).
     *
     * @return the local discriminator, the session's key
     */
    public int lid() {
        return lid;
    }

    /**
     * Returns the session flags; {@link SessionFlags#IPV6} is set exactly when the addresses are IPv6.
     *
     * @return the {@link SessionFlags} bits, IPV6 included when the addresses are IPv6
     */
    public int flags() {
        return flags;
    }

    /**
     * Returns the local (source) address as a new {@link InetAddress}. Allocates.
     *
     * @return the local address; allocates
     */
    public InetAddress source() {
        return SessionCodec.address(source);
    }

    /**
     * Returns the peer (destination) address as a new {@link InetAddress}. Allocates.
     *
     * @return the peer address; allocates
     */
    public InetAddress destination() {
        return SessionCodec.address(destination);
    }

    /**
     * Returns the desired minimum transmit interval in µs, 0..4294967295.
     *
     * @return the desired minimum transmit interval, microseconds
     */
    public long minTxMicros() {
        return minTxMicros;
    }

    /**
     * Returns the required minimum receive interval in µs, 0..4294967295.
     *
     * @return the required minimum receive interval, microseconds
     */
    public long minRxMicros() {
        return minRxMicros;
    }

    /**
     * Returns the desired minimum echo transmit interval in µs, 0..4294967295.
     *
     * @return the desired minimum echo transmit interval, microseconds
     */
    public long minEchoTxMicros() {
        return minEchoTxMicros;
    }

    /**
     * Returns the required minimum echo receive interval in µs, 0..4294967295.
     *
     * @return the required minimum echo receive interval, microseconds
     */
    public long minEchoRxMicros() {
        return minEchoRxMicros;
    }

    /**
     * Returns the hold time in ms, 0..4294967295.
     *
     * @return the hold time, milliseconds
     */
    public long holdTimeMillis() {
        return holdTimeMillis;
    }

    /**
     * Returns the TTL, 0..255.
     *
     * @return the TTL (255 for single hop)
     */
    public int ttl() {
        return ttl;
    }

    /**
     * Returns the detection multiplier, 0..255.
     *
     * @return the detection multiplier
     */
    public int detectMultiplier() {
        return detectMultiplier;
    }

    /**
     * Returns the interface index as raw 32 bits (unsigned on the wire).
     *
     * @return the interface index, 0 when none
     */
    public int ifindex() {
        return ifindex;
    }

    /**
     * Returns the interface name, at most 63 bytes of UTF-8.
     *
     * @return the interface name, empty when none
     */
    public String ifname() {
        return ifname;
    }

    /**
     * Returns whether {@code o} is a session with the same value in every field.
     *
     * @param o the object to compare with, may be null
     * @return true if o is an equal {@link BfdSession}
     */
    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof BfdSession)) {
            return false;
        }
        final BfdSession s = (BfdSession) o;
        return lid == s.lid && flags == s.flags && Arrays.equals(source, s.source)
            && Arrays.equals(destination, s.destination) && minTxMicros == s.minTxMicros
            && minRxMicros == s.minRxMicros && minEchoTxMicros == s.minEchoTxMicros
            && minEchoRxMicros == s.minEchoRxMicros && holdTimeMillis == s.holdTimeMillis && ttl == s.ttl
            && detectMultiplier == s.detectMultiplier && ifindex == s.ifindex && ifname.equals(s.ifname);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(lid, flags, Arrays.hashCode(destination), minTxMicros, ifname);
    }

    /**
     * Returns a one-line summary for logs: lid, addresses, interface, timers in ms and multiplier.
     * Allocates.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "BfdSession[lid " + Integer.toUnsignedString(lid) + ", " + source().getHostAddress() + " -> "
            + destination().getHostAddress() + (ifname.isEmpty() ? "" : " on " + ifname) + ", tx "
            + minTxMicros / 1000 + " ms, rx " + minRxMicros / 1000 + " ms, x" + detectMultiplier + ']';
    }

    /** Collects the fields of a {@link BfdSession}. Not thread-safe. */
    public static final class Builder {
        private final int lid;
        /** Set raw by {@link SessionCodec} from the wire; the public setters check. */
        int flags;
        byte[] source = new byte[4];
        byte[] destination = new byte[4];
        private long minTxMicros = 300_000;
        private long minRxMicros = 300_000;
        private long minEchoTxMicros = 50_000;
        private long minEchoRxMicros = 50_000;
        private long holdTimeMillis;
        private int ttl = 255;
        private int detectMultiplier = 3;
        private int ifindex;
        private String ifname = "";

        Builder(final int lid) {
            this.lid = lid;
        }

        /**
         * Sets the local and peer addresses; both IPv4 or both IPv6.
         *
         * @param local the local address
         * @param peer the peer address
         * @return this builder
         * @throws IllegalArgumentException if one address is IPv4 and the other IPv6
         */
        public Builder addresses(final InetAddress local, final InetAddress peer) {
            if ((local instanceof Inet6Address) != (peer instanceof Inet6Address)) {
                throw new IllegalArgumentException("mixed address families: " + local + " and " + peer);
            }
            this.source = local.getAddress();
            this.destination = peer.getAddress();
            return this;
        }

        /**
         * Sets the {@link SessionFlags} bits other than IPV6, which follows the addresses.
         *
         * @param bits the flags
         * @return this builder
         * @throws IllegalArgumentException if bits has a bit outside {@link SessionFlags#ALL}
         */
        public Builder flags(final int bits) {
            if ((bits & ~SessionFlags.ALL) != 0) {
                throw new IllegalArgumentException("unknown session flag bits: 0x" + Integer.toHexString(bits));
            }
            this.flags = bits & ~SessionFlags.IPV6;
            return this;
        }

        /**
         * Sets the desired minimum transmit interval (default 300 ms); returns this.
         *
         * @param micros desired minimum transmit interval in µs, 0..4294967295
         * @return this builder
         * @throws IllegalArgumentException if micros is not 0..4294967295
         */
        public Builder minTx(final long micros) {
            this.minTxMicros = SessionCodec.u32(micros, "minTx");
            return this;
        }

        /**
         * Sets the required minimum receive interval (default 300 ms); returns this.
         *
         * @param micros required minimum receive interval in µs, 0..4294967295
         * @return this builder
         * @throws IllegalArgumentException if micros is not 0..4294967295
         */
        public Builder minRx(final long micros) {
            this.minRxMicros = SessionCodec.u32(micros, "minRx");
            return this;
        }

        /**
         * Sets the desired minimum echo transmit interval (default 50 ms); returns this.
         *
         * @param micros desired minimum echo transmit interval in µs, 0..4294967295
         * @return this builder
         * @throws IllegalArgumentException if micros is not 0..4294967295
         */
        public Builder minEchoTx(final long micros) {
            this.minEchoTxMicros = SessionCodec.u32(micros, "minEchoTx");
            return this;
        }

        /**
         * Sets the required minimum echo receive interval (default 50 ms); returns this.
         *
         * @param micros required minimum echo receive interval in µs, 0..4294967295
         * @return this builder
         * @throws IllegalArgumentException if micros is not 0..4294967295
         */
        public Builder minEchoRx(final long micros) {
            this.minEchoRxMicros = SessionCodec.u32(micros, "minEchoRx");
            return this;
        }

        /**
         * Sets the hold time (default 0); returns this.
         *
         * @param millis hold time in ms, 0..4294967295
         * @return this builder
         * @throws IllegalArgumentException if millis is not 0..4294967295
         */
        public Builder holdTime(final long millis) {
            this.holdTimeMillis = SessionCodec.u32(millis, "holdTime");
            return this;
        }

        /**
         * Sets the TTL (default 255, single hop); returns this.
         *
         * @param value TTL, 0..255
         * @return this builder
         * @throws IllegalArgumentException if value is not 0..255
         */
        public Builder ttl(final int value) {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("ttl out of 0..255: " + value);
            }
            this.ttl = value;
            return this;
        }

        /**
         * Sets the detection multiplier (default 3); returns this.
         *
         * @param value detection multiplier, 0..255
         * @return this builder
         * @throws IllegalArgumentException if value is not 0..255
         */
        public Builder detectMultiplier(final int value) {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("detectMultiplier out of 0..255: " + value);
            }
            this.detectMultiplier = value;
            return this;
        }

        /**
         * Sets the interface index (default 0, none); returns this.
         *
         * @param value interface index as raw 32 bits, 0 for none
         * @return this builder
         */
        public Builder ifindex(final int value) {
            this.ifindex = value;
            return this;
        }

        /**
         * Sets the interface name (default empty, none); returns this.
         *
         * @param name interface name, at most 63 bytes of UTF-8; empty for none
         * @return this builder
         * @throws NullPointerException if name is null
         * @throws IllegalArgumentException if name is longer than 63 bytes in UTF-8
         */
        public Builder ifname(final String name) {
            Objects.requireNonNull(name, "ifname");
            if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SessionMessage.IFNAME_MAX_LENGTH) {
                throw new IllegalArgumentException("ifname longer than 63 bytes: " + name);
            }
            this.ifname = name;
            return this;
        }

        /**
         * Builds an immutable session from the fields set so far.
         *
         * @return a new session
         */
        public BfdSession build() {
            return new BfdSession(this);
        }
    }
}
