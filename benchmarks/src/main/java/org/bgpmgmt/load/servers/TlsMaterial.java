package org.bgpmgmt.load.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material for the TLS rows of the end-to-end comparison, made once per run with the JDK's
 * {@code keytool}: a self-signed server certificate (SAN IP 127.0.0.1) and a self-signed client
 * certificate, each PKCS#12, and one trust store holding both, which every side uses. Both servers
 * and the load generator get the same files, so the handshake and the ciphers (TLS 1.3, EC P-256,
 * the JDK's provider) are the same for each. Benchmark-only: the password is fixed.
 */
public final class TlsMaterial {
    /** The password of every store written here. */
    public static final char[] PASSWORD = "bench-only".toCharArray();

    private TlsMaterial() {
    }

    /**
     * Writes {@code server.p12}, {@code client.p12} and {@code trust.p12} under {@code dir}.
     *
     * @param dir an empty directory
     * @throws IOException when keytool fails
     */
    public static void make(final Path dir) throws IOException {
        for (String who : List.of("server", "client")) {
            keytool("-genkeypair", "-keystore", dir.resolve(who + ".p12").toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + who + ".bench", "-ext", "san=ip:127.0.0.1,dns:" + who + ".bench",
                "-validity", "2");
        }
        try {
            final KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (String who : List.of("server", "client")) {
                trust.setCertificateEntry(who, load(dir.resolve(who + ".p12")).getCertificate(who));
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
                trust.store(out, PASSWORD);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a PKCS#12 store written by {@link #make}.
     *
     * @param file the store
     * @return the key store
     * @throws IOException when it cannot be read
     */
    public static KeyStore load(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            final KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns key managers for the key store {@code key}.
     *
     * @param key a PKCS#12 key store
     * @return its key manager factory
     * @throws IOException when it cannot be read
     */
    public static KeyManagerFactory keys(final Path key) throws IOException {
        try {
            final KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(load(key), PASSWORD);
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new IOException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns trust managers for the trust store {@code trust}.
     *
     * @param trust a PKCS#12 trust store
     * @return its trust manager factory
     * @throws IOException when it cannot be read
     */
    public static TrustManagerFactory trust(final Path trust) throws IOException {
        try {
            final TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(load(trust));
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IOException(trust + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns a client's TLS 1.3 context: {@code client.p12} and {@code trust.p12} under {@code dir}.
     *
     * @param dir where {@link #make} wrote
     * @return the context
     * @throws IOException when the stores cannot be read
     */
    public static SSLContext client(final Path dir) throws IOException {
        try {
            final SSLContext ssl = SSLContext.getInstance("TLSv1.3");
            ssl.init(keys(dir.resolve("client.p12")).getKeyManagers(),
                trust(dir.resolve("trust.p12")).getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException("client TLS context: " + e.getMessage(), e);
        }
    }

    private static void keytool(final String... args) throws IOException {
        final List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
