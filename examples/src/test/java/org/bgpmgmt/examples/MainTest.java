package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunTheDemoAndSucceedAtEveryStep() {
        assertEquals(0, run("demo", "--duration", "3", "--sessions", "12"), out() + err);
        final String text = out();
        assertTrue(text.contains("ok: 12 sessions pushed and up"), text);
        assertTrue(text.contains("ok: 6 BGP peers established"), text);
        assertTrue(text.contains("bgp peers: 6 established"), "the status line: " + text);
        assertTrue(text.contains("ok: data plane 1 back"), text);
        assertTrue(text.contains("ok: its BGP peers resynced and established again"), text);
        assertTrue(text.contains("ok: session 1 up again"), text);
        assertTrue(text.contains("counters of sessions 1..5 asked for and checked"), text);
        assertTrue(text.contains("counters of BGP peer 6 (customer-2) asked for and checked"), text);
        assertTrue(text.contains("ok: every BGP peer established at the end"), text);
        assertTrue(!text.contains("FAILED"), text);
        assertTrue(text.contains("Output messages"), "show distributed: " + text);
        assertTrue(text.contains("control_read"), "show event cpu: " + text);
        assertTrue(text.contains("demo: every step succeeded"), text);
    }

    @Test
    void shouldEchoOverLoopback() {
        assertEquals(0, run("echo", "--count", "500"), err.toString());
        assertTrue(out().contains("echo: 500 round trips"), out());
        assertTrue(out().contains("echo_read"), out());
    }

    @Test
    void shouldDescribeEveryCommand() {
        for (String command : new String[] {"demo", "server", "client", "dataplane", "echo"}) {
            out.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out().contains("usage: java -jar bgpmgmt-examples.jar " + command), out());
            assertTrue(out().contains("--verbose"), out());
        }
        out.reset();
        assertEquals(0, run("help"));
        assertTrue(out().contains("dataplane"), out());
    }

    @Test
    void shouldRejectBadCommandLinesWithExitCode2() {
        assertEquals(2, run("echo", "--count", "zero"));
        assertEquals(2, run("--bogus"));
        assertTrue(err.toString().contains("--bogus"), err.toString());
        assertEquals(2, run("server", "--role", "router"));
        assertEquals(2, run("client", "--connect", "nowhere"));
        assertEquals(2, run("dataplane", "--state", "sideways"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("server", "--listen"));
    }

    @Test
    void shouldRunAServerAndAClientThatTalk() throws Exception {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        final int[] serverExit = new int[1];
        final ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        final Thread serverThread = new Thread(() -> serverExit[0] = Main.run(new String[] {"server", "--listen",
            "127.0.0.1:" + port, "--role", "dataplane", "--duration", "4", "--stats", "1"},
            new PrintStream(serverOut, true, StandardCharsets.UTF_8), System.err));
        serverThread.start();
        Thread.sleep(500);
        assertEquals(0, run("client", "--connect", "127.0.0.1:" + port, "--role", "control", "--sessions", "5",
            "--duration", "2", "--stats", "1"), err.toString());
        serverThread.join(20_000);
        assertEquals(0, serverExit[0]);
        assertTrue(out().contains("client: 127.0.0.1:" + port + " as control plane"), out());
        final String server = serverOut.toString(StandardCharsets.UTF_8);
        assertTrue(server.contains("server: stopping; 0 connection(s) up, 5 sessions"), "the data plane held the"
            + " client's 5 sessions: " + server);
    }
}
