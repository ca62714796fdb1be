package dev.ioasync.coro;

import java.time.Duration;
import java.util.Objects;

/**
 * A wake-up signal for coros (Perl's Coro::Signal): {@link #send()} wakes one waiter, or is
 * remembered (once) when nobody waits; {@link #broadcast()} wakes every waiter and is not
 * remembered. A wait interrupted by {@link Coro#throwInto} or {@link Coro#cancel} after a
 * {@code send} reached it passes that send on.
 *
 * <p>Thread rules: use it from coros and loop callbacks of one loop.
 */
public final class Signal {

    private static final Object SEND = new Object();
    private static final Object BROADCAST = new Object();

    private final WaitList waiters = new WaitList();
    private boolean sent;

    /** A signal with nothing sent. */
    public Signal() {
        // nothing sent
    }

    /** Waits for a {@code send} or {@code broadcast}; a remembered send returns at once (Perl's {@code wait}). */
    public void await() {
        await((Duration) null);
    }

    /**
     * Waits at most {@code timeout}.
     *
     * @param timeout the longest wait, or {@code null}
     * @return whether it was signalled
     */
    public boolean await(Duration timeout) {
        if (sent) {
            sent = false;
            return true;
        }
        CoroScheduler s = CoroScheduler.current();
        Waiter w = new Waiter(s.current);
        waiters.add(w);
        boolean woken;
        try {
            woken = s.block(w, "Signal.await", timeout);
        } catch (RuntimeException | Error e) {
            if (!waiters.remove(w) && w.signalled && w.value == SEND) {
                send();
            }
            throw e;
        }
        if (!woken) {
            waiters.remove(w);
        }
        return woken;
    }

    /**
     * Calls {@code callback} once, at the next {@code send} or {@code broadcast}, without waiting
     * (Perl's Coro::Signal {@code wait($callback)}): at once when a send is remembered (which it
     * uses up), else from inside the {@code send} or {@code broadcast} that reaches it, in the order
     * the waits came; a {@code send} that reaches a callback wakes no coro. The callback must not
     * block; what it throws is logged (a fatal JVM error goes on to the caller of {@code send}).
     *
     * @param callback the callback
     */
    public void await(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (sent) {
            sent = false;
            Waiter.runCallback(callback, "a Signal await callback");
            return;
        }
        waiters.add(new Waiter(callback));
    }

    /** Wakes one waiter, or remembers the signal when none waits (Perl's {@code send}). */
    public void send() {
        if (!waiters.wakeFirst(SEND)) {
            sent = true;
        }
    }

    /** Wakes every waiter; not remembered (Perl's {@code broadcast}). */
    public void broadcast() {
        waiters.wakeAll(BROADCAST);
    }

    /** {@return whether a coro (or a callback) waits (Perl's {@code awaited})} */
    public boolean awaited() {
        return !waiters.isEmpty();
    }

    /** {@return whether a send is remembered} */
    public boolean isSent() {
        return sent;
    }
}
