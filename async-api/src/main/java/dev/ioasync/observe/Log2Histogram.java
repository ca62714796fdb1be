package dev.ioasync.observe;

/**
 * A cheap fixed-bucket histogram of non-negative longs: bucket 0 holds values {@code <= 0},
 * bucket {@code b > 0} holds values in {@code [2^(b-1), 2^b)}. Recording is a leading-zero count
 * and one array increment. Written by one thread (the loop's); read through
 * {@link #snapshot()} after the owner's publication.
 */
public final class Log2Histogram {

    /** How many buckets: enough for every positive long. */
    static final int BUCKETS = 64;

    /** An empty histogram. */
    public Log2Histogram() {
    }

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;
    private long sum;

    /**
     * Adds a value (owner thread only).
     *
     * @param value the value; zero or less goes in bucket 0
     */
    public void record(long value) {
        int b = value <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(value);
        counts[b]++;
        count++;
        sum += Math.max(0, value);
        if (value > max) {
            max = value;
        }
    }

    /** {@return a frozen copy (on the owner thread, or after the owner published)} */
    public HistogramSnapshot snapshot() {
        return new HistogramSnapshot(count, sum, max, counts.clone());
    }
}
