package org.bgpmgmt.load;

/**
 * A fixed-size log-linear histogram of latencies in nanoseconds, in the manner of HdrHistogram:
 * values below 512 are counted exactly; above, each power of two is split into 256 linear
 * sub-buckets, so every value is kept to within 0.4% of itself. Recording is a bit count, a shift
 * and an array increment: no allocation, no boxing. Not thread-safe: one per recording thread,
 * merged with {@link #add}.
 */
final class LatencyHistogram {
    private static final int LINEAR = 512;
    private static final int HALF_BITS = 8;
    private static final int HALF = 1 << HALF_BITS;
    private static final int BUCKETS = LINEAR + (63 - HALF_BITS) * HALF;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;
    private long min = Long.MAX_VALUE;

    /** Records one latency; negative values count as 0. */
    void record(final long nanos) {
        final long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
        if (v < min) {
            min = v;
        }
    }

    static int index(final long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        final int shift = 63 - Long.numberOfLeadingZeros(v) - HALF_BITS; // v >>> shift is in [256, 512)
        return LINEAR + (shift - 1) * HALF + (int) ((v >>> shift) - HALF);
    }

    /** The smallest value that maps to bucket {@code index}. */
    static long lowestOf(final int index) {
        if (index < LINEAR) {
            return index;
        }
        final int shift = (index - LINEAR) / HALF + 1;
        final long sub = (index - LINEAR) % HALF;
        return (sub + HALF) << shift;
    }

    /** The largest value that maps to bucket {@code index}. */
    static long highestOf(final int index) {
        if (index < LINEAR) {
            return index;
        }
        final int shift = (index - LINEAR) / HALF + 1;
        return lowestOf(index) + (1L << shift) - 1;
    }

    long count() {
        return total;
    }

    long max() {
        return total == 0 ? 0 : max;
    }

    long min() {
        return total == 0 ? 0 : min;
    }

    /**
     * Returns the value at or below which {@code percentile} percent of the recordings fall, as
     * the highest value of that bucket (capped at the true maximum), or 0 when empty.
     */
    long percentile(final double percentile) {
        if (total == 0) {
            return 0;
        }
        final long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestOf(i), max);
            }
        }
        return max;
    }

    /** Adds every recording of {@code other} to this one. */
    void add(final LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
        min = Long.MAX_VALUE;
    }
}
