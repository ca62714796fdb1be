package dev.ioasync.coro;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
     * A set whose semaphores start with {@code initial} tokens.
     *
     * @param initial the initial count of each semaphore
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
        Semaphore s = sems.computeIfAbsent(key, k -> new Semaphore(initial));
        boolean ok = false;
        try {
            ok = s.down(timeout);
            return ok;
        } finally {
            if (!ok) {
                tidy(key, s);
            }
        }
    }

    /**
     * Takes a token of {@code key}'s semaphore if one is free.
     *
     * @param key the key
     * @return whether it took one
     */
    public boolean tryDown(Object key) {
        Semaphore s = sems.computeIfAbsent(key, k -> new Semaphore(initial));
        boolean ok = s.tryDown();
        if (!ok) {
            tidy(key, s);
        }
        return ok;
    }

    /**
     * Gives a token of {@code key}'s semaphore back.
     *
     * @param key the key
     */
    public void up(Object key) {
        Semaphore s = sems.computeIfAbsent(key, k -> new Semaphore(initial));
        s.up();
        tidy(key, s);
    }

    /**
     * Takes a token of {@code key}'s semaphore and returns a guard that gives it back.
     *
     * @param key the key
     * @return the guard
     */
    public AutoCloseableGuard guard(Object key) {
        down(key);
        return () -> up(key);
    }

    /**
     * {@return the token count of {@code key}'s semaphore}
     *
     * @param key the key
     */
    public int count(Object key) {
        Semaphore s = sems.get(key);
        return s == null ? initial : s.count();
    }

    /**
     * {@return how many coros wait for {@code key}}
     *
     * @param key the key
     */
    public int waiters(Object key) {
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

    /** A guard that gives a token back when closed. */
    @FunctionalInterface
    public interface AutoCloseableGuard extends AutoCloseable {
        /** Gives the token back. */
        @Override
        void close();
    }
}
