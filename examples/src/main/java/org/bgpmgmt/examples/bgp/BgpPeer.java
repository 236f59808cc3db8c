package org.bgpmgmt.examples.bgp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One BGP peer as the control plane configures it, the content of a {@link
 * BgpMessageType#PEER_ADD}: key, addresses, AS numbers, timers, flags and description. Build one
 * with {@link #builder(int)}; the builder enforces what a receiver checks, so a peer that builds
 * is one the other side accepts.
 *
 * <p>Thread-safe: immutable.
 */
public final class BgpPeer {

    /** RFC 4271 §10 suggests a hold time of 90 s; the builder's default. */
    public static final int DEFAULT_HOLD_TIME_SECONDS = 90;

    /** One third of the default hold time (RFC 4271 §10); the builder's default. */
    public static final int DEFAULT_KEEPALIVE_SECONDS = 30;

    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final int U16_MAX = 0xFFFF;

    private final int key;
    private final int flags;
    private final byte[] peerAddress;
    private final byte[] localAddress;
    private final long remoteAs;
    private final long localAs;
    private final int holdTimeSeconds;
    private final int keepaliveSeconds;
    private final String description;
    private final byte[] descriptionUtf8;

    private BgpPeer(final Builder b, final byte[] local) {
        this.key = b.key;
        this.flags = b.flags | (b.peerAddress.length == 16 ? PeerFlags.IPV6 : 0);
        this.peerAddress = b.peerAddress;
        this.localAddress = local;
        this.remoteAs = b.remoteAs;
        this.localAs = b.localAs;
        this.holdTimeSeconds = b.holdTimeSeconds;
        this.keepaliveSeconds = b.keepaliveSeconds;
        this.description = b.description;
        this.descriptionUtf8 = b.descriptionUtf8;
    }

    /**
     * Starts a peer with key {@code key}, the catalog's unique lid, and RFC 4271's suggested
     * timers (hold time 90 s, keepalive 30 s). Any thread.
     *
     * @param key the peer key, non-zero
     * @return a builder
     * @throws IllegalArgumentException if key is 0
     */
    public static Builder builder(final int key) {
        if (key == 0) {
            throw new IllegalArgumentException("peer key must not be 0");
        }
        return new Builder(key);
    }

    /**
     * Reads the peer a PEER_ADD carries, with the checks a receiver makes. Allocates.
     *
     * @throws IllegalArgumentException naming the field when the frame is malformed
     */
    static BgpPeer from(final PeerAddMessage m) {
        final Builder b = builder(m.key());
        final int length = m.addressLength();
        final byte[] peer = new byte[length];
        final byte[] local = new byte[length];
        m.copyPeerAddressTo(peer, 0);
        m.copyLocalAddressTo(local, 0);
        b.peerAddress = peer;
        b.localAddress = local;
        final int descriptionLength = m.descriptionLength();
        if (descriptionLength > PeerAddMessage.DESCRIPTION_FIELD_LENGTH) {
            throw new IllegalArgumentException("description length " + descriptionLength + " exceeds "
                + PeerAddMessage.DESCRIPTION_FIELD_LENGTH);
        }
        final byte[] text = new byte[descriptionLength];
        m.copyDescriptionTo(text, 0);
        b.descriptionUtf8 = text;
        b.description = Utf8Text.decode(text);
        b.flags = m.flags() & (PeerFlags.PASSIVE | PeerFlags.SHUTDOWN); // reserved bits are ignored
        return b.remoteAs(m.remoteAs()).localAs(m.localAs()).holdTime(m.holdTime()).keepalive(m.keepalive())
            .build();
    }

    /** Writes every field into a PEER_ADD the caller has just started. Does not allocate. */
    void writeTo(final PeerAddMessage m) {
        m.key(key).flags(flags).peerAddress(peerAddress).localAddress(localAddress).remoteAs(remoteAs)
            .localAs(localAs).holdTime(holdTimeSeconds).keepalive(keepaliveSeconds)
            .description(descriptionUtf8, 0, descriptionUtf8.length);
    }

    /**
     * Returns the peer key, the catalog's lid (unsigned on the wire). Any thread.
     *
     * @return the peer key, the catalog's lid (unsigned on the wire)
     */
    public int key() {
        return key;
    }

    /**
     * Returns the {@link PeerFlags} bits, IPV6 included when the addresses are IPv6. Any thread.
     *
     * @return the {@link PeerFlags} bits, IPV6 included when the addresses are IPv6
     */
    public int flags() {
        return flags;
    }

    /**
     * Returns the peer's address. Allocates. Any thread.
     *
     * @return the peer's address
     */
    public InetAddress peerAddress() {
        return address(peerAddress);
    }

    /**
     * Returns the local address, the unspecified address (0.0.0.0 or ::) for "any". Allocates. Any thread.
     *
     * @return the local address, the unspecified address (0.0.0.0 or ::) for "any"
     */
    public InetAddress localAddress() {
        return address(localAddress);
    }

    /**
     * Returns whether the addresses are IPv6. Any thread.
     *
     * @return whether the addresses are IPv6
     */
    public boolean isIpv6() {
        return (flags & PeerFlags.IPV6) != 0;
    }

    /**
     * Returns whether the data plane waits for the peer to connect. Any thread.
     *
     * @return whether the data plane waits for the peer to connect
     */
    public boolean isPassive() {
        return (flags & PeerFlags.PASSIVE) != 0;
    }

    /**
     * Returns whether the peer is administratively shut down. Any thread.
     *
     * @return whether the peer is administratively shut down
     */
    public boolean isShutdown() {
        return (flags & PeerFlags.SHUTDOWN) != 0;
    }

    /**
     * Returns the peer's 4-byte AS number, 1..4294967295. Any thread.
     *
     * @return the peer's 4-byte AS number, 1..4294967295
     */
    public long remoteAs() {
        return remoteAs;
    }

    /**
     * Returns the local 4-byte AS number, 0 for the data plane's default. Any thread.
     *
     * @return the local 4-byte AS number, 0 for the data plane's default
     */
    public long localAs() {
        return localAs;
    }

    /**
     * Returns the hold time in seconds: 0 (no keepalives) or 3..65535. Any thread.
     *
     * @return the hold time in seconds: 0 (no keepalives) or 3..65535
     */
    public int holdTimeSeconds() {
        return holdTimeSeconds;
    }

    /**
     * Returns the keepalive interval in seconds, 0..65535. Any thread.
     *
     * @return the keepalive interval in seconds, 0..65535
     */
    public int keepaliveSeconds() {
        return keepaliveSeconds;
    }

    /**
     * Returns the description, "" when none. Any thread.
     *
     * @return the description, "" when none
     */
    public String description() {
        return description;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof BgpPeer)) {
            return false;
        }
        final BgpPeer p = (BgpPeer) o;
        return key == p.key && flags == p.flags && Arrays.equals(peerAddress, p.peerAddress)
            && Arrays.equals(localAddress, p.localAddress) && remoteAs == p.remoteAs && localAs == p.localAs
            && holdTimeSeconds == p.holdTimeSeconds && keepaliveSeconds == p.keepaliveSeconds
            && description.equals(p.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, flags, Arrays.hashCode(peerAddress), remoteAs, description);
    }

    @Override
    public String toString() {
        return "BgpPeer[key " + Integer.toUnsignedString(key) + ", " + peerAddress().getHostAddress() + " AS "
            + remoteAs + (localAs != 0 ? ", local AS " + localAs : "") + ", hold " + holdTimeSeconds + " s"
            + (isPassive() ? ", passive" : "") + (isShutdown() ? ", shutdown" : "")
            + (description.isEmpty() ? "" : ", \"" + description + '"') + ']';
    }

    private static InetAddress address(final byte[] raw) {
        try {
            // Inet6Address keeps an IPv4-mapped IPv6 address (::ffff:a.b.c.d) IPv6; InetAddress.getByAddress
            // would turn it into an Inet4Address and flip the session's family (found by fuzzing).
            return raw.length == 16 ? java.net.Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("impossible address length " + raw.length, e);
        }
    }

    /** Collects the fields of a {@link BgpPeer}. Not thread-safe. */
    public static final class Builder {
        private final int key;
        private int flags;
        private byte[] peerAddress;
        private byte[] localAddress;
        private long remoteAs;
        private long localAs;
        private int holdTimeSeconds = DEFAULT_HOLD_TIME_SECONDS;
        private int keepaliveSeconds = DEFAULT_KEEPALIVE_SECONDS;
        private String description = "";
        private byte[] descriptionUtf8 = new byte[0];

        private Builder(final int key) {
            this.key = key;
        }

        /**
         * Sets the peer's address, IPv4 or IPv6 (required).
         *
         * @param address the address
         * @return this builder
         */
        public Builder peerAddress(final InetAddress address) {
            this.peerAddress = Objects.requireNonNull(address, "peerAddress").getAddress();
            return this;
        }

        /**
         * Sets the local address, of the peer address's family. Default: unspecified ("any").
         *
         * @param address the address
         * @return this builder
         */
        public Builder localAddress(final InetAddress address) {
            this.localAddress = Objects.requireNonNull(address, "localAddress").getAddress();
            return this;
        }

        /**
         * Sets the peer's AS number (required).
         *
         * @param asn 1..4294967295 (4-byte ASN, RFC 6793; 0 is reserved, RFC 7607)
         * @return this builder
         */
        public Builder remoteAs(final long asn) {
            if (asn < 1 || asn > U32_MAX) {
                throw new IllegalArgumentException("remoteAs out of 1..4294967295: " + asn);
            }
            this.remoteAs = asn;
            return this;
        }

        /**
         * Sets the local AS number. Default 0: the data plane's own.
         *
         * @param asn 0..4294967295
         * @return this builder
         */
        public Builder localAs(final long asn) {
            if (asn < 0 || asn > U32_MAX) {
                throw new IllegalArgumentException("localAs out of 0..4294967295: " + asn);
            }
            this.localAs = asn;
            return this;
        }

        /**
         * Sets the hold time. Default 90.
         *
         * @param seconds 0 (no keepalives) or 3..65535, as RFC 4271 §4.2 allows
         * @return this builder
         */
        public Builder holdTime(final int seconds) {
            if (seconds < 0 || seconds > U16_MAX || seconds == 1 || seconds == 2) {
                throw new IllegalArgumentException("holdTime must be 0 or 3..65535 s: " + seconds);
            }
            this.holdTimeSeconds = seconds;
            return this;
        }

        /**
         * Sets the keepalive interval. Default 30.
         *
         * @param seconds 0..65535
         * @return this builder
         */
        public Builder keepalive(final int seconds) {
            if (seconds < 0 || seconds > U16_MAX) {
                throw new IllegalArgumentException("keepalive out of 0..65535 s: " + seconds);
            }
            this.keepaliveSeconds = seconds;
            return this;
        }

        /**
         * Sets passive mode: the data plane waits for the peer to connect. Default off.
         *
         * @param on whether passive
         * @return this builder
         */
        public Builder passive(final boolean on) {
            flags = on ? flags | PeerFlags.PASSIVE : flags & ~PeerFlags.PASSIVE;
            return this;
        }

        /**
         * Sets administrative shutdown. Default off.
         *
         * @param on whether shut down
         * @return this builder
         */
        public Builder shutdown(final boolean on) {
            flags = on ? flags | PeerFlags.SHUTDOWN : flags & ~PeerFlags.SHUTDOWN;
            return this;
        }

        /**
         * Sets the description. Default "".
         *
         * @param text at most 64 bytes of UTF-8
         * @return this builder
         */
        public Builder description(final String text) {
            final byte[] utf8 = Utf8Text.encode(Objects.requireNonNull(text, "description"));
            if (utf8.length > PeerAddMessage.DESCRIPTION_FIELD_LENGTH) {
                throw new IllegalArgumentException("description longer than "
                    + PeerAddMessage.DESCRIPTION_FIELD_LENGTH + " bytes of UTF-8 (" + utf8.length + "): " + text);
            }
            this.description = text;
            this.descriptionUtf8 = utf8;
            return this;
        }

        /**
         * Returns the peer.
         *
         * @return the peer
         * @throws IllegalStateException if the peer address or remote AS is not set
         * @throws IllegalArgumentException if the local address is of another family
         */
        public BgpPeer build() {
            if (peerAddress == null) {
                throw new IllegalStateException("peer " + Integer.toUnsignedString(key) + ": peerAddress not set");
            }
            if (remoteAs == 0) {
                throw new IllegalStateException("peer " + Integer.toUnsignedString(key) + ": remoteAs not set");
            }
            final byte[] local = localAddress == null ? new byte[peerAddress.length] : localAddress;
            if (local.length != peerAddress.length) {
                throw new IllegalArgumentException("mixed address families: local " + address(local).getHostAddress()
                    + ", peer " + address(peerAddress).getHostAddress());
            }
            return new BgpPeer(this, local);
        }
    }
}
