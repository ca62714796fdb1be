package dev.ioasync.routine;

import dev.ioasync.Loop;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries finished calls from worker threads to the loop thread, many per loop wake-up. Workers
 * push onto a lock-free stack; only the push that finds it empty queues a drain with
 * {@link Loop#later}, and the drain takes everything pushed so far, in the order pushed. So a loop
 * that is busy or slow to wake delivers a whole batch at once, and nothing is allocated per call.
 *
 * <p>Thread rules: {@link #post} from any thread; {@link #drain} on the loop thread.
 */
final class ResultMailbox {

    private static final System.Logger LOG = System.getLogger(ResultMailbox.class.getName());

    private final AtomicReference<PendingCall> top = new AtomicReference<>();
    private final Loop loop;
    private final CallQueue calls;
    private final Consumer<PendingCall> deliver;
    private final Runnable afterBatch;
    private final Runnable drainTask = this::drain;

    /**
     * @param loop the loop that delivers
     * @param calls the queue the delivered results' callbacks add calls to: it holds them while
     *     a batch of two or more results is delivered ({@link CallQueue#holdWakes})
     * @param deliver called on the loop thread with each finished call, in the order posted
     * @param afterBatch called on the loop thread after each non-empty batch
     */
    ResultMailbox(Loop loop, CallQueue calls, Consumer<PendingCall> deliver, Runnable afterBatch) {
        this.loop = loop;
        this.calls = calls;
        this.deliver = deliver;
        this.afterBatch = afterBatch;
    }

    Loop loop() {
        return loop;
    }

    /** Posts a finished call (its result fields set). Worker thread. */
    void post(PendingCall c) {
        PendingCall t;
        do {
            t = top.get();
            c.nextResult = t;
        } while (!top.compareAndSet(t, c));
        if (t == null) {
            try {
                loop.later(drainTask);
            } catch (IllegalStateException closed) {
                LOG.log(System.Logger.Level.DEBUG, "a Function result arrived after its loop was closed; dropped");
            }
        }
    }

    /** Delivers everything posted so far. Loop thread; also safe to call when nothing waits. */
    void drain() {
        PendingCall t = top.getAndSet(null);
        if (t == null) {
            return;
        }
        PendingCall first = null;
        boolean batch = t.nextResult != null;
        while (t != null) { // the stack holds the newest first: reverse it
            PendingCall n = t.nextResult;
            t.nextResult = first;
            first = t;
            t = n;
        }
        if (!batch) {
            deliverAll(first); // one result: the call it causes, if any, starts at once
            return;
        }
        calls.holdWakes(loop);
        try {
            deliverAll(first);
        } finally {
            calls.releaseWakes();
        }
    }

    private void deliverAll(PendingCall first) {
        while (first != null) {
            PendingCall n = first.nextResult;
            first.nextResult = null;
            deliver.accept(first);
            first = n;
        }
        afterBatch.run();
    }
}
