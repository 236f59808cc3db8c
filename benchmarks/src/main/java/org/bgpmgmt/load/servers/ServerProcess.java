package org.bgpmgmt.load.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The control protocol every benchmark server speaks with the runner that started it: it prints
 * {@code READY <endpoint>} once it accepts connections, answers {@code stats} on standard input
 * with {@code STATS <allocated bytes on the loop thread>}, {@code heap} with
 * {@code HEAP <heap used after GC> <direct buffer bytes> <loop thread CPU ns>}, and stops on
 * {@code stop} or end of input. Answering {@code stats} never involves the loop thread: a task
 * sent to the loop at the start of a measured window would change what is measured (it
 * deoptimised the BgpMgmt loop's hot methods, seen with {@code -XX:+PrintCompilation}); the
 * runner counts the messages on its own side.
 */
final class ServerProcess {
    private ServerProcess() {
    }

    /** Bytes allocated so far by thread {@code threadId} (HotSpot's per-thread counter). */
    static long allocatedBytes(final long threadId) {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(threadId);
    }

    /** Announces readiness, then serves stats requests until told to stop. */
    static void serve(final String endpoint, final long loopThreadId) throws IOException {
        System.out.println("READY " + endpoint);
        System.out.flush();
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("stats")) {
                System.out.println("STATS " + allocatedBytes(loopThreadId));
                System.out.flush();
            } else if (line.equals("heap")) {
                // Heap after a full collection, direct buffer memory, and the loop thread's CPU time.
                System.gc();
                long direct = 0;
                for (java.lang.management.BufferPoolMXBean pool
                    : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
                    if (pool.getName().equals("direct")) {
                        direct = pool.getMemoryUsed();
                    }
                }
                System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " "
                    + direct + " " + ManagementFactory.getThreadMXBean().getThreadCpuTime(loopThreadId));
                System.out.flush();
            } else if (line.equals("stop")) {
                return;
            }
        }
    }

    static String arg(final String[] args, final String name, final String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
