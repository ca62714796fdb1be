package dev.ioasync.coro;

/**
 * The ready queues: one FIFO per priority ({@link Coro#PRIO_MIN}..{@link Coro#PRIO_MAX}), linked
 * through the coros themselves so that removing one (suspend, a priority change, a hand-off) is
 * O(1). Confined to the scheduler's baton.
 */
final class ReadyQueue {

    private static final int LEVELS = Coro.PRIO_MAX - Coro.PRIO_MIN + 1;

    private final Coro[] heads = new Coro[LEVELS];
    private final Coro[] tails = new Coro[LEVELS];
    private int size;
    /** Bit {@code level} is set while that level's queue is not empty. */
    private int nonEmpty;

    int size() {
        return size;
    }

    void addLast(Coro c) {
        int level = c.prio - Coro.PRIO_MIN;
        c.prevReady = tails[level];
        c.nextReady = null;
        if (tails[level] == null) {
            heads[level] = c;
            nonEmpty |= 1 << level;
        } else {
            tails[level].nextReady = c;
        }
        tails[level] = c;
        c.inQueue = true;
        size++;
    }

    void remove(Coro c) {
        if (!c.inQueue) {
            return;
        }
        int level = c.prio - Coro.PRIO_MIN;
        if (c.prevReady == null) {
            heads[level] = c.nextReady;
            if (c.nextReady == null) {
                nonEmpty &= ~(1 << level);
            }
        } else {
            c.prevReady.nextReady = c.nextReady;
        }
        if (c.nextReady == null) {
            tails[level] = c.prevReady;
        } else {
            c.nextReady.prevReady = c.prevReady;
        }
        c.prevReady = null;
        c.nextReady = null;
        c.inQueue = false;
        size--;
    }

    /** {@return the coro of highest priority that waited longest, removed, or {@code null}} */
    Coro poll() {
        if (nonEmpty == 0) {
            return null;
        }
        Coro c = heads[31 - Integer.numberOfLeadingZeros(nonEmpty)];
        remove(c);
        return c;
    }
}
