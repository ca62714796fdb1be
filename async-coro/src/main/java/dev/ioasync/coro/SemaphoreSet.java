package dev.ioasync.coro;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A set of semaphores named by keys, made on first use and dropped when unused (Perl's
 * Coro::SemaphoreSet): for instance one lock per host name.
 *
 * <p>Thread rules: use it from coros and loop callbacks of one loop.
 */
public final class SemaphoreSet {

    private final int initial;
    private final Map<Object, Semaphore> sems = new HashMap<>();

    /** A set whose semaphores start with one token each. */
    public SemaphoreSet() {
        this(1);
    }

    /**
     * A set whose semaphores start with {@code initial} tokens (Perl's
     * {@code new Coro::SemaphoreSet $count}).
     *
     * @param initial the initial count of each semaphore; 0 or negative: each is locked until that
     *     many {@code up}s, as {@link Semaphore#Semaphore(int)}
     */
    public SemaphoreSet(int initial) {
        this.initial = initial;
    }

    /**
     * Takes a token of {@code key}'s semaphore, waiting as long as it takes.
     *
     * @param key the key
     */
    public void down(Object key) {
        down(key, null);
    }

    /**
     * Takes a token of {@code key}'s semaphore, waiting at most {@code timeout}.
     *
     * @param key the key
     * @param timeout the longest wait, or {@code null}
     * @return whether it took one
     */
    public boolean down(Object key, Duration timeout) {
        Semaphore s = sem(key);
        try {
            return s.down(timeout);
        } finally {
            tidy(key, s);
        }
    }

    /**
     * Takes a token of {@code key}'s semaphore if one is free.
     *
     * @param key the key
     * @return whether it took one
     */
    public boolean tryDown(Object key) {
        Semaphore s = sem(key);
        boolean ok = s.tryDown();
        tidy(key, s);
        return ok;
    }

    /**
     * Gives a token of {@code key}'s semaphore back.
     *
     * @param key the key
     */
    public void up(Object key) {
        Semaphore s = sem(key);
        s.up();
        tidy(key, s);
    }

    /**
     * Takes a token of {@code key}'s semaphore and returns a guard that gives it back (Perl's
     * {@code guard($id)}).
     *
     * @param key the key
     * @return the guard
     */
    public AutoCloseableGuard guard(Object key) {
        down(key);
        return new OnceGuard(this, key);
    }

    /**
     * Takes a token of {@code key}'s semaphore within {@code timeout} and returns its guard.
     *
     * @param key the key
     * @param timeout the longest wait
     * @return the guard
     * @throws CoroTimeoutException when no token came in time
     */
    public AutoCloseableGuard guard(Object key, Duration timeout) {
        if (!down(key, timeout)) {
            throw new CoroTimeoutException("no SemaphoreSet token for " + key + " within " + timeout);
        }
        return new OnceGuard(this, key);
    }

    /**
     * Waits until {@code key}'s semaphore has a free token, without taking it (Perl's
     * {@code wait($id)}; see {@link Semaphore#await()}).
     *
     * @param key the key
     */
    public void await(Object key) {
        await(key, (Duration) null);
    }

    /**
     * Waits at most {@code timeout} until {@code key}'s semaphore has a free token, without taking it.
     *
     * @param key the key
     * @param timeout the longest wait, or {@code null}
     * @return whether a token was free in time
     */
    public boolean await(Object key, Duration timeout) {
        Semaphore s = sem(key);
        try {
            return s.await(timeout);
        } finally {
            tidy(key, s);
        }
    }

    /**
     * Calls {@code callback} as soon as {@code key}'s semaphore has a free token, without taking it
     * and without waiting (Perl's {@code wait($id, $callback)}; see {@link Semaphore#await(Runnable)}).
     *
     * @param key the key
     * @param callback the callback
     */
    public void await(Object key, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        Semaphore s = sem(key);
        s.await(callback);
        tidy(key, s);
    }

    /**
     * {@return the semaphore of {@code key}, made if need be (Perl's {@code sem($id)})}: any
     * {@link Semaphore} method may be called on it, but once it is back at the initial count with
     * no waiter, an operation of this set may drop it and make a new one for the key
     *
     * @param key the key
     */
    public Semaphore sem(Object key) {
        Objects.requireNonNull(key, "key");
        return sems.computeIfAbsent(key, k -> new Semaphore(initial));
    }

    /**
     * {@return the token count of {@code key}'s semaphore}
     *
     * @param key the key
     */
    public int count(Object key) {
        Objects.requireNonNull(key, "key");
        Semaphore s = sems.get(key);
        return s == null ? initial : s.count();
    }

    /**
     * {@return how many coros wait for {@code key}}
     *
     * @param key the key
     */
    public int waiters(Object key) {
        Objects.requireNonNull(key, "key");
        Semaphore s = sems.get(key);
        return s == null ? 0 : s.waiters();
    }

    /** {@return how many semaphores are in use} */
    public int size() {
        return sems.size();
    }

    private void tidy(Object key, Semaphore s) {
        if (s.count() == initial && s.waiters() == 0) {
            sems.remove(key, s);
        }
    }

    /** Gives the token back once, however often it is closed. */
    private static final class OnceGuard implements AutoCloseableGuard {
        private SemaphoreSet set;
        private final Object key;

        OnceGuard(SemaphoreSet set, Object key) {
            this.set = set;
            this.key = key;
        }

        @Override
        public void close() {
            SemaphoreSet s = set;
            if (s != null) {
                set = null;
                s.up(key);
            }
        }
    }

    /** A guard that gives a token back when closed; idempotent. */
    @FunctionalInterface
    public interface AutoCloseableGuard extends AutoCloseable {
        /** Gives the token back. */
        @Override
        void close();
    }
}
