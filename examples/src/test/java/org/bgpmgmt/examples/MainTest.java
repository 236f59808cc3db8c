package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldEchoOverLoopbackAndPrintTheCpuTable() {
        assertEquals(0, run("echo", "--count", "500"), err.toString());
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("echo: 500 round trips"), text);
        assertTrue(text.contains("echo_read"), text);
        assertTrue(text.contains("client_read"), text);
    }

    @Test
    void shouldRejectBadArgumentsWithExitCode2() {
        assertEquals(2, run("--count", "zero"));
        assertEquals(2, run("--bogus"));
        assertTrue(err.toString().contains("--bogus"));
    }
}
