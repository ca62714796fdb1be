package dev.ioasync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An operation that will complete later: the twin of Perl's {@code Future} (CPAN) as used by
 * {@code IO::Async::Future}.
 *
 * <h2>States</h2>
 * A future is <em>pending</em> until it becomes, once and for all, <em>done</em> with a value
 * ({@link #done}), <em>failed</em> with a {@link FutureFailure} ({@link #fail}) or
 * <em>cancelled</em> ({@link #cancel}). Completing a future that is already done or failed is an
 * {@link IllegalStateException}; completing a cancelled future is silently ignored, as in Perl,
 * so that an operation need not check whether its caller lost interest. Cancelling a future that
 * is ready does nothing.
 *
 * <h2>Callbacks</h2>
 * {@link #onReady}, {@link #onDone}, {@link #onFail} and {@link #onCancel} register code to run
 * when the future becomes ready; on a future that is already ready, the code runs at once on the
 * calling thread. Callbacks run in the order they were added; {@code onCancel} hooks run in the
 * reverse order (Perl's rule), before the {@code onReady} callbacks. A callback that throws does
 * not stop the others: its exception is reported to the bound loop's error handler (through
 * {@link Loop#later} when thrown off the loop thread) or, for a future bound to no loop, logged.
 *
 * <h2>Sequencing and convergents</h2>
 * {@link #then}, {@link #thenCatch}, {@link #orElse}, {@link #followedBy} and {@link #transform}
 * return a new future bound to the same loop; cancelling it cancels whatever it is waiting on at
 * the time (this future while it is pending, then the future the function returned). If the
 * future being waited on is cancelled by someone else, the returned future is cancelled too. A
 * function that throws fails the returned future. {@link #needsAll}, {@link #needsAny},
 * {@link #waitAll} and {@link #waitAny} combine futures as Perl's constructors of the same names.
 *
 * <h2>Thread rules</h2>
 * A future may be completed, cancelled and observed from any thread: state changes are atomic
 * and the value or failure is safely published to every thread that sees the new state.
 * Callbacks run on the thread that completes (or cancels) the future, or on the registering
 * thread when the future is already ready; to get back onto the loop thread, complete the future
 * there (for instance through {@link Loop#later}) or use {@link #fromCompletionStage}. Do not
 * synchronize on a future: it uses its own monitor for its state changes.
 * {@link #get()} on the thread of the bound loop runs that loop until the future is ready;
 * on any other thread it blocks.
 *
 * <h2>Unobserved failures</h2>
 * A failure that nobody looked at is a lost error. A future that fails while nobody observes it
 * (no {@code onReady}, {@code onFail}, sequencing, convergent, {@code get}, {@code value} or
 * {@code failure} call, before or after it failed) is reported when it is garbage-collected, as
 * Perl's {@code PERL_FUTURE_DEBUG} does: to the bound loop's error handler (with an
 * {@link IllegalStateException} whose cause is the failure), else as a log warning.
 *
 * @param <T> the type of the value
 */
public class Future<T> {

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;

    /** The bound loop; for a future made by a notifier before it was in a loop, found on first need (see {@link #loop()}). */
    private volatile Loop loop;
    /** The notifier whose loop this future takes once it has one, or {@code null}. */
    private final Notifier owner;
    /** Whether the loop counts this future among its pending operations (see {@link Loop#await}). */
    private final boolean counted;
    private volatile int state;
    private volatile boolean observed;
    private T value;
    private FutureFailure failure;

    // Guarded by this; dropped when the future becomes ready.
    private Consumer<Future<T>> firstCallback;
    private ArrayList<Consumer<Future<T>>> moreCallbacks;
    private Runnable firstCancelHook;
    private ArrayList<Runnable> moreCancelHooks;
    private FutureFailureWatch watch;

    /** Creates a pending future bound to no loop. */
    public Future() {
        this(null);
    }

    /**
     * Creates a pending future bound to a loop, whose {@link #get()} runs that loop and whose
     * callback errors go to that loop's error handler.
     *
     * @param loop the loop, or {@code null}
     */
    public Future(Loop loop) {
        this(loop, true);
    }

    /**
     * Creates a pending future; an uncounted one is derived from others (a sequence, a
     * convergent) or completed by something the loop sees anyway (a timer, a deferred call).
     */
    Future(Loop loop, boolean counted) {
        this(loop, null, counted);
    }

    /**
     * A pending future bound to a notifier's loop: the loop it is in now, or, when it is in none
     * yet, the first loop it is added to (see {@link Notifier#newFuture()}).
     */
    static <T> Future<T> forNotifier(Notifier owner) {
        Loop now = owner.loop();
        return now != null ? new Future<>(now, true) : new Future<>(null, owner, false);
    }

    /**
     * A future derived from {@code source} (a sequence step, a convergent): bound to its loop, or,
     * when {@code source} still waits for its notifier's loop, to that notifier's loop too. Uncounted.
     */
    static <R> Future<R> derivedFrom(Future<?> source) {
        Loop l = source.loop();
        return new Future<>(l, l == null ? source.owner : null, false);
    }

    private Future(Loop loop, Notifier owner, boolean counted) {
        this.loop = loop;
        this.owner = owner;
        this.counted = counted && loop != null;
        if (this.counted) {
            loop.futureCreated();
        }
    }

    /** {@return whether the loop counts this future, still pending, among its pending operations} */
    boolean countedAsPending() {
        return counted && state == PENDING;
    }

    // ------------------------------------------------------------------ factories

    /**
     * A future that is already done (Perl's {@code Future->done}).
     *
     * @param value the value
     * @param <T> the value type
     * @return a new done future, bound to no loop
     */
    public static <T> Future<T> doneFuture(T value) {
        return new Future<T>().done(value);
    }

    /**
     * A future that has already failed (Perl's {@code Future->fail}).
     *
     * @param message the message for humans
     * @param category the failing operation's name, or {@code null}
     * @param details further values, possibly none
     * @param <T> the value type
     * @return a new failed future, bound to no loop
     */
    public static <T> Future<T> failedFuture(String message, String category, Object... details) {
        return new Future<T>().fail(message, category, details);
    }

    /**
     * A future that has already failed with an exception, wrapped as {@link #fail(Throwable)}
     * does.
     *
     * @param error the exception
     * @param <T> the value type
     * @return a new failed future, bound to no loop
     */
    public static <T> Future<T> failedFuture(Throwable error) {
        return new Future<T>().fail(error);
    }

    /** A failed future that counts as observed: an internal relay that must not be reported. */
    static <T> Future<T> relayFailure(FutureFailure failure) {
        Future<T> f = new Future<>();
        f.observed = true;
        return f.fail(failure);
    }

    // ------------------------------------------------------------------ accessors

    /**
     * {@return the loop this future is bound to, or {@code null}} A future that a notifier made
     * before it was in a loop (a {@code Stream}'s read or write asked before {@code loop.add}) is
     * bound to the first loop that notifier is added to, from then on.
     */
    public Loop loop() {
        Loop l = loop;
        if (l == null && owner != null) {
            l = owner.loop();
            if (l != null) {
                loop = l;
            }
        }
        return l;
    }

    /** {@return whether the future is done, failed or cancelled} */
    public boolean isReady() {
        return state != PENDING;
    }

    /** {@return whether the future completed with a value} */
    public boolean isDone() {
        return state == DONE;
    }

    /** {@return whether the future failed} */
    public boolean isFailed() {
        return state == FAILED;
    }

    /** {@return whether the future was cancelled} */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /** {@return Perl's {@code state}: {@code pending}, {@code done}, {@code failed} or {@code cancelled}} */
    public String state() {
        return stateName(state);
    }

    /**
     * The failure, without waiting (Perl's {@code failure} on a ready future). Calling it marks
     * the failure as observed.
     *
     * @return the failure when the future failed, else {@code null}
     */
    public FutureFailure failure() {
        markObserved();
        return state == FAILED ? failure : null;
    }

    /**
     * The value, without waiting (Perl's {@code result}).
     *
     * @return the value
     * @throws FutureFailure when the future failed
     * @throws CancellationException when it was cancelled
     * @throws IllegalStateException when it is still pending
     */
    public T value() {
        markObserved();
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not yet ready");
        }
        return outcome();
    }

    // ------------------------------------------------------------------ completing

    /**
     * Completes the future with a value (Perl's {@code done}) and runs its callbacks on this
     * thread. Ignored when the future was cancelled.
     *
     * @param v the value, possibly {@code null}
     * @return this
     * @throws IllegalStateException when the future is already done or failed
     */
    public Future<T> done(T v) {
        complete(DONE, v, null, true);
        return this;
    }

    /**
     * Fails the future (Perl's {@code fail}) and runs its callbacks on this thread. Ignored when
     * the future was cancelled.
     *
     * @param message the message for humans
     * @param category the failing operation's name ({@code timeout}, {@code connect}, ...) or
     *     {@code null}
     * @param details further values, possibly none; a {@link Throwable} among them becomes the
     *     failure's cause
     * @return this
     * @throws IllegalStateException when the future is already done or failed
     */
    public Future<T> fail(String message, String category, Object... details) {
        complete(FAILED, null, new FutureFailure(message, category, details), true);
        return this;
    }

    /**
     * Fails the future with an exception: a {@link FutureFailure} is kept as it is, anything else
     * is wrapped as {@link FutureFailure#wrap} does (category {@code null}, the exception as the
     * cause and only detail). Ignored when the future was cancelled.
     *
     * @param error the exception
     * @return this
     * @throws IllegalStateException when the future is already done or failed
     */
    public Future<T> fail(Throwable error) {
        Objects.requireNonNull(error, "error");
        complete(FAILED, null, FutureFailure.wrap(error), true);
        return this;
    }

    /**
     * Cancels the future (Perl's {@code cancel}): runs the {@link #onCancel} hooks, newest first,
     * then the {@link #onReady} callbacks. Does nothing when the future is already ready.
     *
     * @return this
     */
    public Future<T> cancel() {
        Consumer<Future<T>> first;
        ArrayList<Consumer<Future<T>>> more;
        Runnable firstHook;
        ArrayList<Runnable> moreHooks;
        synchronized (this) {
            if (state != PENDING) {
                return this;
            }
            state = CANCELLED;
            settled();
            first = firstCallback;
            more = moreCallbacks;
            firstHook = firstCancelHook;
            moreHooks = moreCancelHooks;
            clearCallbacks();
        }
        if (first != null || more != null || firstHook != null) {
            // a cancellation passed back along a long chain nests like a completion passed forward
            CallbackDepth.current().run(() -> cancelled(first, more, firstHook, moreHooks));
        }
        return this;
    }

    /** Runs a cancelled future's hooks, newest first, then its callbacks. */
    private void cancelled(Consumer<Future<T>> first, List<Consumer<Future<T>>> more, Runnable firstHook,
            List<Runnable> moreHooks) {
        VirtualMachineError fatal = null;
        if (moreHooks != null) {
            for (int i = moreHooks.size() - 1; i >= 0; i--) {
                fatal = runHook(moreHooks.get(i), fatal);
            }
        }
        if (firstHook != null) {
            fatal = runHook(firstHook, fatal);
        }
        fire(first, more, fatal);
    }

    /**
     * Completes the future with a value at the next iteration of its loop, never at once
     * (IO::Async::Future's {@code done_later}): a function that knows its answer at once still
     * returns a future that is not yet ready, as callers of an asynchronous function may expect.
     * Thread-safe. A future cancelled meanwhile stays cancelled; one completed meanwhile by other
     * code makes the deferred {@code done} an error, reported to the loop's error handler.
     *
     * @param v the value, possibly {@code null}
     * @return this
     * @throws IllegalStateException when the future is bound to no loop (make it with
     *     {@link Loop#newFuture()}), is already done or failed, or its loop is closed
     */
    public Future<T> doneLater(T v) {
        Loop l = loopForLater("doneLater");
        if (l != null) {
            l.later(() -> done(v));
        }
        return this;
    }

    /**
     * Fails the future at the next iteration of its loop, never at once (IO::Async::Future's
     * {@code fail_later}), as {@link #doneLater} does for a value.
     *
     * @param message the message for humans
     * @param category the failing operation's name, or {@code null}
     * @param details further values, possibly none
     * @return this
     * @throws IllegalStateException when the future is bound to no loop, is already done or
     *     failed, or its loop is closed
     */
    public Future<T> failLater(String message, String category, Object... details) {
        FutureFailure f = new FutureFailure(message, category, details);
        Loop l = loopForLater("failLater");
        if (l != null) {
            l.later(() -> complete(FAILED, null, f, true));
        }
        return this;
    }

    /**
     * Fails the future with an exception at the next iteration of its loop (IO::Async::Future's
     * {@code fail_later}), wrapped as {@link #fail(Throwable)} does.
     *
     * @param error the exception
     * @return this
     * @throws IllegalStateException when the future is bound to no loop, is already done or
     *     failed, or its loop is closed
     */
    public Future<T> failLater(Throwable error) {
        FutureFailure f = FutureFailure.wrap(Objects.requireNonNull(error, "error"));
        Loop l = loopForLater("failLater");
        if (l != null) {
            l.later(() -> complete(FAILED, null, f, true));
        }
        return this;
    }

    /** The loop to defer a completion to, or {@code null} when the future was cancelled (nothing to do). */
    private Loop loopForLater(String what) {
        Loop loop = loop();
        if (loop == null) {
            throw new IllegalStateException(what + " needs a future bound to a loop (made by Loop.newFuture()); "
                    + this + " is bound to none");
        }
        int s = state;
        if (s == CANCELLED) {
            return null;
        }
        if (s != PENDING) {
            throw new IllegalStateException(this + " is already " + stateName(s) + "; " + what + " refused");
        }
        return loop;
    }

    /** Completes as {@link #done}, but answers {@code false} instead of throwing when ready. */
    boolean tryDone(T v) {
        return complete(DONE, v, null, false);
    }

    /** Fails as {@link #fail(Throwable)}, but answers {@code false} instead of throwing when ready. */
    boolean tryFail(Throwable error) {
        return complete(FAILED, null, FutureFailure.wrap(error), false);
    }

    private boolean complete(int newState, T v, FutureFailure f, boolean strict) {
        Consumer<Future<T>> first;
        ArrayList<Consumer<Future<T>>> more;
        synchronized (this) {
            int s = state;
            if (s != PENDING) {
                if (strict && s != CANCELLED) {
                    throw new IllegalStateException(this + " is already " + stateName(s) + " and cannot be marked "
                            + stateName(newState));
                }
                return false;
            }
            value = v;
            failure = f;
            if (f != null && !observed) {
                watch = FutureFailureWatch.register(this, f, loop());
            }
            state = newState;
            settled();
            first = firstCallback;
            more = moreCallbacks;
            clearCallbacks();
        }
        if (first != null || more != null) {
            fireBounded(first, more, null);
        }
        return true;
    }

    /**
     * Runs the callbacks of a future that just became ready now, or, when completions already
     * nest {@link CallbackDepth#MAX_DEPTH} deep on this thread, once the outermost one has run
     * its own: a long chain of futures that complete at once cannot overflow the stack.
     */
    private void fireBounded(Consumer<Future<T>> first, List<Consumer<Future<T>>> more, VirtualMachineError fatal) {
        CallbackDepth depth = CallbackDepth.current();
        if (!depth.enter()) {
            depth.defer(() -> fire(first, more, fatal));
            return;
        }
        try {
            fire(first, more, fatal);
        } catch (VirtualMachineError e) { // thrown after every callback ran; the queued ones still run
            throw depth.exitAfter(e);
        }
        depth.exit();
    }

    /** The future left {@code pending}: the loop stops counting it, and learns of a completion from another thread. */
    private void settled() {
        Loop l = loop();
        if (l != null) {
            l.futureSettled(counted);
        }
    }

    private void clearCallbacks() {
        firstCallback = null;
        moreCallbacks = null;
        firstCancelHook = null;
        moreCancelHooks = null;
    }

    // ------------------------------------------------------------------ callbacks

    /**
     * Runs {@code callback} with this future when it becomes ready, whatever the outcome (Perl's
     * {@code on_ready}); at once when it is ready already. Marks a failure as observed.
     *
     * @param callback the code
     * @return this
     */
    public Future<T> onReady(Consumer<Future<T>> callback) {
        addCallback(Objects.requireNonNull(callback, "callback"), true);
        return this;
    }

    /**
     * Runs {@code callback} with the value if the future becomes done (Perl's {@code on_done});
     * at once when it is done already; never when it fails or is cancelled.
     *
     * @param callback the code
     * @return this
     */
    public Future<T> onDone(Consumer<? super T> callback) {
        Objects.requireNonNull(callback, "callback");
        addCallback(f -> {
            if (f.state == DONE) {
                callback.accept(f.value);
            }
        }, false);
        return this;
    }

    /**
     * Runs {@code callback} with the failure if the future fails (Perl's {@code on_fail}); at
     * once when it has failed already; never when it is done or cancelled. Marks a failure as
     * observed.
     *
     * @param callback the code
     * @return this
     */
    public Future<T> onFail(Consumer<? super FutureFailure> callback) {
        Objects.requireNonNull(callback, "callback");
        addCallback(f -> {
            if (f.state == FAILED) {
                callback.accept(f.failure);
            }
        }, true);
        return this;
    }

    /**
     * Runs {@code hook} if the future is cancelled (Perl's {@code on_cancel}), before the
     * {@code onReady} callbacks; hooks run newest first. On a future that is already cancelled
     * the hook runs at once; on one that is done or failed it is dropped.
     *
     * @param hook the code, for instance {@code other::cancel} to pass the cancellation on
     * @return this
     */
    public Future<T> onCancel(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        synchronized (this) {
            if (state == PENDING) {
                if (firstCancelHook == null) {
                    firstCancelHook = hook;
                } else {
                    if (moreCancelHooks == null) {
                        moreCancelHooks = new ArrayList<>(2);
                    }
                    moreCancelHooks.add(hook);
                }
                return this;
            }
        }
        if (state == CANCELLED) {
            VirtualMachineError fatal = runHook(hook, null);
            if (fatal != null) {
                throw fatal;
            }
        }
        return this;
    }

    private void addCallback(Consumer<Future<T>> callback, boolean observes) {
        synchronized (this) {
            if (observes) {
                markObservedLocked();
            }
            if (state == PENDING) {
                if (firstCallback == null) {
                    firstCallback = callback;
                } else {
                    if (moreCallbacks == null) {
                        moreCallbacks = new ArrayList<>(2);
                    }
                    moreCallbacks.add(callback);
                }
                return;
            }
        }
        VirtualMachineError fatal = runCallback(callback, null);
        if (fatal != null) {
            throw fatal;
        }
    }

    /**
     * Runs the callbacks of a future that just became ready. A fatal JVM error thrown by one does
     * not keep the others from running (they were already taken off the future); it is thrown
     * once they all ran, so that it leaves {@code done}, {@code fail} or {@code cancel} and the
     * loop's run methods with every callback of this future dispatched.
     */
    private void fire(Consumer<Future<T>> first, List<Consumer<Future<T>>> more, VirtualMachineError fatalSoFar) {
        VirtualMachineError fatal = fatalSoFar;
        if (first != null) {
            fatal = runCallback(first, fatal);
        }
        if (more != null) {
            for (Consumer<Future<T>> c : more) {
                fatal = runCallback(c, fatal);
            }
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    private VirtualMachineError runCallback(Consumer<Future<T>> callback, VirtualMachineError fatal) {
        try {
            callback.accept(this);
            return fatal;
        } catch (Throwable t) {
            return report(t, fatal, "a callback of " + this);
        }
    }

    private VirtualMachineError runHook(Runnable hook, VirtualMachineError fatal) {
        try {
            hook.run();
            return fatal;
        } catch (Throwable t) {
            return report(t, fatal, "an onCancel hook of " + this);
        }
    }

    /**
     * Reports what a callback threw to the loop's error routing; a fatal JVM error is logged once
     * and kept, to be thrown when the remaining callbacks ran.
     *
     * @return the first fatal error so far, or {@code null}
     */
    private VirtualMachineError report(Throwable error, VirtualMachineError fatal, String where) {
        VirtualMachineError thisFatal = FatalErrors.fatalIn(error);
        if (thisFatal == null) {
            try {
                FutureFailureWatch.report(loop(), error, where + " threw");
                return fatal;
            } catch (VirtualMachineError handlerFatal) { // an error handler itself failed fatally
                thisFatal = handlerFatal;
            }
        }
        if (fatal == null) {
            return FatalErrors.escape(thisFatal, where);
        }
        if (fatal != thisFatal) {
            fatal.addSuppressed(thisFatal);
        }
        return fatal;
    }

    /**
     * Counts as observing this future, so that a failure nobody reads is not reported when the
     * future is collected. For futures whose failures also reach an event handler, such as a
     * stream's write futures (their failures also run {@code on_write_error}).
     *
     * @return this
     */
    public Future<T> observe() {
        markObserved();
        return this;
    }

    private void markObserved() {
        if (!observed) {
            synchronized (this) {
                markObservedLocked();
            }
        }
    }

    private void markObservedLocked() {
        observed = true;
        if (watch != null) {
            watch.observed = true;
            watch = null;
        }
    }

    // ------------------------------------------------------------------ waiting

    /**
     * The value, waiting for it if need be (Perl's {@code get}). On the thread of the bound loop
     * a pending future runs that loop ({@link Loop#await}) until it is ready; on any other thread,
     * or for a future bound to no loop, the calling thread blocks until another thread completes
     * it.
     *
     * @return the value
     * @throws FutureFailure when the future failed (the very failure it holds), or, with category
     *     {@code interrupted}, when a blocked wait was interrupted (the interrupt status is set again)
     * @throws CancellationException when it was cancelled
     * @throws IllegalStateException when called on the thread of a closed loop, or on the loop
     *     thread when nothing can complete the future, which would wait for ever: see
     *     {@link Loop#hold(String)} for what the loop counts, and how another thread that completes
     *     the future says so
     * @throws VirtualMachineError a fatal JVM error thrown by a callback the loop ran meanwhile
     */
    public T get() {
        markObserved();
        if (state == PENDING) {
            Loop loop = loop();
            if (loop != null && loop.inLoopThread()) {
                wakeLoopWhenReady(loop);
                loop.await(this);
            } else {
                block(-1, null);
            }
        }
        return outcome();
    }

    /**
     * The value, waiting for it at most {@code timeout}, as {@link #get()} does (on the loop
     * thread by running the loop, elsewhere by blocking).
     *
     * <p>When the time runs out this throws a {@link FutureFailure} of category {@code timeout}
     * whose cause is a {@link TimeoutException}; the future itself stays pending. An interrupted
     * wait throws a {@link FutureFailure} of category {@code interrupted} (cause the
     * {@link InterruptedException}) with the thread's interrupt status set again.
     *
     * @param timeout the longest wait
     * @return the value
     * @throws FutureFailure when the future failed, or the wait timed out or was interrupted
     * @throws CancellationException when the future was cancelled
     */
    public T get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        markObserved();
        if (state == PENDING) {
            long nanos = Loop.saturatedNanos(timeout);
            Loop loop = loop();
            if (loop != null && loop.inLoopThread()) {
                wakeLoopWhenReady(loop);
                runLoopFor(loop, nanos, timeout);
            } else {
                block(nanos, timeout);
            }
        }
        return outcome();
    }

    /**
     * Another thread may complete this future while the loop blocks in its poll: wake it then.
     * Completed on the loop thread, the loop is running, not polling: no wake-up (a system call).
     */
    private void wakeLoopWhenReady(Loop l) {
        addCallback(f -> {
            if (!l.inLoopThread()) {
                l.wakeup();
            }
        }, false);
    }

    private void runLoopFor(Loop loop, long nanos, Duration timeout) {
        long deadline = System.nanoTime() + nanos;
        while (state == PENDING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timedOut(timeout);
            }
            loop.loopOnce(Duration.ofNanos(left));
        }
    }

    private void block(long nanos, Duration timeout) {
        CallbackDepth.current().beforeWait(false);
        CountDownLatch latch = new CountDownLatch(1);
        addCallback(f -> latch.countDown(), false);
        try {
            if (nanos < 0) {
                latch.await();
            } else if (!latch.await(nanos, TimeUnit.NANOSECONDS)) {
                throw timedOut(timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FutureFailure("interrupted while waiting for " + this, "interrupted", e);
        }
    }

    private FutureFailure timedOut(Duration timeout) {
        String message = "timed out after " + timeout + " waiting for " + this;
        return new FutureFailure(message, "timeout", new TimeoutException(message));
    }

    private T outcome() {
        return switch (state) {
            case DONE -> value;
            case FAILED -> throw failure;
            case CANCELLED -> throw new CancellationException(this + " was cancelled");
            default -> throw new IllegalStateException(this + " is not yet ready");
        };
    }

    // ------------------------------------------------------------------ sequencing

    /**
     * When this future is done, calls {@code next} with its value and follows the future it
     * returns (Perl's {@code then}). A failure passes through unchanged.
     *
     * @param next the next step
     * @param <R> the next value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> then(Function<? super T, ? extends Future<R>> next) {
        Objects.requireNonNull(next, "next");
        return FutureSequence.start(this, f -> f.state == DONE ? produce(next, f.value) : null);
    }

    /**
     * When this future is done calls {@code onDone} with its value, when it fails calls
     * {@code onFail} with the failure, and follows the future the call returns (Perl's
     * {@code then} with two codes).
     *
     * @param onDone the step after success
     * @param onFail the step after failure
     * @param <R> the next value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> then(Function<? super T, ? extends Future<R>> onDone,
            Function<? super FutureFailure, ? extends Future<R>> onFail) {
        Objects.requireNonNull(onDone, "onDone");
        Objects.requireNonNull(onFail, "onFail");
        return FutureSequence.start(this,
                f -> f.state == DONE ? produce(onDone, f.value) : produce(onFail, f.failure));
    }

    /**
     * When this future fails with the given category, calls {@code handler} with the failure and
     * follows the future it returns (Perl's {@code catch} / {@code then} with a category); a
     * value or a failure of another category passes through unchanged.
     *
     * @param category the category to catch; {@code null} catches failures without a category
     * @param handler the step after such a failure
     * @return a new future, bound to this future's loop
     */
    public Future<T> thenCatch(String category, Function<? super FutureFailure, ? extends Future<T>> handler) {
        Objects.requireNonNull(handler, "handler");
        return FutureSequence.start(this, f -> f.state == FAILED && Objects.equals(category, f.failure.category())
                ? produce(handler, f.failure) : f);
    }

    /**
     * When this future fails, calls {@code handler} with the failure and follows the future it
     * returns (Perl's {@code else}); a value passes through unchanged.
     *
     * @param handler the step after failure
     * @return a new future, bound to this future's loop
     */
    public Future<T> orElse(Function<? super FutureFailure, ? extends Future<T>> handler) {
        Objects.requireNonNull(handler, "handler");
        return FutureSequence.start(this, f -> f.state == FAILED ? produce(handler, f.failure) : f);
    }

    /**
     * When this future is done or has failed, calls {@code next} with it and follows the future
     * it returns (Perl's {@code followed_by}).
     *
     * @param next the next step
     * @param <R> the next value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> followedBy(Function<? super Future<T>, ? extends Future<R>> next) {
        Objects.requireNonNull(next, "next");
        return FutureSequence.start(this, f -> produce(next, f));
    }

    /**
     * Maps the value (Perl's {@code transform(done => ...)}); a failure passes through.
     *
     * @param done maps the value
     * @param <R> the new value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> transform(Function<? super T, ? extends R> done) {
        Objects.requireNonNull(done, "done");
        return then(v -> doneFuture(done.apply(v)));
    }

    /**
     * Maps the value or the failure (Perl's {@code transform(done => ..., fail => ...)}).
     *
     * @param done maps the value
     * @param fail maps the failure to another failure
     * @param <R> the new value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> transform(Function<? super T, ? extends R> done,
            Function<? super FutureFailure, ? extends FutureFailure> fail) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(fail, "fail");
        return then(v -> doneFuture(done.apply(v)),
                f -> relayFailure(Objects.requireNonNull(fail.apply(f), "the failure mapper returned null")));
    }

    /**
     * When this future is done, completes with {@code next} instead (Perl's {@code then_done}); a
     * failure passes through.
     *
     * @param next the value to complete with
     * @param <R> the new value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> thenDone(R next) {
        return then(v -> doneFuture(next));
    }

    /**
     * When this future is done, fails instead (Perl's {@code then_fail}); a failure passes
     * through.
     *
     * @param message the message for humans
     * @param category the category, or {@code null}
     * @param details further values
     * @param <R> the new value type
     * @return a new future, bound to this future's loop
     */
    public <R> Future<R> thenFail(String message, String category, Object... details) {
        FutureFailure f = new FutureFailure(message, category, details);
        return then(v -> relayFailure(f));
    }

    private static <A, R> Future<R> produce(Function<? super A, ? extends Future<R>> fn, A arg) {
        Future<R> next = fn.apply(arg);
        if (next == null) {
            throw new NullPointerException("the function given to a Future sequencing method returned null, "
                    + "not a Future");
        }
        return next;
    }

    // ------------------------------------------------------------------ convergents

    /**
     * A future done with every value, in order, once all the components are done (Perl's
     * {@code needs_all}). The first component to fail fails it with its failure, and the pending
     * components are cancelled; a cancelled component fails it likewise. Cancelling it cancels the
     * pending components. With no component it is done at once with an empty list.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future, bound to the loop of the first component that has one
     */
    public static <T> Future<List<T>> needsAll(Collection<? extends Future<? extends T>> futures) {
        return FutureConvergents.needsAll(futures);
    }

    /**
     * As {@link #needsAll(Collection)}.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only goes to List.of, which copies it
    public static <T> Future<List<T>> needsAll(Future<? extends T>... futures) {
        return FutureConvergents.needsAll(List.of(futures));
    }

    /**
     * A future done with the value of the first component to be done, whereupon the pending
     * components are cancelled (Perl's {@code needs_any}). It fails only when no component can be
     * done any more: with the failure of the last component to fail, or, when all were cancelled,
     * with "all component futures were cancelled". Cancelling it cancels the pending components.
     * With no component it fails at once.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future, bound to the loop of the first component that has one
     */
    public static <T> Future<T> needsAny(Collection<? extends Future<? extends T>> futures) {
        return FutureConvergents.needsAny(futures);
    }

    /**
     * As {@link #needsAny(Collection)}.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only goes to List.of, which copies it
    public static <T> Future<T> needsAny(Future<? extends T>... futures) {
        return FutureConvergents.needsAny(List.of(futures));
    }

    /**
     * A future done with the list of components, in order, once every one is ready, whatever its
     * outcome (Perl's {@code wait_all}). Cancelling it cancels the pending components. With no
     * component it is done at once with an empty list.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future, bound to the loop of the first component that has one
     */
    public static <T> Future<List<Future<T>>> waitAll(Collection<? extends Future<T>> futures) {
        return FutureConvergents.waitAll(futures);
    }

    /**
     * As {@link #waitAll(Collection)}.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only goes to List.of, which copies it
    public static <T> Future<List<Future<T>>> waitAll(Future<T>... futures) {
        return FutureConvergents.waitAll(List.of(futures));
    }

    /**
     * A future that takes the outcome (value or failure) of the first component to become done or
     * fail, whereupon the pending components are cancelled (Perl's {@code wait_any}). Cancelled
     * components are ignored unless all are cancelled, which fails it. Cancelling it cancels the
     * pending components. With no component it fails at once.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future, bound to the loop of the first component that has one
     */
    public static <T> Future<T> waitAny(Collection<? extends Future<? extends T>> futures) {
        return FutureConvergents.waitAny(futures);
    }

    /**
     * As {@link #waitAny(Collection)}.
     *
     * @param futures the components
     * @param <T> the value type
     * @return a new future
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only goes to List.of, which copies it
    public static <T> Future<T> waitAny(Future<? extends T>... futures) {
        return FutureConvergents.waitAny(List.of(futures));
    }

    // ------------------------------------------------------------------ conversions

    /**
     * A new {@link CompletableFuture} that completes as this future does: with the value,
     * exceptionally with the {@link FutureFailure}, or cancelled. Cancelling it cancels this
     * future. Each call returns a new one.
     *
     * @return the completable future
     */
    public CompletableFuture<T> toCompletableFuture() {
        return FutureBridge.toCompletableFuture(this);
    }

    /**
     * A future that completes as {@code stage} does (a {@link java.util.concurrent.CompletionException}
     * is unwrapped; an exception becomes a failure as {@link #fail(Throwable)} does; a
     * {@link CancellationException} cancels it). With a loop, a completion that happens on another
     * thread is delivered on the loop thread through {@link Loop#later} (directly when the loop is
     * closed); without one it is delivered on the completing thread. Cancelling the future cancels
     * {@code stage} when it is a {@link java.util.concurrent.Future}.
     *
     * @param stage the stage
     * @param loop the loop to bind to and deliver on, or {@code null}
     * @param <T> the value type
     * @return a new future
     */
    public static <T> Future<T> fromCompletionStage(CompletionStage<T> stage, Loop loop) {
        Objects.requireNonNull(stage, "stage");
        return FutureBridge.fromCompletionStage(stage, loop);
    }

    // ------------------------------------------------------------------ describing

    private static String stateName(int s) {
        return switch (s) {
            case PENDING -> "pending";
            case DONE -> "done";
            case FAILED -> "failed";
            default -> "cancelled";
        };
    }

    /** {@return the state, and for a failure its category and message, for example {@code Future@1b6d3586[failed timeout: Timeout after PT1S]}} */
    @Override
    public String toString() {
        String head = "Future@" + Integer.toHexString(System.identityHashCode(this)) + "[" + stateName(state);
        if (state == FAILED) {
            FutureFailure f = failure;
            return head + (f.category() == null ? "" : " " + f.category()) + ": " + f.getMessage() + "]";
        }
        return head + "]";
    }
}
