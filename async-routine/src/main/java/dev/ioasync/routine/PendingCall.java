package dev.ioasync.routine;

import dev.ioasync.Future;

/**
 * One {@link Function#call}: its arguments, its place in the queue, its future, and the links that
 * carry it through the {@link InFlightCalls} list (loop thread) and a {@link ResultMailbox}
 * (worker thread to loop thread).
 */
final class PendingCall implements Comparable<PendingCall> {

    final int priority;
    final long seq;
    /**
     * The arguments as the Function's codec encoded them when the call was made, or {@code null}
     * when {@link #values} holds them (until a worker in a child JVM needs them encoded).
     */
    byte[] args;
    /**
     * The arguments themselves, for a worker thread, when every one is an immutable value that the
     * codec would give back equal and of the same class (see {@link PlainArgs}); else {@code null}.
     */
    final Object[] values;
    final Future<Object> future;
    /** When the call was made ({@link System#nanoTime()}), for the latency metric. */
    final long startNanos = System.nanoTime();

    // InFlightCalls links: loop thread only.
    PendingCall prev;
    PendingCall next;
    boolean inFlight;

    // A call sent to a worker in a child JVM: loop thread only.
    /** The worker the call was sent to and has not answered it, or {@code null}. */
    FunctionWorker sentTo;
    /** The call's number at that worker (its calls are numbered from 0 in the order sent). */
    long number;
    /** Taken back from that worker to go to another one, if the worker skips it. */
    boolean withdrawn;

    // Written by the worker thread that ran the call before it posts the call to a ResultMailbox;
    // the mailbox's atomic hand-over publishes them to the loop thread.
    Object result;
    boolean failed;
    FunctionWorker doneBy;
    PendingCall nextResult;

    // CallQueue link: the next older call added and not sorted yet.
    PendingCall nextQueued;

    PendingCall(int priority, long seq, byte[] args, Object[] values, Future<Object> future) {
        this.priority = priority;
        this.seq = seq;
        this.args = args;
        this.values = values;
        this.future = future;
    }

    /**
     * The arguments encoded, for a worker in a child JVM: encoded now when the call kept them as
     * {@link #values} (they are immutable, so this gives the bytes the call would have made).
     *
     * @param codec the Function's codec
     * @return the bytes
     */
    byte[] encodedArgs(dev.ioasync.routine.codec.Codec codec) {
        if (args == null) {
            args = codec.encode(values);
        }
        return args;
    }

    /** Higher priority first, then first come first served. */
    @Override
    public int compareTo(PendingCall o) {
        int c = Integer.compare(o.priority, priority);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
