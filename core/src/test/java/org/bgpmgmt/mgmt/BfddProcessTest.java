package org.bgpmgmt.mgmt;

import org.bgpmgmt.testing.BfddProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.wire.CountersReplyMessage;
import org.bgpmgmt.wire.CountersRequestMessage;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.FrameDecoder;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves {@link BfddProcess} and pins the behavior of the real FRR 8.4.4 bfdd over bfddp v1,
 * using nothing but a blocking SocketChannel and the wire codec.
 */
@Timeout(60)
class BfddProcessTest {

    private static final String PEER = "127.0.0.2 local-address 127.0.0.1";
    private static final int RID = 12345;
    private static final long INTERVAL_MICROS = 300_000;

    @BeforeEach
    void requireBfdd() {
        BfddProcess.requireForTest();
    }

    @Test
    void shouldAnnounceConfiguredPeerWhenDataPlaneConnects() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(PEER);
                DplaneClient dp = DplaneClient.connect(bfdd)) {
            ByteBuffer frame = dp.read();
            assertEquals(MessageType.DP_ADD_SESSION, frame.getShort(2) & 0xFFFF, "first frame type");
            assertEquals(MessageType.SESSION_LENGTH, frame.remaining(), "frame length");
            SessionMessage session = new SessionMessage().wrap(frame, 0);
            assertEquals(1, session.version());
            assertEquals(0, session.id(), "DP_ADD_SESSION is unsolicited");
            assertEquals(MessageType.SESSION_LENGTH, session.length());
            assertNotEquals(0, session.lid(), "lid");
            assertEquals(0, session.flags(), "single hop, IPv4, no echo, active, not shut down");
            assertEquals(InetAddress.getByName("127.0.0.1"), session.sourceInetAddress());
            assertEquals(InetAddress.getByName("127.0.0.2"), session.destinationInetAddress());
            assertEquals(INTERVAL_MICROS, session.minTx());
            assertEquals(INTERVAL_MICROS, session.minRx());
            assertEquals(50_000, session.minEchoTx(), "sent although echo transmission is disabled");
            assertEquals(50_000, session.minEchoRx());
            assertEquals(0, session.holdTime());
            assertEquals(255, session.ttl());
            assertEquals(3, session.detectMult());
            assertEquals(0, session.ifindex());
            assertEquals("", session.ifname());

            String peers = bfdd.vtysh("show bfd peers");
            assertTrue(peers.contains("\tpeer 127.0.0.2 local-address 127.0.0.1 vrf default\n"), peers);
            assertTrue(peers.contains("\t\tID: " + Integer.toUnsignedString(session.lid()) + "\n"), peers);
            assertTrue(peers.contains("\t\tStatus: down\n"), peers);
        }
    }

    @Test
    void shouldAnnounceEveryConfiguredPeer() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(PEER, "127.0.0.3 local-address 127.0.0.1");
                DplaneClient dp = DplaneClient.connect(bfdd)) {
            SessionMessage first = new SessionMessage().wrap(dp.read(MessageType.DP_ADD_SESSION), 0);
            SessionMessage second = new SessionMessage().wrap(dp.read(MessageType.DP_ADD_SESSION), 0);
            assertEquals(InetAddress.getByName("127.0.0.2"), first.destinationInetAddress());
            assertEquals(InetAddress.getByName("127.0.0.3"), second.destinationInetAddress());
            assertNotEquals(first.lid(), second.lid());
        }
    }

    @Test
    void shouldShowPeerUpAfterStateChangeUp() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(PEER);
                DplaneClient dp = DplaneClient.connect(bfdd)) {
            int lid = new SessionMessage().wrap(dp.read(MessageType.DP_ADD_SESSION), 0).lid();
            dp.sendUp(lid);

            String peers = awaitPeerUp(bfdd);
            System.out.println("show bfd peers, peer up:\n" + peers);
            for (String line : List.of(
                    "BFD Peers:\n",
                    "\tpeer 127.0.0.2 local-address 127.0.0.1 vrf default\n",
                    "\t\tID: " + Integer.toUnsignedString(lid) + "\n",
                    "\t\tRemote ID: " + RID + "\n",
                    "\t\tActive mode\n",
                    "\t\tStatus: up\n",
                    "\t\tDiagnostics: ok\n",
                    "\t\tRemote diagnostics: ok\n",
                    "\t\tPeer Type: configured\n",
                    "\t\tRemote timers:\n"
                            + "\t\t\tDetect-multiplier: 3\n"
                            + "\t\t\tReceive interval: 300ms\n"
                            + "\t\t\tTransmission interval: 300ms\n"
                            + "\t\t\tEcho receive interval: disabled\n")) {
                assertTrue(peers.contains(line), () -> "missing \"" + line + "\" in:\n" + peers);
            }
            assertTrue(peers.matches("(?s).*\t\tUptime: \\d+ second\\(s\\)\n.*"), peers);
        }
    }

    @Test
    void shouldPrintCountersFromSessionCountersReply() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(PEER);
                DplaneClient dp = DplaneClient.connect(bfdd)) {
            int lid = new SessionMessage().wrap(dp.read(MessageType.DP_ADD_SESSION), 0).lid();

            // bfdd blocks reading our socket until the reply arrives, so vtysh runs aside.
            FutureTask<String> counters = new FutureTask<>(() -> bfdd.vtysh("show bfd peers counters"));
            Thread vtysh = new Thread(counters, "vtysh-counters");
            vtysh.setDaemon(true);
            vtysh.start();

            CountersRequestMessage request =
                    new CountersRequestMessage().wrap(dp.read(MessageType.DP_REQUEST_SESSION_COUNTERS), 0);
            assertEquals(MessageType.COUNTERS_REQUEST_LENGTH, request.length());
            assertNotEquals(0, request.id(), "request id");
            assertEquals(lid, request.lid());
            ByteBuffer reply = ByteBuffer.allocate(MessageType.COUNTERS_REPLY_LENGTH);
            new CountersReplyMessage().encode(reply, 0, request.id())
                    .lid(request.lid())
                    .controlInputBytes(11)
                    .controlInputPackets(22)
                    .controlOutputBytes(33)
                    .controlOutputPackets(44)
                    .echoInputBytes(55)
                    .echoInputPackets(66)
                    .echoOutputBytes(77)
                    .echoOutputPackets(88);
            dp.write(reply);

            String output = counters.get(20, TimeUnit.SECONDS);
            System.out.println("show bfd peers counters:\n" + output);
            // bfdd prints the packet counters, except that its "Echo packet output" is the echo
            // output *bytes* field (77), not the echo output packets (88).
            assertEquals("BFD Peers:\n"
                            + "\tpeer 127.0.0.2 local-address 127.0.0.1 vrf default\n"
                            + "\t\tControl packet input: 22 packets\n"
                            + "\t\tControl packet output: 44 packets\n"
                            + "\t\tEcho packet input: 66 packets\n"
                            + "\t\tEcho packet output: 77 packets\n"
                            + "\t\tSession up events: 0\n"
                            + "\t\tSession down events: 0\n"
                            + "\t\tZebra notifications: 0\n",
                    output.strip() + "\n");
        }
    }

    @Test
    void shouldAnswerEchoRequestWithDpTimeAndIdZero() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(PEER);
                DplaneClient dp = DplaneClient.connect(bfdd)) {
            dp.read(MessageType.DP_ADD_SESSION);
            long dpTime = 0x0123_4567_89AB_CDEFL;
            ByteBuffer request = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
            new EchoMessage().encodeRequest(request, 0, 0x4321).dpTime(dpTime);
            dp.write(request);

            EchoMessage reply = new EchoMessage().wrap(dp.read(MessageType.ECHO_REPLY), 0);
            long nowMicros = System.currentTimeMillis() * 1000;
            assertEquals(MessageType.ECHO_LENGTH, reply.length());
            // bfdd 8.4.4 does not copy the request's id into its reply: it sends id 0.
            assertEquals(0, reply.id(), "echo reply id");
            assertEquals(dpTime, reply.dpTime(), "dp_time echoed unchanged");
            long skew = Math.abs(reply.bfddTime() - nowMicros);
            assertTrue(skew < 60_000_000L, "bfdd_time " + reply.bfddTime() + " µs vs now " + nowMicros + " µs");
        }
    }

    @Test
    void shouldReportConnectionCountersInShowBfdDistributed() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(PEER)) {
            String idle = bfdd.vtysh("show bfd distributed");
            System.out.println("show bfd distributed, no data plane:\n" + idle);
            assertEquals("                  Data plane\n                  ==========\n", idle);

            try (DplaneClient dp = DplaneClient.connect(bfdd)) {
                dp.read(MessageType.DP_ADD_SESSION);
                ByteBuffer request = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
                new EchoMessage().encodeRequest(request, 0, 1).dpTime(1);
                dp.write(request);
                dp.read(MessageType.ECHO_REPLY);

                String output = bfdd.vtysh("show bfd distributed");
                System.out.println("show bfd distributed, one data plane:\n" + output);
                String expected = String.join("\n",
                        "                  Data plane",
                        "                  ==========",
                        "             File descriptor: FD",
                        "                 Input bytes: 24",
                        "            Input bytes peak: 24",
                        "              Input messages: 1",
                        "         Input current usage: 0",
                        "                Output bytes: 164",
                        "           Output bytes peak: 140",
                        "             Output messages: 2",
                        "          Output full events: 0",
                        "        Output current usage: 0",
                        "",
                        "");
                assertEquals(expected, output.replaceFirst("File descriptor: \\d+", "File descriptor: FD"));
            }
        }
    }

    @Test
    void shouldRunTwoInstancesSideBySide() throws Exception {
        try (BfddProcess first = BfddProcess.start(PEER);
                BfddProcess second = BfddProcess.start(PEER)) {
            assertNotEquals(first.port(), second.port());
            assertTrue(first.vtysh("show bfd peers").contains("Status: down"));
            assertTrue(second.vtysh("show bfd peers").contains("Status: down"));
        }
    }

    @Test
    void shouldStopProcessAndRemoveEverythingOnClose() throws Exception {
        BfddProcess bfdd = BfddProcess.start(PEER);
        long pid;
        int port;
        Path dir;
        try (DplaneClient dp = DplaneClient.connect(bfdd)) {
            pid = bfdd.pid();
            port = bfdd.port();
            dir = bfdd.directory();
            assertTrue(Files.isDirectory(dir));
            assertTrue(BfddProcess.listening(port));
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(bfdd.log().contains("bfdd 8.4.4 starting"), bfdd.log());
            dp.read(MessageType.DP_ADD_SESSION);

            bfdd.close();

            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "bfdd still running");
            assertFalse(BfddProcess.listening(port), "port still listening");
            assertFalse(Files.exists(dir), "directory left behind");
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(port, socket.getLocalPort());
            }
            try {
                ByteBuffer frame = dp.read();
                fail("expected EOF after bfdd stopped, got type " + (frame.getShort(2) & 0xFFFF));
            } catch (EOFException expected) {
                // bfdd's exit closed the connection
            }
        } finally {
            bfdd.close();
        }
        bfdd.close(); // idempotent
    }

    private static String awaitPeerUp(BfddProcess bfdd) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String peers;
        do {
            peers = bfdd.vtysh("show bfd peers");
            if (peers.contains("\t\tStatus: up\n")) {
                return peers;
            }
            Thread.sleep(50);
        } while (System.nanoTime() - deadline < 0);
        fail("peer not up within 10 s:\n" + peers + "\nlog:\n" + bfdd.log());
        return peers;
    }

    /** A blocking data plane connection to bfdd that reads whole frames. */
    static final class DplaneClient implements AutoCloseable {
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(8192).order(ByteOrder.BIG_ENDIAN);
        private final FrameDecoder decoder = new FrameDecoder(8192);

        private DplaneClient(SocketChannel channel) {
            this.channel = channel;
        }

        static DplaneClient connect(BfddProcess bfdd) throws IOException {
            SocketChannel channel = SocketChannel.open(bfdd.dplaneAddress());
            channel.configureBlocking(true);
            return new DplaneClient(channel);
        }

        /** Blocks for the next frame; returns a big-endian buffer holding exactly that frame at 0. */
        ByteBuffer read() throws IOException {
            while (true) {
                int n = decoder.check(in, 0, in.position());
                if (n > 0) {
                    ByteBuffer frame = ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
                    frame.put(0, in, 0, n);
                    in.flip().position(n);
                    in.compact();
                    return frame;
                }
                if (n == FrameDecoder.ERROR) {
                    throw new IOException("bad frame from bfdd: " + decoder.errorMessage());
                }
                if (channel.read(in) < 0) {
                    throw new EOFException("bfdd closed the data plane connection");
                }
            }
        }

        /** Blocks for the next frame of {@code type}, printing and dropping others. */
        ByteBuffer read(int type) throws IOException {
            while (true) {
                ByteBuffer frame = read();
                int got = frame.getShort(2) & 0xFFFF;
                if (got == type) {
                    return frame;
                }
                System.out.println("skipping " + MessageType.name(got) + " (type " + got + ")");
            }
        }

        /** Tells bfdd that session {@code lid} is up, the remote at 300 ms, multiplier 3. */
        void sendUp(int lid) throws IOException {
            ByteBuffer frame = ByteBuffer.allocate(MessageType.STATE_CHANGE_LENGTH);
            new StateChangeMessage().encode(frame, 0, 0)
                    .lid(lid)
                    .rid(RID)
                    .desiredTx(INTERVAL_MICROS)
                    .requiredRx(INTERVAL_MICROS)
                    .requiredEchoRx(0)
                    .state(3) // UP, RFC 5880's code: this test speaks the wire alone
                    .detectionMultiplier(3);
            write(frame);
        }

        void write(ByteBuffer frame) throws IOException {
            ByteBuffer out = frame.duplicate();
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
