package dev.ioasync.coro;

import java.lang.System.Logger.Level;

/**
 * One coro waiting for one thing (a token, a signal, a join, a future, a timer), or one callback
 * waiting in a primitive's queue (Coro::Semaphore's and Coro::Signal's {@code wait($callback)}):
 * the wait record behind every blocking call of Perl's Coro. Exactly one of {@link #signal} and
 * {@link #timeout} wins; either readies the coro (or runs the callback). While it sits in a
 * {@link WaitList} it keeps that list's count of live waiters up to date.
 */
final class Waiter {

    /** The waiting coro, or {@code null} for a callback waiter. */
    final Coro coro;
    /** The callback of a callback waiter, or {@code null}. */
    private final Runnable callback;
    /** A Semaphore waiter that waits for a token without taking it ({@link Semaphore#await}). */
    boolean peek;
    boolean signalled;
    boolean timedOut;
    Object value;
    /** The list it waits in, while it is in one. */
    WaitList list;

    Waiter(Coro coro) {
        this.coro = coro;
        this.callback = null;
    }

    /** A waiter that runs {@code callback} (once) instead of waking a coro. */
    Waiter(Runnable callback) {
        this.coro = null;
        this.callback = callback;
    }

    /** {@return whether nobody has woken it and it has not timed out} */
    boolean isWaiting() {
        return !signalled && !timedOut;
    }

    /**
     * Wakes the waiting coro (or runs the callback) with a value, unless it timed out or was woken
     * already.
     *
     * @return whether this call woke it
     */
    boolean signal(Object v) {
        if (!isWaiting()) {
            return false;
        }
        signalled = true;
        value = v;
        stoppedWaiting();
        wake();
        return true;
    }

    boolean signal() {
        return signal(null);
    }

    /** Times the wait out and readies the coro, unless it was woken already. */
    void timeout() {
        if (isWaiting()) {
            expire();
            wake();
        }
    }

    /** Times the wait out without readying the coro (it is running: a zero timeout). */
    void expire() {
        if (isWaiting()) {
            timedOut = true;
            stoppedWaiting();
        }
    }

    private void wake() {
        if (coro != null) {
            coro.wake();
        } else {
            runCallback(callback, "a Semaphore/Signal await callback");
        }
    }

    /**
     * Runs a primitive's callback (Coro calls them inside {@code up}/{@code send} with errors
     * kept): an ordinary exception is logged, a fatal JVM error (and a terminate or cancel of the
     * running coro) goes on to the caller.
     */
    static void runCallback(Runnable callback, String what) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            CoroScheduler.log(Level.WARNING, what + " threw; it must not (the exception is dropped)", e);
        }
    }

    private void stoppedWaiting() {
        if (list != null) {
            list.stoppedWaiting();
        }
    }
}
