package dev.ioasync.routine;

import dev.ioasync.Cancellable;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.internal.FunctionWorkerBody;
import dev.ioasync.routine.internal.RawBytesCodec;
import java.util.ArrayDeque;

/**
 * One worker of a {@link Function}: a {@link Routine} that runs one call at a time.
 *
 * <ul>
 *   <li>In a thread model ({@link #selfServing}) the worker takes its next call from the
 *       Function's {@link CallQueue} itself and posts results to a {@link ResultMailbox};
 *       {@link #running} is the call it runs, written by the worker thread.
 *   <li>In a child JVM the loop feeds it: {@link #send} writes a call to its call channel, up to
 *       the Function's pipeline depth ahead of the results, and {@link #sent} holds the calls not
 *       answered yet in the order sent, which is the order the answers come back in. The first
 *       one is the call the worker runs (or is about to); the others have not started. A sent call
 *       is withdrawn by its number on the {@link #withdrawals} channel: the worker answers
 *       "skipped" instead of running it, unless it had already started it.
 * </ul>
 */
final class FunctionWorker {

    final Routine routine = new Routine();
    final boolean selfServing;
    final Channel<byte[]> calls;
    final Channel<Object[]> results;
    final Channel<Long> withdrawals;
    /** A fed worker's calls not answered yet, oldest first; loop thread only. */
    final ArrayDeque<PendingCall> sent = new ArrayDeque<>();
    /** The number of the next call sent to a fed worker. */
    long nextNumber;
    /** A self-serving worker's call, written by its thread (under the queue's lock when taken). */
    volatile PendingCall running;
    /** A self-serving worker asked to stop taking calls; written under the queue's lock. */
    volatile boolean stopRequested;
    boolean retiring;
    /** A fed worker's call channel refused a call at its write limit; cleared when the worker answers. */
    boolean callsFull;
    Cancellable idleTimer;
    int callsDone;
    private final CallQueue queue;
    /** A fed worker's codec of arguments, for calls that kept theirs unencoded. */
    private final Codec argsCodec;

    /** A worker fed by the loop through channels (the PROCESS model). */
    FunctionWorker(RoutineModel model, FunctionWorkerBody body, RoutineSetup setup, Codec codec, int maxFrameSize,
                   long writeLimit) {
        this.selfServing = false;
        this.queue = null;
        this.argsCodec = codec;
        this.calls = new Channel<>();
        this.results = new Channel<>();
        this.withdrawals = new Channel<>();
        calls.codec(RawBytesCodec.INSTANCE).maxFrameSize(maxFrameSize).writeLimit(writeLimit); // the call encoded the arguments
        results.codec(codec).maxFrameSize(maxFrameSize);
        routine.model(model).setup(setup).code(body).channelsIn(calls, withdrawals).channelsOut(results).maxFrameSize(maxFrameSize);
    }

    /** A worker thread that serves itself from {@code queue} (the thread models). */
    FunctionWorker(RoutineModel model, FunctionCode code, Codec codec, CallQueue queue, ResultMailbox mailbox,
                   boolean exitOnDie, int maxCalls) {
        this.selfServing = true;
        this.queue = queue;
        this.argsCodec = codec;
        this.calls = null;
        this.results = null;
        this.withdrawals = null;
        routine.model(model).code(new ThreadWorkerBody(code, codec, queue, mailbox, this, exitOnDie, maxCalls));
    }

    /** {@return whether a fed worker waits for a call} */
    boolean isIdle() {
        return !selfServing && sent.isEmpty() && !retiring;
    }

    /** {@return whether the worker runs a call, as far as the loop knows} */
    boolean isBusy() {
        return selfServing ? running != null : !sent.isEmpty();
    }

    /**
     * Sends a call to a fed worker.
     *
     * @param call the call
     * @return {@code false} when its call channel is at its write limit: nothing was sent, and
     *     {@link #callsFull} is set
     */
    boolean send(PendingCall call) {
        cancelIdleTimer();
        call.sentTo = this;
        call.number = nextNumber++;
        call.withdrawn = false;
        sent.add(call);
        try {
            calls.send(call.encodedArgs(argsCodec));
        } catch (ChannelException full) {
            sent.removeLast();
            nextNumber--;
            call.sentTo = null;
            callsFull = true;
            return false;
        }
        return true;
    }

    /**
     * Asks a fed worker to skip a sent call if it has not started it.
     *
     * @param call a call in {@link #sent}
     */
    void withdraw(PendingCall call) {
        if (call.sentTo == this && !withdrawals.isClosed()) {
            try {
                withdrawals.send(call.number);
            } catch (IllegalStateException ended) {
                // the worker has ended: its unstarted calls are taken back when its end is seen
            } catch (ChannelException full) {
                // a worker that reads nothing: its result, if it ever runs the call, is dropped
            }
        }
    }

    /** {@return the first sent call, now answered, and forgets it} */
    PendingCall answered() {
        PendingCall c = sent.poll();
        if (c != null) {
            c.sentTo = null;
        }
        return c;
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
