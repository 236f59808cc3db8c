package org.bgpmgmt.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProcessCpuTest {
    @Test
    void shouldChargeTheProcessForTheCpuItsThreadsBurn() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long pid = ProcessHandle.current().pid();
        final long processBefore = ProcessCpu.nanos(pid);
        final long threadBefore = threads.getCurrentThreadCpuTime();
        final long tick = 1_000_000_000L / ProcessCpu.TICKS_PER_SECOND;
        long sink = 0;
        // Burn 20 ticks of this thread's CPU (not wall time: the machine may be busy), bounded by the timeout.
        while (threads.getCurrentThreadCpuTime() - threadBefore < 20 * tick) {
            sink += System.nanoTime() % 7;
        }
        final long threadBurnt = threads.getCurrentThreadCpuTime() - threadBefore;
        final long processBurnt = ProcessCpu.nanos(pid) - processBefore;
        // The process counts every thread (JIT and GC too), so at least this thread's share, less tick rounding.
        assertTrue(processBurnt >= threadBurnt - 2 * tick, "process " + processBurnt + " ns, thread " + threadBurnt
            + " ns, sink " + sink);
    }

    @Test
    void shouldReportMinusOneForAProcessThatDoesNotExist() {
        assertEquals(-1, ProcessCpu.nanos(Long.MAX_VALUE));
    }
}
