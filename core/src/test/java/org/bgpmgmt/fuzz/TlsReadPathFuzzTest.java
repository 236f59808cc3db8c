package org.bgpmgmt.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.TaskStats;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.TlsConfig;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.TestPki;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection read path behind TLS: arbitrary bytes sent as the plaintext of a mutual-TLS
 * connection to a context on its own loop playing the {@link BfdControlPlane}, checked against {@link FramingModel}. A
 * stream the model calls broken is closed with exactly one protocol error and no TLS failure; any
 * other stays up with the model's frame count and partial-frame bytes, and (with no partial frame)
 * answers an echo probe sent behind it; no loop task throws. TLS must change nothing above it.
 *
 * <p>{@link #shouldReplayEveryReadPathSeedBehindTls} runs in every build over the seeds of {@link
 * ReadPathFuzzTest}; fuzzing mode: {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=TlsReadPathFuzzTest}.
 */
class TlsReadPathFuzzTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static EventLoop loop;
    private static BgpMgmtContext server;
    private static SSLContext clientTls;
    private static long probe;

    @BeforeAll
    @Timeout(120)
    static void startServer() throws Exception {
        final TestPki pki = new TestPki(dir);
        final TestPki.Ca ca = pki.ca("fuzz-ca");
        final TestPki.Leaf serverLeaf = pki.leaf(ca, "server.test");
        final TestPki.Leaf clientLeaf = pki.leaf(ca, "client.test");
        final Path trust = pki.trust(ca);
        loop = new EventLoop(new EventLoopConfig().name("tls-fuzz-loop")).start();
        server = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig()
            .name("tls-fuzz").tls(new TlsConfig()
                .keyStore(serverLeaf.keyStore(), TestPki.PASSWORD).trustStore(trust, TestPki.PASSWORD)
                .handshakeTimeout(WAIT)));
        BfdControlPlane.addTo(server);
        server.start().get(30, java.util.concurrent.TimeUnit.SECONDS);
        clientTls = SSLContext.getInstance("TLSv1.3");
        final KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(load(clientLeaf.keyStore()), TestPki.PASSWORD);
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(load(trust));
        clientTls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (loop != null) {
            assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        }
    }

    private static KeyStore load(final Path file) throws Exception {
        final KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, TestPki.PASSWORD);
        }
        return ks;
    }

    @Test
    @Timeout(300)
    void shouldReplayEveryReadPathSeedBehindTls() throws Exception {
        final Path seeds = seeds();
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(seeds)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 10, "the read path's seeds: " + files.size() + " under " + seeds);
        for (Path f : files) {
            feed(Files.readAllBytes(f), f.getFileName().toString());
        }
    }

    @FuzzTest(maxDuration = "20m")
    void shouldSurviveAnyBytesBehindTls(final byte[] data) throws Exception {
        feed(data, "fuzz input of " + data.length + " bytes");
    }

    private static Path seeds() throws URISyntaxException {
        return Path.of(TlsReadPathFuzzTest.class.getResource("ReadPathFuzzTestInputs").toURI());
    }

    /** One input on a fresh TLS connection, checked against the model. */
    private static void feed(final byte[] data, final String what) throws Exception {
        final FramingModel.Scan model = FramingModel.scan(data, 8192, FramingModel.BUILT_IN_MINIMUM);
        final long protocolErrors = server.stats().closes().protocolErrors();
        final long tlsFailures = server.stats().closes().tlsFailures();
        final long loopErrors = loopErrors();
        try (SSLSocket s = (SSLSocket) clientTls.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", ((InetSocketAddress) server.endpoint().address()).getPort()),
                (int) WAIT.toMillis());
            s.setSoTimeout((int) WAIT.toMillis());
            s.startHandshake();
            final String peer = Endpoint.tcp((InetSocketAddress) s.getLocalSocketAddress()).toString();
            Await.until(what + ": the server's connection", WAIT, () -> connection(peer) != null);
            s.getOutputStream().write(data);
            s.getOutputStream().flush();
            if (model.error() != null) {
                Await.until(what + ": closed for " + model.error(), WAIT, () -> connection(peer) == null);
                assertEquals(protocolErrors + 1, server.stats().closes().protocolErrors(), what + ": protocol errors");
                drainToEnd(s);
            } else {
                Await.until(what + ": every byte read", WAIT, () -> connection(peer) != null
                    && connection(peer).input().bytes() == data.length);
                final ConnectionStats c = connection(peer);
                assertEquals(model.frames(), c.input().messages(), what + ": frames read behind TLS");
                assertEquals(model.trailing(), c.input().buffered(), what + ": partial-frame bytes kept");
                assertEquals(protocolErrors, server.stats().closes().protocolErrors(), what + ": protocol errors");
                if (model.trailing() == 0) {
                    echoProbe(s, what);
                }
            }
        }
        assertEquals(tlsFailures, server.stats().closes().tlsFailures(), what + ": TLS failures");
        assertEquals(loopErrors, loopErrors(), what + ": a loop task threw; see its warning");
        Await.until(what + ": connection dropped after the client left", WAIT,
            () -> server.stats().connections().isEmpty());
    }

    /** Sends an ECHO_REQUEST behind the input and reads frames until its reply. */
    private static void echoProbe(final SSLSocket s, final String what) throws IOException {
        final long dpTime = 0x5EED_0000_0000L + ++probe;
        final ByteBuffer request = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
        new EchoMessage().encodeRequest(request, 0, 7).dpTime(dpTime);
        s.getOutputStream().write(request.array());
        s.getOutputStream().flush();
        final DataInputStream in = new DataInputStream(s.getInputStream());
        final byte[] header = new byte[8];
        while (true) {
            in.readFully(header);
            final int length = (header[6] & 0xFF) << 8 | header[7] & 0xFF;
            final byte[] frame = new byte[length];
            System.arraycopy(header, 0, frame, 0, 8);
            in.readFully(frame, 8, length - 8);
            final EchoMessage m = new EchoMessage().wrap(ByteBuffer.wrap(frame), 0);
            assertEquals(MessageType.ECHO_REPLY, m.type(), what + ": only echo replies come from a control plane");
            if (m.dpTime() == dpTime) {
                return;
            }
        }
    }

    private static void drainToEnd(final SSLSocket s) throws IOException {
        try {
            final InputStream in = s.getInputStream();
            final byte[] b = new byte[4096];
            while (in.read(b) >= 0) {
                // replies sent before the bad frame; the close follows
            }
        } catch (SocketException | EOFException | javax.net.ssl.SSLException e) {
            // a reset instead of close_notify is a close too
        }
    }

    private static ConnectionStats connection(final String peer) {
        for (ConnectionStats c : server.stats().connections()) {
            if (c.peer().equals(peer) && c.up()) {
                return c;
            }
        }
        return null;
    }

    private static long loopErrors() {
        long n = 0;
        for (TaskStats t : loop.taskStats()) {
            n += t.faults().errors();
        }
        return n;
    }
}
