package dev.ioasync.coro;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A FIFO of waiting coros, the building block of every primitive (the wait queues of Perl's
 * Coro::Semaphore, Coro::Signal, Coro::RWLock). It counts its live waiters as they come and go, so
 * {@link #size()} is O(1).
 */
final class WaitList {

    private final ArrayDeque<Waiter> q = new ArrayDeque<>();
    /** Waiters in {@link #q} neither woken nor timed out. */
    private int live;

    void add(Waiter w) {
        if (w.list != null) {
            throw new IllegalStateException("a waiter is already in a wait list");
        }
        q.addLast(w);
        w.list = this;
        if (w.isWaiting()) {
            live++;
        }
    }

    /** {@return whether {@code w} was still in the list (though it may have timed out meanwhile)} */
    boolean remove(Waiter w) {
        if (w.list != this || !q.removeFirstOccurrence(w)) {
            return false;
        }
        detach(w);
        return true;
    }

    /**
     * Wakes the first waiter that can still be woken. A waiter leaves the list before it is woken,
     * so that a callback waiter may use the primitive again. {@return whether one was}
     */
    boolean wakeFirst(Object value) {
        Waiter w;
        while ((w = q.pollFirst()) != null) {
            detach(w);
            if (w.signal(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@return the first waiter still waiting, taken out of the list (not woken), or {@code null}} */
    Waiter pollLive() {
        Waiter w;
        while ((w = q.pollFirst()) != null) {
            boolean waiting = w.isWaiting();
            detach(w);
            if (waiting) {
                return w;
            }
        }
        return null;
    }

    /** Wakes every waiter there is now (not those a woken callback adds). {@return how many it woke} */
    int wakeAll(Object value) {
        if (q.isEmpty()) {
            return 0;
        }
        Waiter[] all = q.toArray(new Waiter[0]);
        q.clear();
        for (Waiter w : all) {
            detach(w);
        }
        int n = 0;
        Throwable thrown = null;
        for (Waiter w : all) {
            try {
                if (w.signal(value)) {
                    n++;
                }
            } catch (RuntimeException | Error e) { // a callback's fatal error: wake the others first
                if (thrown == null) {
                    thrown = e;
                }
            }
        }
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown != null) {
            throw (Error) thrown;
        }
        return n;
    }

    private void detach(Waiter w) {
        if (w.isWaiting()) {
            live--;
        }
        w.list = null;
    }

    /** Called by a waiter of this list that was woken or timed out. */
    void stoppedWaiting() {
        live--;
    }

    /** {@return how many are waiting, not counting those woken or timed out and not yet gone}: O(1) */
    int size() {
        return live;
    }

    boolean isEmpty() {
        return live == 0;
    }

    /** {@return a deadline on the scheduler clock, or 0 for none} */
    static long deadline(CoroScheduler s, Duration timeout) {
        return timeout == null ? 0 : s.nanoTime() + Math.max(0, timeout.toNanos());
    }

    /** {@return the time left until {@code deadline}, or {@code null} for none} */
    static Duration left(CoroScheduler s, Duration timeout, long deadline) {
        return timeout == null ? null : Duration.ofNanos(Math.max(0, deadline - s.nanoTime()));
    }
}
