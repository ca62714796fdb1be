package dev.ioasync.coro;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a coro ends (Perl's Coro {@code cancel}, {@code safe_cancel}, {@code join},
 * {@code on_destroy} and the end of a coro's sub): its body runs to a value, a throw, a
 * {@link Coro#terminate} or a {@link Coro#cancel}; then its leave hooks, coro-locals and
 * {@code onDestroy} callbacks are dealt with and its joiners are woken. The state lives in the
 * coro's fields; this class holds the logic.
 */
final class CoroEnding {

    private CoroEnding() {
    }

    /** The strand's code: the body, then the ending. */
    static void runBody(Coro c, ThreadLocal<CoroScheduler> bind) {
        if (bind != null) {
            bind.set(c.s);
        }
        List<Object> values = List.of();
        Throwable failed = null;
        try {
            c.checkPending();
            Object[] a = c.args;
            c.args = null;
            Object r = c.body.run(a);
            values = r == null ? List.of() : Collections.singletonList(r);
        } catch (CoroExit e) {
            values = e.values;
        } catch (Throwable t) {
            failed = t;
        }
        finish(c, values, failed);
    }

    /** See {@link Coro#cancel(Object...)}. */
    static void cancel(Coro c, List<Object> values) {
        CoroScheduler s = c.s;
        s.checkThread();
        if (c.isMainCoro()) {
            throw new IllegalStateException("the main coro cannot be cancelled");
        }
        if (c.zombie) {
            return;
        }
        Coro me = s.current;
        if (c == me) {
            throw new CoroExit(values, true);
        }
        if (!c.started) {
            s.readyQueue.remove(c);
            c.readyPending = false;
            finish(c, values, null);
            return;
        }
        if (c.pendingExit == null) {
            c.pendingExit = new CoroExit(values, true);
        }
        if (!s.canBlock()) {
            forceReady(c); // only start the unwinding: a loop callback cannot wait for it
            return;
        }
        Waiter w = addJoiner(c, me);
        try {
            me.checkPending();
            if (!c.zombie) {
                s.setHandoff(c);
                s.switchOut();
            }
            awaitEnd(c, w, new WaitingOn("cancel", c), null);
        } finally {
            c.joiners.remove(w);
        }
    }

    /** See {@link Coro#safeCancel(Object...)}. */
    static void safeCancel(Coro c, List<Object> values) {
        CoroScheduler s = c.s;
        s.checkThread();
        if (c == s.current) {
            throw new IllegalStateException("cannot safely cancel the running coro " + c + ": use Coro.terminate");
        }
        if (!s.canBlock()) {
            throw new IllegalStateException("cannot safely cancel " + c
                    + " from a loop callback while the scheduler is idle: its cleanup could not run before returning");
        }
        cancel(c, values);
    }

    /** See {@link Coro#join(Duration)}. */
    static List<Object> join(Coro c, Duration timeout) {
        CoroScheduler s = c.s;
        s.checkThread();
        if (c.isMainCoro()) {
            throw new IllegalStateException("the main coro never ends: cannot join it");
        }
        if (c == s.current) {
            throw new IllegalStateException(c + " cannot join itself");
        }
        if (!c.zombie) {
            Waiter w = addJoiner(c, s.current);
            try {
                if (!awaitEnd(c, w, new WaitingOn("join", c), timeout)) {
                    throw new CoroTimeoutException(c + " did not end within " + timeout);
                }
            } finally {
                c.joiners.remove(w);
            }
        }
        if (c.failure != null) {
            throw new CoroFailedException(c.toString(), c.failure);
        }
        return c.result;
    }

    /** See {@link Coro#onDestroy(Consumer)}. */
    static void onDestroy(Coro c, Consumer<List<Object>> callback) {
        if (c.zombie) {
            runDestroy(c, callback);
            return;
        }
        if (c.onDestroy == null) {
            c.onDestroy = new ArrayList<>(2);
        }
        c.onDestroy.add(callback);
    }

    /** Marks the coro ended, runs what must run at its end, and wakes its joiners. */
    static void finish(Coro c, List<Object> values, Throwable failed) {
        // its unwinding may have readied it (a finally block that woke a waiter of its own)
        c.s.readyQueue.remove(c);
        c.readyPending = false;
        c.zombie = true;
        c.started = true;
        c.result = values;
        c.failure = failed;
        c.pendingExit = null;
        c.pendingThrow = null;
        c.waitingOn = null;
        c.s.forget(c);
        if (c.leaveHooks != null) {
            List<Runnable> left = c.leaveHooks;
            c.leaveHooks = null;
            left.forEach(Coro::runHook);
        }
        c.enterHooks = null;
        c.locals = null;
        if (c.onDestroy != null) {
            List<Consumer<List<Object>>> cbs = c.onDestroy;
            c.onDestroy = null;
            cbs.forEach(cb -> runDestroy(c, cb));
        }
        boolean joined = c.joiners != null && !c.joiners.isEmpty();
        if (failed != null && !joined) {
            CoroScheduler.log(Level.WARNING, c + " failed and nobody is joining it", failed);
        }
        if (joined) {
            for (Waiter w : c.joiners.toArray(new Waiter[0])) {
                w.signal();
            }
        }
    }

    private static Waiter addJoiner(Coro c, Coro waiting) {
        if (c.joiners == null) {
            c.joiners = new ArrayList<>(1);
        }
        Waiter w = new Waiter(waiting);
        c.joiners.add(w);
        return w;
    }

    /** Blocks until {@code c} is a zombie; {@code false} when {@code timeout} ran out first. */
    private static boolean awaitEnd(Coro c, Waiter w, WaitingOn what, Duration timeout) {
        CoroScheduler s = c.s;
        long deadline = timeout == null ? 0 : s.nanoTime() + timeout.toNanos();
        while (!c.zombie) {
            Duration left = timeout == null ? null : Duration.ofNanos(deadline - s.nanoTime());
            if (!s.block(w, what, left)) {
                return false;
            }
            w.signalled = false; // a spurious wake-up: wait again
        }
        return true;
    }

    private static void forceReady(Coro c) {
        if (c.suspended) {
            c.suspended = false;
            c.readyPending = false;
        }
        c.ready();
    }

    private static void runDestroy(Coro c, Consumer<List<Object>> cb) {
        try {
            cb.accept(c.result);
        } catch (RuntimeException e) {
            CoroScheduler.log(Level.WARNING, "an onDestroy callback of " + c + " threw; it must not", e);
        }
    }
}
