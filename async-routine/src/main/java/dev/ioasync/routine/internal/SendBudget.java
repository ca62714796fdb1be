package dev.ioasync.routine.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes queued on one direction of one thread routine's channel and not yet taken by the
 * receiver, against the channel's write limit ({@link dev.ioasync.routine.Channel#writeLimit}):
 * the sender {@linkplain #tryAcquire acquires} a message's cost before it queues it, or is refused
 * with nothing counted; the receiver {@linkplain #release releases} it once it has taken the
 * message. A message costs its encoded bytes plus {@value #OVERHEAD} for its bookkeeping in this
 * JVM (queue node, array header, wrapper), so a flood of tiny messages is bounded too. As in the
 * PROCESS model ({@link WriteLimit#fits}), a message always fits an empty queue.
 *
 * <p>Thread rules: thread-safe; the sender and the receiver are usually on different threads.
 */
final class SendBudget {

    /** What one message costs besides its encoded bytes. */
    static final int OVERHEAD = 64;

    private final AtomicLong queued = new AtomicLong();

    /**
     * The cost of a message of {@code bytes} encoded bytes.
     *
     * @param bytes the encoded length
     * @return its cost against the limit
     */
    static long cost(int bytes) {
        return (long) bytes + OVERHEAD;
    }

    /**
     * Counts a message about to be queued, unless it would take the queued bytes over the limit.
     *
     * @param cost its {@link #cost}
     * @param limit the write limit, 0 for none
     * @return whether it was counted; when not, nothing was
     */
    boolean tryAcquire(long cost, long limit) {
        long now = queued.addAndGet(cost);
        if (limit > 0 && now > limit && now != cost) {
            queued.addAndGet(-cost);
            return false;
        }
        return true;
    }

    /**
     * The receiver took messages.
     *
     * @param cost their total {@link #cost}
     */
    void release(long cost) {
        queued.addAndGet(-cost);
    }

    /** {@return the bytes queued now} */
    long queued() {
        return queued.get();
    }
}
