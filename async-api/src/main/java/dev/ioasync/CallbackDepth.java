package dev.ioasync;

import java.util.ArrayDeque;

/**
 * How deeply the callbacks of completing futures nest on one thread, and what waits because
 * they nest too deeply. A future's callbacks run at once when it completes (Perl's
 * {@code Future->done}), so a chain of {@code then}s whose steps complete at once completes each
 * link inside the previous link's callback: a chain of a few thousand links would overflow the
 * thread's stack, and a {@link StackOverflowError} in the middle of a completion leaves futures
 * half-notified. Past {@link #MAX_DEPTH} nested completions, a completion's callbacks are queued
 * instead, and run, in the order they were queued, by the outermost completion before it
 * returns (a trampoline, as Netty's {@code DefaultPromise} bounds its listener notification
 * depth): the stack stays bounded whatever the chain's length, and when the outermost
 * {@code done}, {@code fail} or {@code cancel} returns, every callback has run, as without the
 * bound. Only below that depth does the order differ: a callback added to an already completed
 * future there runs at once, possibly before callbacks of that future still queued.
 *
 * <p>Before a wait (a loop iteration, a blocking {@link Future#get()}) the thread runs what is
 * queued, so that nothing waits on a completion whose callbacks are queued below the wait. The
 * outermost iteration of a loop starts from depth zero again: a coro suspended inside a callback
 * (its frames left the thread) cannot leave the count raised.
 *
 * <p>Thread rules: one per thread; used only by its own thread.
 */
final class CallbackDepth {

    /** Nested completions whose callbacks run at once; deeper ones are queued. */
    static final int MAX_DEPTH = 32;

    private static final ThreadLocal<CallbackDepth> THREADS = ThreadLocal.withInitial(CallbackDepth::new);

    private int depth;
    private ArrayDeque<Runnable> queued;

    private CallbackDepth() {
    }

    /** {@return the calling thread's count} */
    static CallbackDepth current() {
        return THREADS.get();
    }

    /**
     * A completion is about to run its callbacks.
     *
     * @return {@code true} to run them now (then call {@link #exit()} after), {@code false} when
     *     they nest too deeply and must be {@linkplain #defer deferred}
     */
    boolean enter() {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        depth++;
        return true;
    }

    /**
     * Queues the callbacks of a completion that nests too deeply.
     *
     * @param callbacks runs them
     */
    void defer(Runnable callbacks) {
        if (queued == null) {
            queued = new ArrayDeque<>();
        }
        queued.addLast(callbacks);
    }

    /**
     * Runs {@code callbacks} now, or queues them when completions nest too deeply here (for the
     * rarer completions, such as a cancellation's hooks and callbacks: {@code done} and
     * {@code fail} use {@link #enter()} directly, with no object per completion).
     *
     * @param callbacks what a completion runs
     */
    void run(Runnable callbacks) {
        if (!enter()) {
            defer(callbacks);
            return;
        }
        try {
            callbacks.run();
        } catch (VirtualMachineError e) {
            throw exitAfter(e);
        }
        exit();
    }

    /**
     * As {@link #exit()} when the callbacks ended with a fatal error: what was queued still runs,
     * and the first error is the one thrown.
     *
     * @param thrown the error the callbacks threw
     * @return {@code thrown}, to be thrown
     */
    VirtualMachineError exitAfter(VirtualMachineError thrown) {
        try {
            exit();
        } catch (VirtualMachineError another) {
            if (another != thrown) {
                thrown.addSuppressed(another);
            }
        }
        return thrown;
    }

    /** The callbacks {@link #enter()} allowed have run; the outermost one runs what was queued. */
    void exit() {
        if (depth > 0) {
            depth--;
        }
        if (depth == 0 && queued != null && !queued.isEmpty()) {
            drain();
        }
    }

    /**
     * Runs what was queued before the thread waits, counting from zero on top of the stack it
     * waits on.
     *
     * @param outermost whether nothing of a callback is on the stack (the outermost loop
     *     iteration): the count starts from zero again for good
     * @return whether anything ran (the wait may have nothing left to wait for: poll without sleeping)
     */
    boolean beforeWait(boolean outermost) {
        int saved = outermost ? 0 : depth;
        depth = 0;
        try {
            if (queued != null && !queued.isEmpty()) {
                drain();
                return true;
            }
            return false;
        } finally {
            depth = saved;
        }
    }

    /**
     * Runs the queued callbacks in order, each at depth one more than now, and what they queue in
     * turn. A fatal JVM error does not stop the others; the first is thrown once all ran.
     */
    private void drain() {
        VirtualMachineError fatal = null;
        Runnable next;
        while ((next = queued.pollFirst()) != null) {
            depth++;
            try {
                next.run();
            } catch (VirtualMachineError e) {
                if (fatal == null) {
                    fatal = e;
                } else if (fatal != e) {
                    fatal.addSuppressed(e);
                }
            } finally {
                depth--;
            }
        }
        if (fatal != null) {
            throw fatal;
        }
    }
}
