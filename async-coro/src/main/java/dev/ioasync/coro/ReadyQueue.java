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

    /**
     * Puts {@code c} back at the head of its queue: it was taken out to run next and did not.
     *
     * @param c a coro that is in no queue
     */
    void addFirst(Coro c) {
        int level = c.prio - Coro.PRIO_MIN;
        c.prevReady = null;
        c.nextReady = heads[level];
        if (heads[level] == null) {
            tails[level] = c;
            nonEmpty |= 1 << level;
        } else {
            heads[level].prevReady = c;
        }
        heads[level] = c;
        c.inQueue = true;
        size++;
    }

    /**
     * {@link #addLast addLast(c)} then {@link #poll()}, in one step: cede's readying of the coro
     * that ceded and the choice of the next one. Where nothing of equal or higher priority is
     * ready, {@code c} is the next one and no queue changes; where one coro waits alone at
     * {@code c}'s priority (two coros taking turns), {@code c} takes its place.
     *
     * @param c a coro that is in no queue
     * @return the coro to run next, out of the queue ({@code c} itself, or one that waited)
     */
    Coro addLastThenPoll(Coro c) {
        int top = 31 - Integer.numberOfLeadingZeros(nonEmpty); // -1 when empty
        int level = c.prio - Coro.PRIO_MIN;
        if (top < level) {
            return c;
        }
        Coro head = heads[top];
        if (top == level && head.nextReady == null) {
            heads[level] = c;
            tails[level] = c;
            c.inQueue = true;
            head.inQueue = false;
            return head;
        }
        addLast(c);
        return poll();
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
