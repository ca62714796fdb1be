package dev.ioasync.observe;

import java.util.Arrays;

/**
 * A frozen log2 histogram: bucket 0 counts values {@code <= 0}, bucket {@code b > 0} counts
 * values in {@code [2^(b-1), 2^b)}. Percentiles are the upper bound of the bucket holding them
 * (so within a factor of two above the truth), never above {@link #max()}.
 *
 * @param count how many values were recorded
 * @param sum the sum of the positive values
 * @param max the largest value recorded (0 when none)
 * @param buckets the count per bucket (a copy; 64 entries)
 */
public record HistogramSnapshot(long count, long sum, long max, long[] buckets) {

    /** An empty histogram. */
    public static final HistogramSnapshot EMPTY = new HistogramSnapshot(0, 0, 0, new long[Log2Histogram.BUCKETS]);

    /**
     * Copies the buckets.
     *
     * @param count how many values were recorded
     * @param sum the sum of the positive values
     * @param max the largest value recorded
     * @param buckets the count per bucket
     */
    public HistogramSnapshot {
        buckets = buckets.clone();
    }

    /** {@return the count per bucket (a copy)} */
    @Override
    public long[] buckets() {
        return buckets.clone();
    }

    /**
     * The value at or below which a fraction {@code q} of the values fall, to within a factor
     * of two (the upper bound of its bucket, capped at {@link #max()}).
     *
     * @param q a fraction in {@code [0, 1]}
     * @return the percentile, 0 when nothing was recorded
     * @throws IllegalArgumentException when {@code q} is outside {@code [0, 1]}
     */
    public long percentile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("percentile fraction must be within [0, 1], got " + q);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int b = 0; b < buckets.length; b++) {
            seen += buckets[b];
            if (seen >= rank) {
                long upper = b == 0 ? 0 : (b >= 63 ? Long.MAX_VALUE : (1L << b) - 1);
                return Math.min(upper, max);
            }
        }
        return max;
    }

    /** {@return the median, to within a factor of two} */
    public long p50() {
        return percentile(0.5);
    }

    /** {@return the 99th percentile, to within a factor of two} */
    public long p99() {
        return percentile(0.99);
    }

    /** {@return the mean of the recorded values, 0 when none} */
    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramSnapshot h && h.count == count && h.sum == sum && h.max == max
                && Arrays.equals(h.buckets, buckets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
        return "count=" + count + " p50=" + p50() + " p99=" + p99() + " max=" + max;
    }
}
