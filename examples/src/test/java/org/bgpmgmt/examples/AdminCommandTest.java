package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class AdminCommandTest {
    @TempDir
    Path dir;

    private static String[] run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void shouldServeShowCommandsFromALongRunningServerBehindTheAdminFlag() throws Exception {
        final Path admin = dir.resolve("admin.sock");
        final CompletableFuture<String[]> server = CompletableFuture.supplyAsync(() -> run("server", "--listen",
            "unix:" + dir.resolve("bfd.sock"), "--sessions", "2", "--duration", "6", "--admin", "unix:" + admin));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(admin)) {
            assertTrue(System.nanoTime() < deadline && !server.isDone(), "the admin socket appears");
            Thread.sleep(10); // polling a condition with a deadline
        }
        final String[] answer = run("admin", "unix:" + admin, "show event cpu", "show bfd distributed json",
            "show bfd peers brief");
        assertEquals("0", answer[0], answer[2]);
        assertTrue(answer[1].contains("Showing statistics for pthread bgpmgmt"), answer[1]);
        // The session count left show bfd distributed with ContextStats.sessions; the peers table has it.
        assertTrue(answer[1].contains("\"name\" : \"server\""), "show bfd distributed json: " + answer[1]);
        assertTrue(answer[1].contains("Session count: 2"), answer[1]);
        assertEquals("1", run("admin", "unix:" + admin, "show nonsense")[0], "an error answer exits 1");
        assertEquals("0", server.get(60, TimeUnit.SECONDS)[0]);
        assertTrue(Files.notExists(admin), "the endpoint is closed with the server");
    }

    @Test
    void shouldPrintAPrometheusScrape() {
        final String[] r = run("metrics", "--sessions", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("bgpmgmt_bfd_sessions{context=\"control\",side=\"control-plane\"} 3.0"), r[1]);
        assertTrue(r[1].contains("bgpmgmt_bfd_sessions{context=\"dataplane\",side=\"data-plane\"} 3.0"), r[1]);
        assertTrue(r[1].contains("bgpmgmt_loop_turns_total{loop=\"bgpmgmt\"}"), r[1]);
        assertTrue(r[1].contains("bgpmgmt_loop_task_seconds_count{loop=\"bgpmgmt\",task=\"control_read\"}")
            || r[1].contains("bgpmgmt_loop_task_seconds_count{"), r[1]);
    }
}
