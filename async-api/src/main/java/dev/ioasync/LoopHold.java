package dev.ioasync;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A keep-alive hold on a {@link Loop}, taken with {@link Loop#hold(String)} (libuv's
 * {@code uv_ref}/{@code uv_unref}; IO::Async has no twin, as Perl programs have no threads): it
 * tells the loop that work it cannot see (a thread, a pool, a remote service) may still complete
 * one of its futures or queue a {@link Loop#later} call. While any hold is outstanding,
 * {@link Future#get()} and {@link Loop#await} on the loop thread never conclude that nothing can
 * complete the future they wait for.
 *
 * <p>Release it with {@link #close()} when the work is over, after it completed its future
 * (try-with-resources is the natural shape). Releasing wakes the loop, so that a wait with nothing
 * left to wait for ends with an {@link IllegalStateException} instead of hanging. Thread-safe;
 * closing twice does nothing.
 */
public final class LoopHold implements AutoCloseable {

    private final Loop loop;
    private final String reason;
    private final AtomicBoolean held = new AtomicBoolean(true);

    LoopHold(Loop loop, String reason) {
        this.loop = loop;
        this.reason = reason;
    }

    /** {@return the loop this hold keeps alive} */
    public Loop loop() {
        return loop;
    }

    /** {@return what the hold is for, as given to {@link Loop#hold(String)}} */
    public String reason() {
        return reason;
    }

    /** {@return whether the hold is still outstanding} */
    public boolean isHeld() {
        return held.get();
    }

    /** Releases the hold, and wakes the loop to look again at what it waits for. Idempotent. */
    @Override
    public void close() {
        if (held.compareAndSet(true, false)) {
            loop.released(this);
        }
    }

    @Override
    public String toString() {
        return "LoopHold[" + reason + (isHeld() ? "]" : ", released]");
    }
}
