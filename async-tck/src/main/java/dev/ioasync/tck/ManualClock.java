package dev.ioasync.tck;

import dev.ioasync.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Clock} that moves only when a test says so. Monotonic and wall time advance together.
 */
public final class ManualClock implements Clock {

    private volatile long nanos = 1_000_000_000L;
    private volatile Instant wall = Instant.parse("2026-01-01T00:00:00Z");

    /** Creates a clock standing at an arbitrary fixed moment. */
    public ManualClock() {
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return wall;
    }

    /**
     * Moves time forward.
     *
     * @param d how far
     */
    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        nanos += d.toNanos();
        wall = wall.plus(d);
    }
}
