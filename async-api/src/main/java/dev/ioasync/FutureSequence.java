package dev.ioasync;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One sequencing step ({@code then}, {@code orElse}, {@code followedBy}, ...): waits for the
 * source future, asks the step for the future to follow, and copies that future's outcome into
 * the future it returned. It is also the returned future's cancel hook, which cancels whatever
 * the sequence is waiting on at the time.
 *
 * <p>The step receives the source once it is done or failed (a cancelled source cancels the
 * returned future without calling it). It returns the future to follow (the source itself to
 * pass its outcome through), or {@code null} to pass the source's failure through to a returned
 * future of another value type.
 *
 * @param <T> the source's value type
 * @param <R> the returned future's value type
 */
final class FutureSequence<T, R> implements Consumer<Future<T>>, Runnable {

    private final Function<Future<T>, Future<R>> step;
    private final Future<R> next;
    private volatile Future<?> waitingOn;

    private FutureSequence(Function<Future<T>, Future<R>> step, Future<R> next, Future<T> source) {
        this.step = step;
        this.next = next;
        this.waitingOn = source;
    }

    static <T, R> Future<R> start(Future<T> source, Function<Future<T>, Future<R>> step) {
        Future<R> next = Future.derivedFrom(source);
        FutureSequence<T, R> sequence = new FutureSequence<>(step, next, source);
        next.onCancel(sequence);
        source.onReady(sequence);
        return next;
    }

    /** The returned future was cancelled: cancel what it waits on. */
    @Override
    public void run() {
        Future<?> w = waitingOn;
        if (w != null) {
            w.cancel();
        }
    }

    /** The source is ready. */
    @Override
    public void accept(Future<T> source) {
        if (next.isReady()) {
            return;
        }
        if (source.isCancelled()) {
            next.cancel();
            return;
        }
        Future<R> inner;
        try {
            inner = step.apply(source);
        } catch (Throwable t) {
            FatalErrors.rethrowIfFatal(t, "a sequencing step (then/orElse/followedBy...) of " + source);
            next.tryFail(t);
            return;
        }
        if (inner == null) {
            next.tryFail(source.failure());
            return;
        }
        waitingOn = inner;
        if (next.isCancelled()) {
            inner.cancel();
            return;
        }
        inner.onReady(this::copy);
    }

    private void copy(Future<R> inner) {
        waitingOn = null;
        if (inner.isDone()) {
            next.tryDone(inner.value());
        } else if (inner.isFailed()) {
            next.tryFail(inner.failure());
        } else {
            next.cancel();
        }
    }
}
