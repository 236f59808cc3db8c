package org.bgpmgmt.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Reads a process's CPU time (user + system, every thread, from {@code /proc/PID/stat}) so the
 * end-to-end runner can charge a server for what it burned, whatever it is written in. Not
 * thread-safe.
 */
final class ProcessCpu {
    /** Clock ticks per second of {@code /proc/PID/stat}'s utime and stime ({@code getconf CLK_TCK}). */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** The CPU time process {@code pid} has used so far, in nanoseconds, or -1 when unreadable. */
    static long nanos(final long pid) {
        final String stat;
        try {
            stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return -1;
        }
        // The command name in field 2 is in parentheses and may hold spaces: count after the last ')'.
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        final long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 utime, 15 stime
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** The CPUs this process may run on, as the kernel lists them (e.g. {@code 0} or {@code 0-1}). */
    static String allowedCpus() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: unknown
        }
        return "?";
    }

    /** The 1-minute load average, or -1 when unknown; the report states the load it ran under. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticksPerSecond() {
        try {
            final Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            return 100; // USER_HZ on every Linux architecture Java runs on
        }
    }
}
