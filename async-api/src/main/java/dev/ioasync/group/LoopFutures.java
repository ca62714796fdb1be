package dev.ioasync.group;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.util.Objects;

/**
 * Crossing loops with futures: a future completed on one loop, delivered on another.
 *
 * <p>A {@link Future} runs its callbacks on the thread that completes it; a future completed by
 * loop A and watched from loop B would run B's callbacks on A's thread, breaking B's
 * confinement. {@link #on(Future, Loop)} gives B its own future, completed on B's thread.
 * IO::Async has one loop per process and no twin of this; it is Netty's "promise notified on
 * the waiting executor".
 */
public final class LoopFutures {

    private static final System.Logger LOG = System.getLogger(LoopFutures.class.getName());

    private LoopFutures() {
    }

    /**
     * A future bound to {@code loop} that becomes ready as {@code source} does, on
     * {@code loop}'s thread: done with the same value, failed with the same
     * {@link dev.ioasync.FutureFailure} (so the same category), or cancelled.
     *
     * <p>When {@code source} becomes ready on {@code loop}'s own thread the returned future is
     * completed at once; from any other thread through {@link Loop#later}, so the returned
     * future's callbacks always run on {@code loop}'s thread. Memory consistency: everything the
     * thread that completed {@code source} did before completing it happens-before every
     * callback of the returned future.
     *
     * <p>Cancelling the returned future cancels {@code source} on the thread of the loop
     * {@code source} is bound to (through its {@code later} when that is another thread), or at
     * once when it is bound to no loop. When {@code loop} is closed before {@code source} is
     * ready, the returned future stays pending (nobody can run its callbacks any more).
     *
     * @param source the future to follow, bound to any loop or none
     * @param loop the loop whose thread runs the callbacks
     * @param <T> the value's type
     * @return a new future bound to {@code loop}
     */
    public static <T> Future<T> on(Future<T> source, Loop loop) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(loop, "loop");
        Future<T> out = loop.newFuture();
        out.onCancel(() -> cancelOnItsLoop(source));
        source.onReady(f -> {
            if (loop.inLoopThread()) {
                copy(f, out);
            } else {
                try {
                    loop.later(() -> copy(f, out));
                } catch (IllegalStateException closed) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "cannot deliver " + f + " to " + loop + ": it is closed");
                }
            }
        });
        return out;
    }

    private static <T> void copy(Future<T> from, Future<T> to) {
        if (to.isReady()) {
            return; // cancelled meanwhile
        }
        if (from.isDone()) {
            to.done(from.value());
        } else if (from.isFailed()) {
            to.fail(from.failure());
        } else {
            to.cancel();
        }
    }

    private static void cancelOnItsLoop(Future<?> source) {
        if (source.isReady()) {
            return;
        }
        Loop home = source.loop();
        if (home == null || home.inLoopThread()) {
            source.cancel();
            return;
        }
        try {
            home.later(source::cancel);
        } catch (IllegalStateException closed) {
            source.cancel();
        }
    }
}
