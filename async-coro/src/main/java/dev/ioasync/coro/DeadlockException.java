package dev.ioasync.coro;

import java.util.List;

/**
 * No coro is ready and nothing the loop could still deliver would ready one: no timer, no watched
 * handle, no future a coro awaits (Coro's "FATAL: deadlock detected"). Carries the listing of
 * every coro; see {@link CoroScheduler#onDeadlock(DeadlockHandler)} to handle it otherwise.
 */
public final class DeadlockException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<CoroInfo> coros;

    /**
     * Creates one.
     *
     * @param coros every coro at the time of the deadlock
     */
    public DeadlockException(List<CoroInfo> coros) {
        super("deadlock detected: no coro is ready and the loop has no timer, watched handle or awaited future"
                + " that could ready one\n" + CoroScheduler.table(java.util.Objects.requireNonNull(coros, "coros")));
        this.coros = List.copyOf(coros);
    }

    /** {@return every coro at the time of the deadlock, the main coro first} */
    public List<CoroInfo> coros() {
        return coros;
    }
}
