package dev.ioasync.coro;

import java.time.Duration;
import java.util.ArrayDeque;

/** A FIFO of waiting coros, the building block of every primitive. */
final class WaitList {

    private final ArrayDeque<Waiter> q = new ArrayDeque<>();

    void add(Waiter w) {
        q.addLast(w);
    }

    /** {@return whether {@code w} was still waiting in the list (so nobody woke it)} */
    boolean remove(Waiter w) {
        return q.removeFirstOccurrence(w);
    }

    /** Wakes the first waiter that can still be woken. {@return whether one was} */
    boolean wakeFirst(Object value) {
        Waiter w;
        while ((w = q.pollFirst()) != null) {
            if (w.signal(value)) {
                return true;
            }
        }
        return false;
    }

    int wakeAll(Object value) {
        int n = 0;
        Waiter w;
        while ((w = q.pollFirst()) != null) {
            if (w.signal(value)) {
                n++;
            }
        }
        return n;
    }

    /** {@return how many are waiting, not counting those that timed out and have not run yet} */
    int size() {
        int n = 0;
        for (Waiter w : q) {
            if (!w.timedOut && !w.signalled) {
                n++;
            }
        }
        return n;
    }

    boolean isEmpty() {
        return size() == 0;
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
