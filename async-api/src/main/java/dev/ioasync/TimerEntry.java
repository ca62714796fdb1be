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
    /** Position in the heap, or -1 once fired or cancelled. */
    int index = -1;

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
        return index >= 0;
    }

    @Override
    public String toString() {
        return "Timer[deadline=" + deadline + ", seq=" + seq + (index >= 0 ? ", pending]" : ", done]");
    }
}
