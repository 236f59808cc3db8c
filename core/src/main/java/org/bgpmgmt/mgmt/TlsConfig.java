package org.bgpmgmt.mgmt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bgpmgmt.transport.TlsSettings;

/**
 * Mutual TLS for a context's TCP endpoint: where its own key and certificate come from, whom it
 * trusts, and the limits of a handshake. Give it to {@link BgpMgmtConfig#tls(TlsConfig)}; it is read
 * when the context is created (key stores are loaded then, and a bad one fails the factory with
 * {@link IllegalArgumentException}), so rotating a certificate means creating a context from a new
 * config. Not thread-safe.
 *
 * <p>Defaults are the strict ones: TLS 1.3 only, a server requires a client certificate, a client
 * checks the server's certificate chain and its name (the endpoint's host, or {@link #serverName},
 * against the certificate's subject alternative names), and a handshake that has not finished after
 * 10 s is abandoned. Trust comes from a PKCS#12 trust store ({@link #trustStore}), or, for a small
 * deployment without a CA, from the SHA-256 fingerprints of the peers' certificates ({@link
 * #pinnedPeers}); a pinned certificate must still be within its validity dates, and the name check
 * is then the pin itself.
 */
public final class TlsConfig {
    private Path keyStore;
    private char[] keyStorePassword;
    private Path trustStore;
    private char[] trustStorePassword;
    private final Set<String> pinned = new TreeSet<>();
    private String serverName;
    private boolean requireClientCertificate = true;
    private List<String> protocols = List.of("TLSv1.3");
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    /** Creates a config with no key material yet and the strict defaults. */
    public TlsConfig() {
    }

    /**
     * Sets this side's private key and certificate chain: a PKCS#12 file holding one key entry.
     * Required on both sides, since both present a certificate.
     *
     * @param file the PKCS#12 key store
     * @param password its password (also the key's)
     * @return this config
     */
    public TlsConfig keyStore(final Path file, final char[] password) {
        this.keyStore = Objects.requireNonNull(file, "keyStore");
        this.keyStorePassword = Objects.requireNonNull(password, "keyStorePassword").clone();
        return this;
    }

    /**
     * Sets the CAs a peer's certificate chain must lead to: a PKCS#12 file of trusted certificates.
     *
     * @param file the PKCS#12 trust store
     * @param password its password
     * @return this config
     */
    public TlsConfig trustStore(final Path file, final char[] password) {
        this.trustStore = Objects.requireNonNull(file, "trustStore");
        this.trustStorePassword = Objects.requireNonNull(password, "trustStorePassword").clone();
        return this;
    }

    /**
     * Trusts exactly the peer certificates with these SHA-256 fingerprints instead of a CA: for a
     * deployment of a few hosts. Accepts hex with or without colons, either case (as {@code keytool
     * -list -v} prints it).
     *
     * @param sha256Fingerprints one fingerprint per trusted peer certificate
     * @return this config
     */
    public TlsConfig pinnedPeers(final String... sha256Fingerprints) {
        for (String f : sha256Fingerprints) {
            final String hex = f.replace(":", "").toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits): " + f);
            }
            pinned.add(hex);
        }
        return this;
    }

    /**
     * Sets the name a client expects in the server's certificate (and sends as SNI). Default: the
     * host of the endpoint it connects to, which for an address literal must then be an IP
     * subject alternative name. Has no effect on a server.
     *
     * @param name a DNS name or an address literal
     * @return this config
     */
    public TlsConfig serverName(final String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("serverName must not be null or empty: " + name);
        }
        this.serverName = name;
        return this;
    }

    /**
     * Sets whether a server requires a client certificate. Default true (mutual TLS); false lets any
     * client that completes the handshake in, which only the network then limits.
     *
     * @param required false to make client certificates optional
     * @return this config
     */
    public TlsConfig requireClientCertificate(final boolean required) {
        this.requireClientCertificate = required;
        return this;
    }

    /**
     * Sets the TLS versions allowed. Default TLS 1.3 only; adding {@code "TLSv1.2"} allows it too,
     * with renegotiation refused (a connection whose peer starts one is closed).
     *
     * @param versions JSSE protocol names, e.g. {@code "TLSv1.3"}
     * @return this config
     */
    public TlsConfig protocols(final String... versions) {
        if (versions.length == 0) {
            throw new IllegalArgumentException("protocols: at least one version");
        }
        for (String v : versions) {
            if (!"TLSv1.3".equals(v) && !"TLSv1.2".equals(v)) {
                throw new IllegalArgumentException("protocols: only TLSv1.3 and TLSv1.2 are allowed, got " + v);
            }
        }
        this.protocols = List.of(versions);
        return this;
    }

    /**
     * Sets how long a handshake may take, on the loop's clock, before the connection is closed and
     * counted as a TLS failure: a peer that stalls mid-handshake holds a slot only that long.
     * Default 10 s.
     *
     * @param timeout positive
     * @return this config
     */
    public TlsConfig handshakeTimeout(final Duration timeout) {
        Objects.requireNonNull(timeout, "handshakeTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + timeout);
        }
        this.handshakeTimeout = timeout;
        return this;
    }

    Path keyStore() {
        return keyStore;
    }

    char[] keyStorePassword() {
        return keyStorePassword;
    }

    Path trustStore() {
        return trustStore;
    }

    char[] trustStorePassword() {
        return trustStorePassword;
    }

    Set<String> pinned() {
        return pinned;
    }

    String serverName() {
        return serverName;
    }

    boolean requireClientCertificate() {
        return requireClientCertificate;
    }

    List<String> protocols() {
        return protocols;
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** What the transport loads, as values: a snapshot, so a later change to this config changes nothing. */
    TlsSettings.Spec spec() {
        return new TlsSettings.Spec(keyStore, keyStorePassword, trustStore, trustStorePassword, Set.copyOf(pinned),
            serverName, requireClientCertificate, protocols, handshakeTimeout);
    }
}
