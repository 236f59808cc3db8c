package org.bgpmgmt.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AdminServerTest {
    @TempDir
    Path dir;

    @Test
    void shouldCreateAnOwnerOnlySocketAndRemoveItAtClose() throws Exception {
        final Path sock = dir.resolve("a.sock");
        try (AdminServer server = new AdminServer(new AdminConfig().unix(sock)).start()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            try (AdminClient client = AdminClient.connect("unix:" + sock, Duration.ofSeconds(10))) {
                assertEquals("", client.send("show event cpu").replaceAll("Event statistics for bgpmgmt:\n\n", ""));
            }
        }
        assertTrue(Files.notExists(sock));
    }

    @Test
    void shouldAnswerUnknownAndOverlongCommandsAndKeepTheSessionOpen() throws Exception {
        final Path sock = dir.resolve("b.sock");
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("adm")).start();
             AdminServer server = new AdminServer(new AdminConfig().unix(sock)).addLoop(loop).start();
             AdminClient client = AdminClient.connect("unix:" + sock, Duration.ofSeconds(10))) {
            assertEquals("% Unknown command: show nothing here\n", client.send("show nothing here"));
            assertEquals("% Unknown command: clear event cpu json\n", client.send("clear event cpu json"));
            assertTrue(client.send("x".repeat(5000)).startsWith("% Command too long"));
            assertTrue(client.send("show event poll").startsWith("Showing poll FD's for adm"));
            assertTrue(client.send("  SHOW   EVENT   POLL   JSON ").contains("\"adm\""), "case and spaces");
        }
    }

    @Test
    void shouldRefuseAPeerWhoseUidIsNotAllowed() throws Exception {
        final Path sock = dir.resolve("c.sock");
        final int stranger = 54_321; // numeric uids resolve without an account
        try (AdminServer server = new AdminServer(new AdminConfig().unix(sock).allowedUids(Set.of(stranger))).start();
             SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            assertEquals(-1, ch.read(ByteBuffer.allocate(16)), "closed without an answer");
        }
    }

    @Test
    void shouldTellTheOneSessionTooManyAndCloseIt() throws Exception {
        final Path sock = dir.resolve("d.sock");
        try (AdminServer server = new AdminServer(new AdminConfig().unix(sock).maxSessions(1)).start();
             AdminClient first = AdminClient.connect("unix:" + sock, Duration.ofSeconds(10));
             SocketChannel second = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            first.send("show watchdog"); // the first session is admitted before the second connects
            second.connect(UnixDomainSocketAddress.of(sock));
            final ByteBuffer in = ByteBuffer.allocate(256);
            while (second.read(in) >= 0) {
                assertTrue(in.hasRemaining());
            }
            assertTrue(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8)
                .startsWith("% Too many admin sessions"));
            assertEquals("", first.send("show watchdog"), "the first session still answers");
        }
    }

    @Test
    void shouldServeTcpOnLoopbackOnly() throws Exception {
        try (AdminServer server = new AdminServer(new AdminConfig().tcpLoopback(0)).start()) {
            final java.net.InetSocketAddress a = (java.net.InetSocketAddress) server.address();
            assertTrue(a.getAddress().isLoopbackAddress(), a.toString());
            try (AdminClient client = AdminClient.connect("127.0.0.1:" + a.getPort(), Duration.ofSeconds(10))) {
                assertEquals("% Unknown command: hello\n", client.send("hello"));
            }
        }
    }

    @Test
    void shouldRefuseAConfigWithoutAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> new AdminServer(new AdminConfig()));
        assertThrows(IOException.class, () -> AdminClient.connect("unix:" + dir.resolve("none.sock"),
            Duration.ofSeconds(1)));
    }
}
