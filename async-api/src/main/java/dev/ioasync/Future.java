package dev.ioasync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * An operation that will complete later (Perl's Future, IO::Async::Future). SKELETON: the full
 * Perl Future semantics are being written.
 *
 * @param <T> the result type
 */
public class Future<T> {

    private final Loop loop;
    private int state;
    private T value;
    private FutureFailure failure;
    private List<Consumer<Future<T>>> onReady = new ArrayList<>();
    private List<Runnable> onCancel = new ArrayList<>();

    /** Creates a pending future bound to no loop. */
    public Future() {
        this(null);
    }

    /**
     * Creates a pending future bound to a loop, whose {@link #get()} runs that loop.
     *
     * @param loop the loop, or {@code null}
     */
    public Future(Loop loop) {
        this.loop = loop;
    }

    /** {@return the loop this future is bound to, or {@code null}} */
    public Loop loop() {
        return loop;
    }

    /**
     * Completes with a value.
     *
     * @param v the value
     * @return this
     */
    public Future<T> done(T v) {
        if (state != 0) {
            throw new IllegalStateException("already ready");
        }
        value = v;
        state = 1;
        fire();
        return this;
    }

    /**
     * Fails.
     *
     * @param message the message
     * @param category the category
     * @param details details
     * @return this
     */
    public Future<T> fail(String message, String category, Object... details) {
        if (state != 0) {
            throw new IllegalStateException("already ready");
        }
        failure = new FutureFailure(message, category, details);
        state = 2;
        fire();
        return this;
    }

    /**
     * Cancels.
     *
     * @return this
     */
    public Future<T> cancel() {
        if (state == 0) {
            state = 3;
            for (Runnable r : onCancel) {
                r.run();
            }
            fire();
        }
        return this;
    }

    /**
     * Runs code on cancel.
     *
     * @param r the code
     * @return this
     */
    public Future<T> onCancel(Runnable r) {
        onCancel.add(r);
        return this;
    }

    /**
     * Runs code when ready.
     *
     * @param c the code
     * @return this
     */
    public Future<T> onReady(Consumer<Future<T>> c) {
        if (state != 0) {
            c.accept(this);
        } else {
            onReady.add(c);
        }
        return this;
    }

    private void fire() {
        for (Consumer<Future<T>> c : onReady) {
            c.accept(this);
        }
        onReady.clear();
    }

    /** {@return whether ready} */
    public boolean isReady() {
        return state != 0;
    }

    /** {@return whether done} */
    public boolean isDone() {
        return state == 1;
    }

    /** {@return whether failed} */
    public boolean isFailed() {
        return state == 2;
    }

    /** {@return whether cancelled} */
    public boolean isCancelled() {
        return state == 3;
    }

    /** {@return the failure or null} */
    public FutureFailure failure() {
        return failure;
    }

    /** {@return the value, running the loop until ready} */
    public T get() {
        if (state == 0 && loop != null) {
            loop.await(this);
        }
        if (state == 2) {
            throw failure;
        }
        if (state == 3) {
            throw new CancellationException();
        }
        return value;
    }
}
