package org.bgpmgmt.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI made at test time: CAs and leaf certificates (EC P-256) written as PKCS#12 key
 * and trust stores under a temporary directory. Nothing is committed, nothing is reused across runs.
 */
public final class TestPki {
    /** The password of every store this class writes. */
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    private final Path dir;

    /** A CA: its key and self-signed certificate. */
    public record Ca(String name, KeyPair keys, X509Certificate cert) {
    }

    /** A leaf written as a PKCS#12 key store, with its certificate for fingerprints. */
    public record Leaf(Path keyStore, X509Certificate cert) {
        /** Returns the SHA-256 fingerprint of the certificate as colon-separated hex. */
        public String fingerprint() {
            try {
                final byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
                return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Writes every store under {@code dir}. */
    public TestPki(final Path dir) {
        this.dir = dir;
    }

    /** Makes a CA valid from an hour ago for a day. */
    public Ca ca(final String name) throws Exception {
        final KeyPair keys = keys();
        final X500Name subject = new X500Name("CN=" + name);
        final Instant now = Instant.now();
        final JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
            keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return new Ca(name, keys, sign(b, keys));
    }

    /** Makes a leaf valid now, with IP SAN 127.0.0.1 and DNS SAN {@code name}. */
    public Leaf leaf(final Ca ca, final String name) throws Exception {
        final Instant now = Instant.now();
        return leaf(ca, name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), true);
    }

    /**
     * Makes a leaf signed by {@code ca} with the given validity; {@code loopbackSan} adds the IP SAN
     * 127.0.0.1 beside the DNS SAN {@code name}.
     */
    public Leaf leaf(final Ca ca, final String name, final Instant notBefore, final Instant notAfter,
                     final boolean loopbackSan) throws Exception {
        final KeyPair keys = keys();
        final JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(), serial(),
            Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + name), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        final GeneralNames sans = loopbackSan
            ? new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, name),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")})
            : new GeneralNames(new GeneralName(GeneralName.dNSName, name));
        b.addExtension(Extension.subjectAlternativeName, false, sans);
        final X509Certificate cert = sign(b, ca.keys());
        final KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", keys.getPrivate(), PASSWORD, new Certificate[] {cert, ca.cert()});
        return new Leaf(write(ks, name + "-" + cert.getSerialNumber() + ".p12"), cert);
    }

    /** Writes a trust store holding the certificates of {@code cas}. */
    public Path trust(final Ca... cas) throws Exception {
        final KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        final StringBuilder name = new StringBuilder("trust");
        for (Ca ca : cas) {
            ks.setCertificateEntry(ca.name(), ca.cert());
            name.append('-').append(ca.name());
        }
        return write(ks, name + ".p12");
    }

    private Path write(final KeyStore ks, final String name) throws IOException, GeneralSecurityException {
        final Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    private static KeyPair keys() throws GeneralSecurityException {
        final KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(final JcaX509v3CertificateBuilder b, final KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }
}
