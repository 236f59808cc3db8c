package org.bgpmgmt.transport;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer whose own certificate (the first of its chain) has one of a fixed set of SHA-256
 * fingerprints and is within its validity dates; the chain above it is not consulted. For small
 * deployments without a CA ({@link TlsConfig#pinnedPeers}). Any thread.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];
    private final Set<String> fingerprints;

    PinnedTrustManager(final Set<String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    private void check(final X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no peer certificate");
        }
        final X509Certificate leaf = chain[0];
        leaf.checkValidity(); // CertificateExpiredException / CertificateNotYetValidException
        final String hex = fingerprint(leaf);
        if (!fingerprints.contains(hex)) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal().getName()
                + " (SHA-256 " + hex + ") is not pinned");
        }
    }

    /** The lower-case hex SHA-256 of the certificate's DER encoding. */
    static String fingerprint(final X509Certificate c) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE; // a server asking for a client certificate names no CA: any may be offered
    }
}
