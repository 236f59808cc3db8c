package org.bgpmgmt.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.bgpmgmt.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsTransport} alone, both ends driven by the test thread: what a peer sends in the same
 * write as its last handshake message must reach the connection, although the socket will never
 * be readable for it again (the end-to-end benchmark stalled on exactly that).
 */
@Timeout(60)
class TlsTransportTest {
    @TempDir
    Path dir;

    /** TlsConfig's strict defaults, as the context's settings hand them over. */
    private static TlsSettings.Spec spec(final Path keyStore, final Path trust) {
        return new TlsSettings.Spec(keyStore, TestPki.PASSWORD, trust, TestPki.PASSWORD, java.util.Set.of(), null,
            true, java.util.List.of("TLSv1.3"), java.time.Duration.ofSeconds(10));
    }

    @Test
    void shouldHandOverApplicationDataThatCameWithTheFinishedMessage() throws Exception {
        final TestPki pki = new TestPki(dir);
        final TestPki.Ca ca = pki.ca("ca");
        final Path trust = pki.trust(ca);
        final TlsSettings.Spec serverTls = spec(pki.leaf(ca, "s.test").keyStore(), trust);
        final TlsSettings.Spec clientTls = spec(pki.leaf(ca, "c.test").keyStore(), trust);
        try (ServerSocketChannel listen = ServerSocketChannel.open()
                 .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel clientSocket = SocketChannel.open(listen.getLocalAddress());
             SocketChannel serverSocket = listen.accept()) {
            serverSocket.configureBlocking(false);
            final InetSocketAddress at = (InetSocketAddress) listen.getLocalAddress();
            final TlsTransport server = new TlsTransport(serverSocket, TlsSettings.of(serverTls).engine(false, at));
            final SSLEngine client = TlsSettings.of(clientTls).engine(true, at);
            final byte[] hello = "frames right behind Finished".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            final ByteBuffer cOut = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
            final ByteBuffer cIn = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
            final ByteBuffer sink = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
            client.beginHandshake();
            int serverState = TlsTransport.WANT_READ;
            boolean sent = false;
            // Bounded by time, not by steps: on a loaded machine loopback bytes may take a while to
            // become readable, and every step here is non-blocking.
            final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!(sent && serverState == TlsTransport.DONE) && System.nanoTime() - deadline < 0) {
                final HandshakeStatus hs = client.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    client.getDelegatedTask().run();
                } else if (hs == HandshakeStatus.NEED_WRAP) {
                    client.wrap(ByteBuffer.allocate(0), cOut); // held back: sent in one write below
                } else if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                    writeAll(clientSocket, cOut);
                    if (serverState != TlsTransport.DONE) {
                        serverState = server.handshake();
                    }
                    clientSocket.configureBlocking(false);
                    clientSocket.read(cIn);
                    clientSocket.configureBlocking(true);
                    cIn.flip();
                    client.unwrap(cIn, sink);
                    cIn.compact();
                } else if (!sent) {
                    client.wrap(ByteBuffer.wrap(hello), cOut); // the client's Finished and data, one write
                    writeAll(clientSocket, cOut);
                    sent = true;
                } else {
                    serverState = server.handshake();
                }
            }
            assertEquals(TlsTransport.DONE, serverState, "the server's handshake finished");
            assertTrue(server.hasBufferedInput(), "the data came with Finished: no socket readiness will announce it");
            final ByteBuffer in = ByteBuffer.allocate(256);
            server.read(in);
            final byte[] got = new byte[in.position()];
            in.flip().get(got);
            assertArrayEquals(hello, got);
        }
    }

    private static void writeAll(final SocketChannel s, final ByteBuffer b) throws java.io.IOException {
        b.flip();
        while (b.hasRemaining()) {
            s.write(b);
        }
        b.clear();
    }
}
