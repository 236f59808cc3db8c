package org.bgpmgmt.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void shouldMapEveryValueIntoABucketThatContainsIt() {
        final Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            final long v = (random.nextLong() >>> 1) >>> random.nextInt(63);
            final int index = LatencyHistogram.index(v);
            assertTrue(LatencyHistogram.lowestOf(index) <= v && v <= LatencyHistogram.highestOf(index),
                v + " not in bucket " + index);
        }
        assertEquals(Long.MAX_VALUE, LatencyHistogram.highestOf(LatencyHistogram.index(Long.MAX_VALUE)));
    }

    @Test
    void shouldReportPercentilesWithinHalfAPercent() {
        final LatencyHistogram h = new LatencyHistogram();
        final Random random = new Random(11);
        final long[] values = new long[200_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + (long) (random.nextDouble() * random.nextDouble() * 10_000_000);
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 99, 99.9}) {
            final long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            final long got = h.percentile(p);
            assertTrue(Math.abs(got - exact) <= exact / 200 + 1, "p" + p + ": " + got + " vs " + exact);
        }
        assertEquals(values[values.length - 1], h.max());
        assertEquals(values[0], h.min());
        assertEquals(values.length, h.count());
    }

    @Test
    void shouldMergeAndReset() {
        final LatencyHistogram a = new LatencyHistogram();
        final LatencyHistogram b = new LatencyHistogram();
        a.record(100);
        b.record(5_000_000);
        a.add(b);
        assertEquals(2, a.count());
        assertEquals(5_000_000, a.max());
        assertEquals(100, a.percentile(50));
        a.reset();
        assertEquals(0, a.count());
        assertEquals(0, a.percentile(99));
    }
}
