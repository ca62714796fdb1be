package dev.ioasync.micrometer;

import java.util.function.Supplier;

/**
 * Keeps one snapshot for a short while, so that a registry reading a dozen meters in one scrape
 * takes one snapshot, not a dozen.
 *
 * @param <T> the snapshot type
 */
final class SnapshotCache<T> {

    private static final long KEEP_NANOS = 50_000_000L;

    private final Supplier<T> source;
    private final java.util.function.BooleanSupplier exact;
    private T value;
    private long takenAt;

    /**
     * @param source takes a snapshot
     * @param exact when true, every read takes a fresh one (the owner's thread, where it is exact)
     */
    SnapshotCache(Supplier<T> source, java.util.function.BooleanSupplier exact) {
        this.source = source;
        this.exact = exact;
    }

    synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - takenAt > KEEP_NANOS || exact.getAsBoolean()) {
            value = source.get();
            takenAt = now;
        }
        return value;
    }
}
