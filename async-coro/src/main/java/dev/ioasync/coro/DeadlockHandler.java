package dev.ioasync.coro;

/**
 * What the scheduler does on a deadlock (Coro's {@code $Coro::idle} when there is no event loop).
 * The default throws the report out of the blocking call of the coro that drove the scheduler
 * (the main coro). A handler may ready, cancel or {@linkplain Coro#throwInto throw into} coros
 * instead (a cancel there only starts the unwinding); if it returns and still nothing is ready,
 * the report is thrown anyway. It runs inside the scheduler's idle hook and must not block: a
 * cede, schedule, join or wait there throws {@link IllegalStateException} (Coro's
 * "FATAL: $Coro::idle blocked itself") instead of re-entering the scheduler.
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
