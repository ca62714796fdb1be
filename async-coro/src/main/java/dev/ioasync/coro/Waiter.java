package dev.ioasync.coro;

/**
 * One coro waiting for one thing (a token, a signal, a join, a future, a timer). Exactly one of
 * {@link #signal} and {@link #timeout} wins; either readies the coro.
 */
final class Waiter {

    final Coro coro;
    boolean signalled;
    boolean timedOut;
    Object value;

    Waiter(Coro coro) {
        this.coro = coro;
    }

    /**
     * Wakes the waiting coro with a value, unless it timed out or was woken already.
     *
     * @return whether this call woke it
     */
    boolean signal(Object v) {
        if (signalled || timedOut) {
            return false;
        }
        signalled = true;
        value = v;
        coro.wake();
        return true;
    }

    boolean signal() {
        return signal(null);
    }

    void timeout() {
        if (!signalled && !timedOut) {
            timedOut = true;
            coro.wake();
        }
    }
}
