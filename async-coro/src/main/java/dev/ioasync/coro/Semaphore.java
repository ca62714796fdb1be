package dev.ioasync.coro;

import java.time.Duration;
import java.util.Objects;

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
     * A semaphore with Coro's (barging) order (Perl's {@code new Coro::Semaphore $count}).
     *
     * @param count the initial number of tokens; 0 or negative: locked until that many
     *     {@code up}s (as in Coro)
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
     * @param count the initial number of tokens; 0 or negative: locked until that many
     *     {@code up}s
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

    /** {@return how many coros (and callbacks) wait in {@code down} and {@code await} (Perl's {@code waiters})} */
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
     * {@code adjust}). Callbacks given to {@link #await(Runnable)} are called from here while a
     * token is free; they take none.
     *
     * @param delta how many
     * @throws ArithmeticException when the count would leave the {@code int} range (nothing changes)
     */
    public void adjust(int delta) {
        int after;
        try {
            after = Math.addExact(count, delta);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("Semaphore count " + count + " + " + delta + " leaves the int range");
        }
        if (fair) {
            count = after;
            // hand the free tokens to the waiters in order; one waiting in await takes none
            Waiter w;
            while (count > 0 && (w = waiters.pollLive()) != null) {
                if (!w.peek) {
                    count--;
                }
                w.signal(null);
            }
            return;
        }
        count = after;
        // as Coro: wake as many coros as there are tokens (a woken coro takes its token when it
        // runs, unless one barges in first); callbacks are called and take none
        int n = count;
        Waiter w;
        while (n > 0 && count > 0 && (w = waiters.pollLive()) != null) {
            if (w.coro != null) {
                n--;
            }
            w.signal(null);
        }
    }

    private void passOn() {
        if (fair) {
            up();
        } else if (count > 0) {
            waiters.wakeFirst(null);
        }
    }

    /** {@return whether a {@code down} would take a token now without waiting} */
    private boolean available() {
        return count > 0 && (!fair || waiters.isEmpty());
    }

    /**
     * Waits until a token is free, without taking it (Perl's Coro::Semaphore {@code wait}): on
     * return a {@link #tryDown()} succeeds until the next switch (on a {@linkplain #fair(int) fair}
     * semaphore the token may have gone on to a {@code down} queued behind, so that is not
     * guaranteed there).
     */
    public void await() {
        await((Duration) null);
    }

    /**
     * Waits at most {@code timeout} until a token is free, without taking it; see {@link #await()}.
     *
     * @param timeout the longest wait, or {@code null} for no limit
     * @return whether a token was free in time
     */
    public boolean await(Duration timeout) {
        if (available()) {
            return true;
        }
        CoroScheduler s = CoroScheduler.current();
        long deadline = WaitList.deadline(s, timeout);
        while (true) {
            Waiter w = new Waiter(s.current);
            w.peek = true;
            waiters.add(w);
            boolean woken;
            try {
                woken = s.block(w, "Semaphore.await", WaitList.left(s, timeout, deadline));
            } catch (RuntimeException | Error e) {
                if (!waiters.remove(w) && w.signalled && !fair) {
                    passOn();
                }
                throw e;
            }
            if (!woken) {
                waiters.remove(w);
                return false;
            }
            if (fair || count > 0) {
                return true;
            }
            // barged: wait again
        }
    }

    /**
     * Calls {@code callback} as soon as a token is free, without taking one and without waiting
     * (Perl's Coro::Semaphore {@code wait($callback)}): at once when one is free now, else from
     * inside the {@code up} or {@code adjust} that frees one, in the order the waits came. The
     * callback may take the token with {@link #tryDown()}; it must not block, and what it throws is
     * logged (a fatal JVM error goes on to the caller of {@code up}).
     *
     * @param callback the callback
     */
    public void await(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (available()) {
            Waiter.runCallback(callback, "a Semaphore await callback");
            return;
        }
        Waiter w = new Waiter(callback);
        w.peek = true;
        waiters.add(w);
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
