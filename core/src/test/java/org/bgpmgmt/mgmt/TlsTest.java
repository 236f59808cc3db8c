package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.bfd.SessionCounters;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.bfd.Traffic;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.TwoLoops;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.testing.TestPki;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutual TLS between two contexts on two loops: both roles in both modes, resync and counters over
 * TLS, and every refusal (wrong CA, a certificate out of its dates, a name mismatch, plaintext on
 * either side, a stalled handshake, a wrong pin, a TLS 1.2 renegotiation), each closing that
 * connection only, counted.
 * Certificates are made at test time; handshake timeouts are generous except where the timeout is
 * what is tested, where a late timer only makes the test wait longer.
 */
@Timeout(120)
class TlsTest extends TwoLoops {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    static Path pkiDir;
    static TestPki.Ca ca;
    static TestPki.Ca otherCa;
    static TestPki.Leaf server;
    static TestPki.Leaf client;
    static Path trust;

    @BeforeAll
    static void makeCertificates() throws Exception {
        final TestPki pki = new TestPki(pkiDir);
        ca = pki.ca("ca");
        otherCa = pki.ca("other-ca");
        server = pki.leaf(ca, "server.test");
        client = pki.leaf(ca, "client.test");
        trust = pki.trust(ca);
    }

    TlsTest() {
        super("tls-");
    }

    private <T extends AutoCloseable> T later(final T c) {
        closeLater.add(0, c);
        return c;
    }

    static TlsConfig tls(final TestPki.Leaf own) {
        return new TlsConfig().keyStore(own.keyStore(), TestPki.PASSWORD).trustStore(trust, TestPki.PASSWORD)
            .handshakeTimeout(GENEROUS);
    }

    private BgpMgmtContext listen(final TlsConfig tls) throws Exception {
        return later(Contexts.listen(serverLoop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig().name("srv").tls(tls)));
    }

    private BgpMgmtContext connect(final Endpoint to, final TlsConfig tls) {
        return later(Contexts.connect(clientLoop, to, clientConfig(tls)));
    }

    /** A server context with one BFD side added before it starts; the view. */
    private <V extends BfdView> V listen(final Function<BgpMgmtContext, V> view, final TlsConfig tls) throws Exception {
        final V v = Contexts.listenWith(serverLoop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig().name("srv")
            .tls(tls), view);
        later(v.context());
        return v;
    }

    /** A client context with one BFD side added before it starts; the view. */
    private <V extends BfdView> V connect(final Function<BgpMgmtContext, V> view, final Endpoint to,
                                          final TlsConfig tls) {
        final V v = Contexts.connectWith(clientLoop, to, clientConfig(tls), view);
        later(v.context());
        return v;
    }

    private static BgpMgmtConfig clientConfig(final TlsConfig tls) {
        return new BgpMgmtConfig().name("cli").tls(tls).reconnectDelay(Duration.ofMillis(20))
            .reconnectMaxDelay(Duration.ofMillis(200));
    }

    static BfdSession session(final int lid) throws Exception {
        return BfdSession.builder(lid).addresses(InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.2")).minTx(200_000 + lid).build();
    }

    @ParameterizedTest(name = "server is the control plane: {0}")
    @ValueSource(booleans = {true, false})
    void shouldPushSessionsReportStatesAndAnswerRequestsOverMutualTls(final boolean serverIsControlPlane)
        throws Exception {
        final BfdControlPlane control;
        final BfdDataPlane data;
        if (serverIsControlPlane) {
            control = listen(BfdControlPlane::addTo, tls(server));
            data = connect(BfdDataPlane::addTo, control.context().endpoint(), tls(client));
        } else {
            data = listen(BfdDataPlane::addTo, tls(server));
            control = connect(BfdControlPlane::addTo, data.context().endpoint(), tls(client));
        }
        final BgpMgmtContext srv = serverIsControlPlane ? control.context() : data.context();
        final BgpMgmtContext cli = serverIsControlPlane ? data.context() : control.context();
        for (int lid = 1; lid <= 3; lid++) {
            control.updateSession(session(lid)).get(30, TimeUnit.SECONDS);
        }
        Await.until("three sessions at the data plane", GENEROUS, () -> data.sessions().size() == 3);
        assertEquals(session(2), data.sessions().get(1), "every field crossed TLS");
        assertTrue(data.reportState(StateReport.of(2, BfdState.UP, BfdDiagnostic.NONE)).get(30, TimeUnit.SECONDS));
        Await.until("up at the control plane", GENEROUS, () -> control.sessionState(2) != null
            && control.sessionState(2).isUp());
        final SessionCounters two = new SessionCounters(2, new Traffic(2, 1, 4, 3), new Traffic(6, 5, 8, 7));
        assertTrue(data.updateCounters(two).get(30, TimeUnit.SECONDS));
        assertEquals(two, control.requestCounters(2).get(30, TimeUnit.SECONDS));
        assertTrue(data.context().echo().get(30, TimeUnit.SECONDS) > 0);
        final ConnectionStats seen = data.context().stats().connections().get(0);
        assertEquals(5, seen.input().messages(), "three adds, a counters request, an echo reply: counted above TLS");
        assertEquals(0, srv.stats().closes().tlsFailures());
        assertEquals(0, cli.stats().closes().tlsFailures());
        assertTrue(srv.showDistributed().contains("TLS failures: 0"));
    }

    @Test
    void shouldResyncEverySessionOverTlsAfterTheServerRestarts() throws Exception {
        final BfdDataPlane first = listen(BfdDataPlane::addTo, tls(server));
        final Endpoint at = first.context().endpoint();
        final BfdControlPlane control = Contexts.connectWith(clientLoop, at,
            clientConfig(tls(client)).outputBufferSize(1024), BfdControlPlane::addTo);
        later(control.context());
        for (int lid = 1; lid <= 300; lid++) {
            control.updateSession(session(lid)).get(30, TimeUnit.SECONDS); // far more than the 1 KiB output buffer
        }
        Await.until("300 sessions at the first server", GENEROUS, () -> first.sessions().size() == 300);
        first.context().close();
        final BfdDataPlane second = Contexts.listenWith(serverLoop, at,
            new BgpMgmtConfig().name("srv2").tls(tls(server)), BfdDataPlane::addTo);
        later(second.context());
        Await.until("300 sessions at the restarted server", GENEROUS, () -> second.sessions().size() == 300);
        assertEquals(control.sessions(), second.sessions());
        assertEquals(0, control.context().stats().closes().tlsFailures());
    }

    @Test
    void shouldDeliverBurstsLargerThanTheInputBufferWithoutStalling() throws Exception {
        // Records of up to 8 KiB into a 256-byte input buffer: decrypted bytes and whole records wait
        // under the connection, where no socket readiness will ever announce them again.
        final BgpMgmtContext srv = later(Contexts.listen(serverLoop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().name("srv").inputBufferSize(256).tls(tls(server))));
        final BgpMgmtContext cli = connect(srv.endpoint(), tls(client));
        Await.until("connected", GENEROUS, () -> srv.stats().connections().size() == 1);
        for (int burst = 0; burst < 5; burst++) {
            final List<java.util.concurrent.CompletableFuture<Long>> echoes = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                echoes.add(cli.echo());
            }
            for (java.util.concurrent.CompletableFuture<Long> e : echoes) {
                assertTrue(e.get(30, TimeUnit.SECONDS) > 0);
            }
        }
        assertEquals(1_500, srv.stats().connections().get(0).input().messages());
    }

    @Test
    void shouldTrustPinnedFingerprintsWithoutACa() throws Exception {
        final TestPki pki = new TestPki(pkiDir);
        final TestPki.Ca self = pki.ca("nobody");
        final TestPki.Leaf a = pki.leaf(self, "a.test");
        final TestPki.Leaf b = pki.leaf(self, "b.test");
        final BfdControlPlane srv = listen(BfdControlPlane::addTo, new TlsConfig().keyStore(a.keyStore(),
            TestPki.PASSWORD).pinnedPeers(b.fingerprint()).handshakeTimeout(GENEROUS));
        srv.updateSession(session(1)).get(30, TimeUnit.SECONDS);
        final BfdDataPlane cli = connect(BfdDataPlane::addTo, srv.context().endpoint(), new TlsConfig()
            .keyStore(b.keyStore(), TestPki.PASSWORD).pinnedPeers(a.fingerprint()).handshakeTimeout(GENEROUS));
        Await.until("the session over pinned TLS", GENEROUS, () -> cli.sessions().size() == 1);

        final BfdDataPlane stranger = connect(BfdDataPlane::addTo, srv.context().endpoint(), new TlsConfig()
            .keyStore(client.keyStore(), TestPki.PASSWORD).pinnedPeers(a.fingerprint())
            .handshakeTimeout(GENEROUS));
        Await.until("an unpinned client refused, twice (it retries)", GENEROUS,
            () -> srv.context().stats().closes().tlsFailures() >= 2);
        assertTrue(stranger.sessions().isEmpty());
        assertTrue(cli.context().stats().connections().get(0).up(), "the pinned client is undisturbed");
    }

    @Test
    void shouldRefuseAClientCertificateFromAnotherCa() throws Exception {
        final TestPki.Leaf foreign = new TestPki(pkiDir).leaf(otherCa, "foreign.test");
        refusedAtServer(tls(foreign));
    }

    @Test
    void shouldRefuseAClientCertificateNotYetValid() throws Exception {
        final Instant now = Instant.now();
        final TestPki.Leaf early = new TestPki(pkiDir).leaf(ca, "early.test", now.plus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(2)), true);
        refusedAtServer(tls(early));
    }

    @Test
    void shouldRefuseAnExpiredServerCertificate() throws Exception {
        final Instant now = Instant.now();
        final TestPki.Leaf expired = new TestPki(pkiDir).leaf(ca, "expired.test", now.minus(Duration.ofDays(2)),
            now.minus(Duration.ofDays(1)), true);
        refusedAtClient(tls(expired), tls(client));
    }

    @Test
    void shouldRefuseAServerCertificateFromAnotherCa() throws Exception {
        refusedAtClient(tls(new TestPki(pkiDir).leaf(otherCa, "server.test")), tls(client));
    }

    @Test
    void shouldRefuseAServerWhoseNameDoesNotMatch() throws Exception {
        final Instant now = Instant.now();
        final TestPki.Leaf dnsOnly = new TestPki(pkiDir).leaf(ca, "server.test", now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(1)), false); // no IP SAN for 127.0.0.1
        refusedAtClient(tls(dnsOnly), tls(client));
        // The same certificate is accepted when the client expects the name it carries.
        final BfdControlPlane srv = listen(BfdControlPlane::addTo, tls(dnsOnly));
        srv.updateSession(session(1)).get(30, TimeUnit.SECONDS);
        final BfdDataPlane cli = connect(BfdDataPlane::addTo, srv.context().endpoint(),
            tls(client).serverName("server.test"));
        Await.until("accepted under its own name", GENEROUS, () -> cli.sessions().size() == 1);
    }

    @Test
    void shouldRefuseAPlaintextClientOnATlsEndpoint() throws Exception {
        final BfdControlPlane srv = listen(BfdControlPlane::addTo, tls(server));
        srv.updateSession(session(1)).get(30, TimeUnit.SECONDS);
        try (RawPeer plain = new RawPeer(srv.context().endpoint())) {
            plain.write(Frames.raw(1, org.bgpmgmt.wire.MessageType.ECHO_REQUEST, 1, 24, 24));
            assertTrue(plain.closedByPeer(GENEROUS), "a bfddp frame is not a ClientHello");
        }
        Await.until("counted", GENEROUS, () -> srv.context().stats().closes().tlsFailures() == 1);
        final BfdDataPlane plainContext = Contexts.connectWith(clientLoop, srv.context().endpoint(),
            new BgpMgmtConfig().name("plain").reconnectDelay(Duration.ofMillis(20)), BfdDataPlane::addTo);
        later(plainContext.context());
        final BfdDataPlane good = connect(BfdDataPlane::addTo, srv.context().endpoint(), tls(client));
        Await.until("the TLS client is served beside it", GENEROUS, () -> good.sessions().size() == 1);
        assertTrue(plainContext.sessions().isEmpty(), "nothing readable reached the plaintext context");
    }

    @Test
    void shouldRefuseATlsClientOnAPlaintextEndpoint() throws Exception {
        final BfdControlPlane plain = Contexts.listenWith(serverLoop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().name("plain-srv"), BfdControlPlane::addTo);
        later(plain.context());
        plain.updateSession(session(1)).get(30, TimeUnit.SECONDS); // sent at once: the TLS client reads a bad record
        final BfdDataPlane cli = connect(BfdDataPlane::addTo, plain.context().endpoint(), tls(client));
        Await.until("refused and retried with backoff", GENEROUS, () -> cli.context().stats().closes().tlsFailures() >= 2);
        assertTrue(cli.sessions().isEmpty());
        assertTrue(plain.context().stats().closes().protocolErrors() + plain.context().stats().admissions().accepted() >= 2,
            "the server saw each attempt");
    }

    @Test
    void shouldCloseAHandshakeThatStallsAfterItsTimeout() throws Exception {
        final BgpMgmtContext srv = listen(tls(server).handshakeTimeout(Duration.ofMillis(300)));
        try (RawPeer silent = new RawPeer(srv.endpoint())) {
            assertTrue(silent.closedByPeer(GENEROUS), "a silent peer holds its slot only for the timeout");
        }
        Await.until("counted", GENEROUS, () -> srv.stats().closes().tlsFailures() == 1);
        assertEquals(1, srv.stats().admissions().accepted());
        assertTrue(srv.stats().connections().isEmpty(), "it never became a connection");
    }

    @Test
    void shouldCountAHandshakeInProgressAgainstTheConnectionLimit() throws Exception {
        final BgpMgmtContext srv = later(Contexts.listen(serverLoop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().name("srv").maxConnections(1).tls(tls(server))));
        try (RawPeer silent = new RawPeer(srv.endpoint())) {
            Await.until("the silent peer holds the one slot", GENEROUS, () -> srv.stats().admissions().accepted() == 1);
            final BgpMgmtContext cli = connect(srv.endpoint(), tls(client));
            Await.until("a TLS client refused at the limit", GENEROUS, () -> srv.stats().admissions().rejected() >= 1);
            assertTrue(srv.stats().connections().isEmpty(), "no connection while the handshake holds the slot");
            assertFalse(cli.stats().connections().get(0).up());
            assertEquals(0, srv.stats().closes().tlsFailures(), "refused by the limit, not by TLS");
        }
    }

    @Test
    void shouldCloseATls12ConnectionWhosePeerStartsARenegotiation() throws Exception {
        final BgpMgmtContext srv = listen(tls(server).protocols("TLSv1.3", "TLSv1.2"));
        final InetSocketAddress at = (InetSocketAddress) srv.endpoint().address();
        try (SSLSocket s = (SSLSocket) blockingClientContext().getSocketFactory().createSocket()) {
            s.connect(at, 30_000);
            s.setSoTimeout(30_000); // bounded: a renegotiation the server let through would block here
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            assertEquals(MessageType.ECHO_REPLY, echo(s, 7), "the TLS 1.2 channel carries bfddp");
            Await.until("connected", GENEROUS, () -> srv.stats().connections().size() == 1);

            // On a TLS 1.2 session the JDK client really renegotiates here (with the refusal removed
            // from TlsTransport the echo below is answered); the server must refuse the new ClientHello.
            s.startHandshake();
            // A close reads as -1 (EOFException) or as the server's close_notify mid-handshake (SSLException).
            final IOException closed = assertThrows(IOException.class, () -> echo(s, 8),
                "the server answered after a renegotiation");
            assertFalse(closed instanceof SocketTimeoutException, "the server neither closed nor answered: " + closed);
        }
        Await.until("counted", GENEROUS, () -> srv.stats().closes().tlsFailures() == 1);
        Await.until("that connection gone", GENEROUS, () -> srv.stats().connections().isEmpty());
        final BgpMgmtContext good = connect(srv.endpoint(), tls(client));
        Await.until("a well-behaved client connected", GENEROUS, () -> srv.stats().connections().size() == 1
            && good.stats().connections().get(0).up());
        assertTrue(good.echo().get(30, TimeUnit.SECONDS) > 0, "a well-behaved client is served afterwards");
        assertEquals(1, srv.stats().closes().tlsFailures());
    }

    /** A JDK client context with the test client's key and the test CA; no name check (plain sockets). */
    private static SSLContext blockingClientContext() throws Exception {
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(client.keyStore())) {
            keys.load(in, TestPki.PASSWORD);
        }
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trust)) {
            trusted.load(in, TestPki.PASSWORD);
        }
        final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestPki.PASSWORD);
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        final SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }

    /** Sends an ECHO_REQUEST on {@code s} and returns the type of the frame that comes back. */
    private static int echo(final SSLSocket s, final int id) throws IOException {
        s.getOutputStream().write(Frames.echoRequest(id, 0).array());
        s.getOutputStream().flush();
        final byte[] reply = new byte[MessageType.ECHO_LENGTH];
        final DataInputStream in = new DataInputStream(s.getInputStream());
        in.readFully(reply); // EOFException if the server closed
        assertEquals(id, ByteBuffer.wrap(reply).getShort(4), "the reply answers this request");
        return ByteBuffer.wrap(reply).getShort(2);
    }

    @Test
    void shouldRefuseTlsOnAUnixSocket() throws Exception {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BgpMgmtContext.server(
            serverLoop, Endpoint.parse("unix:" + pkiDir.resolve("s.sock")), new BgpMgmtConfig().tls(tls(server))));
        assertTrue(e.getMessage().contains("TCP"), e.getMessage());
    }

    @Test
    void shouldRefuseMissingKeyMaterialAtCreation() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BgpMgmtContext.server(
            serverLoop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig().tls(new TlsConfig()
                .keyStore(pkiDir.resolve("missing.p12"), TestPki.PASSWORD).trustStore(trust, TestPki.PASSWORD))));
        assertTrue(e.getMessage().contains("missing.p12"), e.getMessage());
    }

    /** A server that refuses {@code clientTls}: counted there, retried, and a good client unaffected. */
    private void refusedAtServer(final TlsConfig clientTls) throws Exception {
        final BfdControlPlane srv = listen(BfdControlPlane::addTo, tls(server));
        srv.updateSession(session(1)).get(30, TimeUnit.SECONDS);
        final BfdDataPlane good = connect(BfdDataPlane::addTo, srv.context().endpoint(), tls(client));
        Await.until("the good client served", GENEROUS, () -> good.sessions().size() == 1);
        final BfdDataPlane bad = connect(BfdDataPlane::addTo, srv.context().endpoint(), clientTls);
        Await.until("refused twice: the client retries", GENEROUS, () -> srv.context().stats().closes().tlsFailures() >= 2);
        assertTrue(bad.sessions().isEmpty(), "nothing reached the refused client");
        assertEquals(1, srv.context().stats().connections().size(), "only the good client holds a connection");
        assertTrue(good.context().stats().connections().get(0).up(), "the good client is undisturbed");
    }

    /** A client that refuses the server's {@code serverTls}: counted at the client, which retries. */
    private void refusedAtClient(final TlsConfig serverTls, final TlsConfig clientTls) throws Exception {
        final BfdControlPlane srv = listen(BfdControlPlane::addTo, serverTls);
        srv.updateSession(session(1)).get(30, TimeUnit.SECONDS);
        final BfdDataPlane cli = connect(BfdDataPlane::addTo, srv.context().endpoint(), clientTls);
        Await.until("refused twice: the client keeps retrying", GENEROUS,
            () -> cli.context().stats().closes().tlsFailures() >= 2);
        assertTrue(cli.sessions().isEmpty());
        assertFalse(cli.context().stats().connections().get(0).up());
        srv.context().close();
        cli.context().close();
    }
}
