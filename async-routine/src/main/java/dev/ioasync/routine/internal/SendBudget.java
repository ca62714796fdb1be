package dev.ioasync.routine.internal;

import dev.ioasync.routine.SendLimitException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes queued on one direction of one thread routine's channel, against its send limit
 * ({@link dev.ioasync.routine.Channel#sendLimit}): the sender {@linkplain #acquire acquires} a
 * message's cost before it queues it, or is refused with nothing queued; the receiver
 * {@linkplain #release releases} it once it has taken the message. A message costs its encoded
 * bytes plus {@value #OVERHEAD} for the queue's bookkeeping, so a flood of tiny messages is bounded
 * too.
 *
 * <p>Thread rules: thread-safe; the sender and the receiver are usually on different threads.
 */
final class SendBudget {

    /** What one message costs besides its encoded bytes: its queue node, array header, wrapper. */
    static final int OVERHEAD = 64;

    private final AtomicLong queued = new AtomicLong();
    private final long limit;
    private final String what;

    /**
     * @param limit the most bytes queued, 0 for no limit
     * @param what the channel, for the error (e.g. {@code in-channel 0 of thread-42})
     */
    SendBudget(long limit, String what) {
        this.limit = limit;
        this.what = what;
    }

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
     * Counts a message about to be queued, or refuses it.
     *
     * @param cost its {@link #cost}
     * @throws SendLimitException when the queued bytes would go over the limit; nothing is counted
     */
    void acquire(long cost) {
        long now = queued.addAndGet(cost);
        if (limit > 0 && now > limit) {
            long before = queued.addAndGet(-cost);
            throw new SendLimitException("cannot send a message of " + cost + " bytes on " + what + ": "
                    + before + " bytes are queued and not yet received, and its send limit is " + limit
                    + " bytes (send-limit); the receiver has to take some first, or raise the limit with "
                    + "Channel.sendLimit(bytes) (0 for none)", limit, before);
        }
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
