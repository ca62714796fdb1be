package dev.ioasync.coro;

import java.time.Duration;

/**
 * A counting semaphore for coros (Perl's Coro::Semaphore).
 *
 * <h2>Order</h2>
 * By default it behaves as Coro's does, so that ported programs run the same: {@link #up()} wakes
 * the first waiter(s), but a coro that calls {@link #down()} or {@link #tryDown()} before the
 * woken one runs takes the token ("barging"), and the woken one goes to the back of the queue.
 * {@link #fair(int)} makes one that hands each token to the longest waiter instead.
 *
 * <p>Every wait can time out, and a wait interrupted by {@link Coro#throwInto} or
 * {@link Coro#cancel} takes no token (one handed to it is passed on).
 *
 * <p>Thread rules: use it from coros and loop callbacks of one loop.
 */
public final class Semaphore {

    private final boolean fair;
    private final WaitList waiters = new WaitList();
    private int count;

    /** A semaphore with one token: a mutex. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with Coro's (barging) order.
     *
     * @param count the initial number of tokens (may be negative)
     */
    public Semaphore(int count) {
        this(count, false);
    }

    private Semaphore(int count, boolean fair) {
        this.count = count;
        this.fair = fair;
    }

    /**
     * A fair semaphore: tokens go to waiters in the order they came.
     *
     * @param count the initial number of tokens
     * @return the semaphore
     */
    public static Semaphore fair(int count) {
        return new Semaphore(count, true);
    }

    /** {@return whether it is fair} */
    public boolean isFair() {
        return fair;
    }

    /** {@return the number of tokens (Perl's {@code count})} */
    public int count() {
        return count;
    }

    /** {@return how many coros wait in {@code down} (Perl's {@code waiters})} */
    public int waiters() {
        return waiters.size();
    }

    /** Takes a token, waiting as long as it takes (Perl's {@code down}). */
    public void down() {
        down(null);
    }

    /**
     * Takes a token, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or {@code null} for no limit
     * @return whether it took one
     */
    public boolean down(Duration timeout) {
        if (tryDown()) {
            return true;
        }
        CoroScheduler s = CoroScheduler.current();
        long deadline = WaitList.deadline(s, timeout);
        while (true) {
            Waiter w = new Waiter(s.current);
            waiters.add(w);
            boolean woken;
            try {
                woken = s.block(w, "Semaphore.down", WaitList.left(s, timeout, deadline));
            } catch (RuntimeException | Error e) {
                if (!waiters.remove(w) && w.signalled) {
                    passOn();
                }
                throw e;
            }
            if (!woken) {
                waiters.remove(w);
                return false;
            }
            if (fair) {
                return true; // the token was handed over
            }
            if (count > 0) {
                count--;
                return true;
            }
            // barged: back to the end of the queue
        }
    }

    /**
     * Takes a token if one is free without waiting (Perl's {@code try}).
     *
     * @return whether it took one
     */
    public boolean tryDown() {
        if (count > 0 && (!fair || waiters.isEmpty())) {
            count--;
            return true;
        }
        return false;
    }

    /** Gives a token back, waking a waiter (Perl's {@code up}). */
    public void up() {
        adjust(1);
    }

    /**
     * Adds {@code delta} tokens (negative: removes), waking waiters as tokens allow (Perl's
     * {@code adjust}).
     *
     * @param delta how many
     */
    public void adjust(int delta) {
        if (fair) {
            int n = delta;
            while (n > 0 && waiters.wakeFirst(null)) {
                n--;
            }
            count += n;
            return;
        }
        count += delta;
        for (int n = count; n > 0; n--) {
            if (!waiters.wakeFirst(null)) {
                break;
            }
        }
    }

    private void passOn() {
        if (fair) {
            up();
        } else if (count > 0) {
            waiters.wakeFirst(null);
        }
    }

    /**
     * Takes a token and returns a guard that gives it back when closed (Perl's {@code guard}):
     * {@code try (var g = sem.guard()) { ... }}.
     *
     * @return the guard
     */
    public Guard guard() {
        down();
        return new Guard(this);
    }

    /**
     * Takes a token within {@code timeout} and returns its guard.
     *
     * @param timeout the longest wait
     * @return the guard
     * @throws CoroTimeoutException when no token came in time
     */
    public Guard guard(Duration timeout) {
        if (!down(timeout)) {
            throw new CoroTimeoutException("no Semaphore token within " + timeout);
        }
        return new Guard(this);
    }

    @Override
    public String toString() {
        return "Semaphore[count=" + count + ", waiters=" + waiters() + (fair ? ", fair]" : "]");
    }

    /** Gives a semaphore token back when closed; idempotent. */
    public static final class Guard implements AutoCloseable {
        private Semaphore sem;

        Guard(Semaphore sem) {
            this.sem = sem;
        }

        /** Gives the token back (once). */
        @Override
        public void close() {
            Semaphore s = sem;
            if (s != null) {
                sem = null;
                s.up();
            }
        }
    }
}
