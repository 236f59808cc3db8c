package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first event loop of a process makes the JVM print nothing: no JEP 498 warning about
 * {@code sun.misc.Unsafe}, no illegal-access or native-access notice. It runs in a child JVM with
 * the JDK's default settings, on the module path as a modular application would, because such a
 * warning is printed once per process and this one has long since started its loops.
 */
final class NoJdkWarningTest {
    @Test
    void shouldPrintNothingOnTheFirstLoopOfAJvm(@TempDir final Path dir) throws Exception {
        final String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "the tests run on the module path");
        final String tests = Path.of(FirstLoopMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modulePath,
                "--patch-module", "org.bgpmgmt.core=" + tests,
                "-m", "org.bgpmgmt.core/" + FirstLoopMain.class.getName()));
        final Path err = dir.resolve("stderr");
        final Path out = dir.resolve("stdout");
        final Process child = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile())
                .start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ended within a minute");
        } finally {
            child.destroyForcibly();
        }
        final String printed = Files.readString(err, StandardCharsets.UTF_8) + Files.readString(out);
        assertEquals("", printed, "the first EventLoop printed (command: " + String.join(" ", command) + ")");
        assertEquals(0, child.exitValue(), "the child's loop answered and shut down");
    }
}
