package dev.ioasync.timer;

/**
 * How a {@link Periodic} timer picks its next tick (IO::Async's {@code reschedule} parameter).
 */
public enum Reschedule {
    /**
     * The next tick is one interval after the previous scheduled tick, whatever the delay: the
     * ticks never drift, and after a stall the missed ticks fire one per iteration to catch up.
     * The default.
     */
    HARD,
    /**
     * Like {@link #HARD}, but after a stall the missed ticks are skipped: one tick fires and the
     * next is the first slot of the original schedule still in the future.
     */
    SKIP,
    /** The next tick is one interval after the moment the previous one fired: lateness accumulates. */
    DRIFT
}
