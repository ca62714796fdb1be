package dev.ioasync.testkit;

import dev.ioasync.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Clock} that moves only when a test says so: give it to a loop with
 * {@code Loop.builder().clock(clock)} (or ask {@link LoopExtension} for one) and step time with
 * {@link #advance(Duration)}, so that timers fire without the test waiting for them. Monotonic and
 * wall time advance together. IO::Async's own tests fake time the same way
 * ({@code Test::Future::IO}'s and {@code t/}'s overridden {@code time}).
 *
 * <p>Thread-safe: any thread may read the clock or advance it; a loop sleeping in its poll does not
 * notice an advance until it wakes, so advance it from the loop's thread or call
 * {@code loop.wakeup()} after.
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
     * @param d how far (zero is allowed and changes nothing)
     * @throws IllegalArgumentException when {@code d} is negative: time only moves forward
     */
    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        nanos += d.toNanos();
        wall = wall.plus(d);
    }
}
