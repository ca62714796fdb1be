package dev.ioasync.routine;

import dev.ioasync.Cancellable;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.internal.FunctionWorkerBody;

/**
 * One worker of a {@link Function}: a {@link Routine} with a call channel and a result channel,
 * and the call it is running. A worker runs one call at a time, so results come back in the
 * order the calls went in, and a cancelled call's result is simply dropped.
 */
final class FunctionWorker {

    final Routine routine = new Routine();
    final Channel<Object[]> calls = new Channel<>();
    final Channel<Object[]> results = new Channel<>();
    PendingCall current;
    boolean retiring;
    Cancellable idleTimer;
    int callsDone;

    FunctionWorker(RoutineModel model, FunctionWorkerBody body, RoutineSetup setup, Codec codec) {
        calls.codec(codec);
        results.codec(codec);
        routine.model(model).setup(setup).code(body).channelsIn(calls).channelsOut(results);
    }

    boolean isIdle() {
        return current == null && !retiring;
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

    /** Asks the worker to end after its current call: its call channel closes. */
    void retire() {
        cancelIdleTimer();
        if (!retiring) {
            retiring = true;
            calls.close();
        }
    }
}
