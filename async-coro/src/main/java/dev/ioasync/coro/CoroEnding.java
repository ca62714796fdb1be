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

    /**
     * The strand's code: the body, then the ending. It never throws: a fatal JVM error (of the body
     * or of a callback of the ending) is handed to the scheduler, which throws it out of its driver.
     */
    static void runBody(Coro c, ThreadLocal<CoroScheduler> bind) {
        if (bind != null) {
            bind.set(c.s);
        }
        List<Object> values = List.of();
        Throwable failed = null;
        VirtualMachineError fatal = null;
        try {
            c.checkPending();
            Object[] a = c.args;
            c.args = null;
            Object r = c.body.run(a);
            values = r == null ? List.of() : Collections.singletonList(r);
        } catch (CoroExit e) {
            values = e.values;
        } catch (VirtualMachineError e) {
            fatal = e;
            failed = e;
        } catch (Throwable t) {
            failed = t;
        }
        try {
            finish(c, values, failed);
        } catch (VirtualMachineError e) {
            if (fatal == null) {
                fatal = e;
            } else if (e != fatal) {
                fatal.addSuppressed(e);
            }
        } catch (Throwable t) { // a terminate of its own from an onDestroy callback: it has ended already
            CoroScheduler.log(Level.DEBUG, "ignored at the end of " + c, t);
        }
        if (fatal != null) {
            c.s.diedFatally(c, fatal);
        }
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
            // only start the unwinding: a loop callback, the deadlock handler or an ended coro's
            // onDestroy callback cannot wait for it
            forceReady(c);
            return;
        }
        Waiter w = addJoiner(c, me);
        try {
            me.checkPending();
            if (!c.zombie) {
                s.setHandoff(c);
                s.switchOut();
                // the victim's unwinding may have cancelled (or thrown into) the canceller: it ends here
                me.checkPending();
            }
            awaitEnd(c, w, new WaitingOn("cancel", c), null);
        } finally {
            c.joiners.remove(w);
        }
        me.checkPending();
    }

    /** See {@link Coro#safeCancel(Object...)}. */
    static void safeCancel(Coro c, List<Object> values) {
        CoroScheduler s = c.s;
        s.checkThread();
        if (c == s.current) {
            throw new IllegalStateException("cannot safely cancel the running coro " + c + ": use Coro.terminate");
        }
        if (!s.canBlock()) {
            throw new IllegalStateException("cannot safely cancel " + c + " " + s.whereBlockingIsRefused()
                    + ": its cleanup could not run before returning");
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
        if (c.failure instanceof VirtualMachineError fatal) {
            throw fatal; // never an ordinary coro failure
        }
        if (c.failure != null) {
            throw new CoroFailedException(c.toString(), c.failure);
        }
        return c.result;
    }

    /** See {@link Coro#onDestroy(Consumer)}. */
    static void onDestroy(Coro c, Consumer<List<Object>> callback) {
        if (c.zombie) {
            CoroExit exit = runDestroy(c, callback);
            if (exit != null) {
                throw exit;
            }
            return;
        }
        if (c.onDestroy == null) {
            c.onDestroy = new ArrayList<>(2);
        }
        c.onDestroy.add(callback);
    }

    /**
     * Marks the coro ended, runs what must run at its end, and wakes its joiners (also when a
     * callback of the ending throws a fatal JVM error, which then goes on to the caller).
     */
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
        Error escaping = null;
        try {
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
                for (Consumer<List<Object>> cb : cbs) {
                    CoroExit exit = runDestroy(c, cb);
                    if (exit != null && escaping == null) {
                        escaping = exit;
                    }
                }
            }
        } finally {
            boolean joined = c.joiners != null && !c.joiners.isEmpty();
            if (failed != null && !joined && !(failed instanceof VirtualMachineError)) {
                CoroScheduler.log(Level.WARNING, c + " failed and nobody is joining it", failed);
            }
            if (joined) {
                for (Waiter w : c.joiners.toArray(new Waiter[0])) {
                    w.signal();
                }
            }
        }
        if (escaping != null) {
            throw escaping;
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

    /**
     * Runs one onDestroy callback: what it throws is logged, but a fatal JVM error goes on at once,
     * and a terminate or cancel of the running coro is returned to be thrown after the ending (it
     * ends the code that ended {@code c}: its canceller, or whoever added the callback to a zombie).
     * A terminate of {@code c} itself from its own callback is dropped: it has ended already.
     */
    private static CoroExit runDestroy(Coro c, Consumer<List<Object>> cb) {
        try {
            cb.accept(c.result);
        } catch (CoroExit e) {
            if (c.s.current != c) {
                return e;
            }
            CoroScheduler.log(Level.DEBUG, "a terminate in an onDestroy callback of " + c + " (which has ended already)"
                    + " ended that callback only", null);
        } catch (RuntimeException e) {
            CoroScheduler.log(Level.WARNING, "an onDestroy callback of " + c + " threw; it must not", e);
        }
        return null;
    }
}
