package dev.ioasync.routine;

import dev.ioasync.Future;

/** One {@link Function#call}: its arguments, its place in the queue, its future. */
final class PendingCall implements Comparable<PendingCall> {

    final int priority;
    final long seq;
    final Object[] args;
    final Future<Object> future;

    PendingCall(int priority, long seq, Object[] args, Future<Object> future) {
        this.priority = priority;
        this.seq = seq;
        this.args = args;
        this.future = future;
    }

    /** Higher priority first, then first come first served. */
    @Override
    public int compareTo(PendingCall o) {
        int c = Integer.compare(o.priority, priority);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
