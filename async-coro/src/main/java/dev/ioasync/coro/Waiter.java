package dev.ioasync.coro;

/**
 * One coro waiting for one thing (a token, a signal, a join, a future, a timer): the wait record
 * behind every blocking call of Perl's Coro. Exactly one of {@link #signal} and {@link #timeout}
 * wins; either readies the coro. While it sits in a {@link WaitList} it keeps that list's count of
 * live waiters up to date.
 */
final class Waiter {

    final Coro coro;
    boolean signalled;
    boolean timedOut;
    Object value;
    /** The list it waits in, while it is in one. */
    WaitList list;

    Waiter(Coro coro) {
        this.coro = coro;
    }

    /** {@return whether nobody has woken it and it has not timed out} */
    boolean isWaiting() {
        return !signalled && !timedOut;
    }

    /**
     * Wakes the waiting coro with a value, unless it timed out or was woken already.
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
        coro.wake();
        return true;
    }

    boolean signal() {
        return signal(null);
    }

    /** Times the wait out and readies the coro, unless it was woken already. */
    void timeout() {
        if (isWaiting()) {
            expire();
            coro.wake();
        }
    }

    /** Times the wait out without readying the coro (it is running: a zero timeout). */
    void expire() {
        if (isWaiting()) {
            timedOut = true;
            stoppedWaiting();
        }
    }

    private void stoppedWaiting() {
        if (list != null) {
            list.stoppedWaiting();
        }
    }
}
