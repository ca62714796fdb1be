package dev.ioasync.coro;

/**
 * What the scheduler does on a deadlock (Coro's {@code $Coro::idle} when there is no event loop).
 * The default throws the report out of the blocking call of the coro that drove the scheduler
 * (the main coro). A handler may ready or cancel coros instead; if it returns and still nothing is
 * ready, the report is thrown anyway.
 */
@FunctionalInterface
public interface DeadlockHandler {

    /**
     * Handles one deadlock.
     *
     * @param report the report, listing every coro
     */
    void onDeadlock(DeadlockException report);
}
