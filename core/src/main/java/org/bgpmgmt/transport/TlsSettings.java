package org.bgpmgmt.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The immutable TLS part of a context's settings: the {@link SSLContext} built once from a {@link
 * Spec} (key stores read here, at the context's creation), and how each connection's {@link
 * SSLEngine} is set up. Any thread.
 */
public final class TlsSettings {
    /**
     * What a public {@code TlsConfig} holds, handed over as values: the config's accessors stay
     * package-private in {@code mgmt}, and this package needs nothing else of it.
     *
     * @param keyStore the PKCS#12 file with this side's key and certificate, or null
     * @param keyStorePassword its password
     * @param trustStore the PKCS#12 file of trusted CAs, or null when pinned
     * @param trustStorePassword its password
     * @param pinned the SHA-256 fingerprints of trusted peer certificates, lower-case hex; empty for none
     * @param serverName the name a client checks the server's certificate against, or null for the host
     * @param requireClientCertificate whether a server refuses a client without a certificate
     * @param protocols the TLS versions offered
     * @param handshakeTimeout how long a handshake may take
     */
    public record Spec(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                       Set<String> pinned, String serverName, boolean requireClientCertificate,
                       List<String> protocols, Duration handshakeTimeout) {
    }

    private final SSLContext context;
    private final String[] protocols;
    private final boolean requireClientCertificate;
    private final boolean pinned;
    private final String serverName;
    final long handshakeTimeoutNanos;

    private TlsSettings(final SSLContext context, final Spec c) {
        this.context = context;
        this.protocols = c.protocols().toArray(new String[0]);
        this.requireClientCertificate = c.requireClientCertificate();
        this.pinned = !c.pinned().isEmpty();
        this.serverName = c.serverName();
        this.handshakeTimeoutNanos = c.handshakeTimeout().toNanos();
    }

    /**
     * Loads the key material of {@code c}, at once, so that a bad store fails the context's creation.
     *
     * @param c what to load, or null for no TLS
     * @return the settings, or null for null
     * @throws IllegalArgumentException when a store is missing, unreadable or wrong
     */
    public static TlsSettings of(final Spec c) {
        if (c == null) {
            return null;
        }
        if (c.keyStore() == null) {
            throw new IllegalArgumentException("TLS needs a key store: both sides present a certificate");
        }
        if (c.trustStore() == null && c.pinned().isEmpty()) {
            throw new IllegalArgumentException("TLS needs a trust store or pinned peer fingerprints");
        }
        try {
            final KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(load(c.keyStore(), c.keyStorePassword()), c.keyStorePassword());
            final TrustManager[] trust;
            if (c.pinned().isEmpty()) {
                final TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(load(c.trustStore(), c.trustStorePassword()));
                trust = tmf.getTrustManagers();
            } else {
                trust = new TrustManager[] {new PinnedTrustManager(Set.copyOf(c.pinned()))};
            }
            final SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), trust, null);
            return new TlsSettings(ssl, c);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load TLS key material: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(final Path file, final char[] password) throws IOException, GeneralSecurityException {
        final KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return ks;
    }

    /** A fresh engine for one connection: client mode checks the server's name unless pinned. */
    SSLEngine engine(final boolean client, final InetSocketAddress peer) {
        final SSLEngine engine;
        if (client) {
            final InetSocketAddress a = peer;
            engine = context.createSSLEngine(serverName != null ? serverName : a.getHostString(), a.getPort());
        } else {
            engine = context.createSSLEngine();
        }
        engine.setUseClientMode(client);
        final SSLParameters p = engine.getSSLParameters();
        p.setProtocols(protocols);
        if (client && !pinned) {
            p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818/6125: the name against the SANs
        }
        if (!client) {
            if (requireClientCertificate) {
                p.setNeedClientAuth(true);
            } else {
                p.setWantClientAuth(true); // checked when offered, not required
            }
        }
        engine.setSSLParameters(p);
        return engine;
    }
}
