package dev.ioasync;

/**
 * One timer in the {@link TimerQueue}: a deadline on the loop clock, a sequence number that
 * breaks ties in insertion order, and the heap slot that makes cancel O(log n).
 */
final class TimerEntry implements Cancellable {

    final long deadline;
    final long seq;
    final Runnable action;
    final Notifier source;
    private final TimerQueue queue;
    /** Marks an entry in the queue's FIFO run. */
    static final int IN_RUN = -2;
    /** Marks an entry that fired or was removed. */
    static final int DONE = -1;
    /** Marks an entry cancelled while in the FIFO run (skipped when it reaches the head). */
    static final int CANCELLED = -3;

    /** Position in the heap, or one of {@link #IN_RUN}, {@link #DONE}, {@link #CANCELLED}. */
    int index = DONE;

    TimerEntry(TimerQueue queue, long deadline, long seq, Runnable action, Notifier source) {
        this.queue = queue;
        this.deadline = deadline;
        this.seq = seq;
        this.action = action;
        this.source = source;
    }

    /** {@return whether this entry fires before {@code other}} */
    boolean before(TimerEntry other) {
        long d = deadline - other.deadline;
        return d < 0 || (d == 0 && seq < other.seq);
    }

    @Override
    public boolean cancel() {
        return queue.remove(this);
    }

    @Override
    public boolean isPending() {
        return index >= 0 || index == IN_RUN;
    }

    @Override
    public String toString() {
        return "Timer[deadline=" + deadline + ", seq=" + seq + (isPending() ? ", pending]" : ", done]");
    }
}
