package dev.ioasync.routine;

import dev.ioasync.Cancellable;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.internal.FunctionWorkerBody;
import dev.ioasync.routine.internal.RawBytesCodec;

/**
 * One worker of a {@link Function}: a {@link Routine} that runs one call at a time.
 *
 * <ul>
 *   <li>In a thread model ({@link #selfServing}) the worker takes its next call from the
 *       Function's {@link CallQueue} itself and posts results to a {@link ResultMailbox};
 *       {@link #running} is the call it runs, written by the worker thread.
 *   <li>In a child JVM the loop feeds it: {@link #send} writes one call to its call channel, and
 *       {@link #current} is that call until its result comes back on the result channel, so
 *       results come back in the order the calls went in.
 * </ul>
 */
final class FunctionWorker {

    final Routine routine = new Routine();
    final boolean selfServing;
    final Channel<byte[]> calls;
    final Channel<Object[]> results;
    /** A fed worker's call, loop thread only. */
    PendingCall current;
    /** A self-serving worker's call, written by its thread (under the queue's lock when taken). */
    volatile PendingCall running;
    /** A self-serving worker asked to stop taking calls; guarded by the queue's lock. */
    boolean stopRequested;
    boolean retiring;
    Cancellable idleTimer;
    int callsDone;
    private final CallQueue queue;

    /** A worker fed by the loop through channels (the PROCESS model). */
    FunctionWorker(RoutineModel model, FunctionWorkerBody body, RoutineSetup setup, Codec codec, int maxFrameSize) {
        this.selfServing = false;
        this.queue = null;
        this.calls = new Channel<>();
        this.results = new Channel<>();
        calls.codec(RawBytesCodec.INSTANCE).maxFrameSize(maxFrameSize); // the call encoded the arguments
        results.codec(codec).maxFrameSize(maxFrameSize);
        routine.model(model).setup(setup).code(body).channelsIn(calls).channelsOut(results).maxFrameSize(maxFrameSize);
    }

    /** A worker thread that serves itself from {@code queue} (the thread models). */
    FunctionWorker(RoutineModel model, FunctionCode code, Codec codec, CallQueue queue, ResultMailbox mailbox,
                   boolean exitOnDie, int maxCalls) {
        this.selfServing = true;
        this.queue = queue;
        this.calls = null;
        this.results = null;
        routine.model(model).code(new ThreadWorkerBody(code, codec, queue, mailbox, this, exitOnDie, maxCalls));
    }

    /** {@return whether a fed worker waits for a call} */
    boolean isIdle() {
        return !selfServing && current == null && !retiring;
    }

    /** {@return whether the worker runs a call, as far as the loop knows} */
    boolean isBusy() {
        return selfServing ? running != null : current != null;
    }

    void send(PendingCall call) {
        cancelIdleTimer();
        current = call;
        calls.send(call.args);
    }

    void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    /** Asks the worker to end after its current call: its call channel closes, or it stops taking calls. */
    void retire() {
        cancelIdleTimer();
        if (!retiring) {
            retiring = true;
            if (selfServing) {
                queue.requestStop(this);
            } else {
                calls.close();
            }
        }
    }
}
