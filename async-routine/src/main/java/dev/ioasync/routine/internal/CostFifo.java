package dev.ioasync.routine.internal;

/**
 * The costs of the messages a channel's receiver holds, in arrival order: a ring of longs that
 * grows as needed, without a box per message.
 *
 * <p>Thread rules: confined to one thread (the loop's).
 */
final class CostFifo {

    private long[] ring = new long[16];
    private int head;
    private int size;

    /**
     * Adds the cost of a message that arrived.
     *
     * @param cost its cost
     */
    void add(long cost) {
        if (size == ring.length) {
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = cost;
        size++;
    }

    /** {@return whether no cost is held} */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Removes the oldest costs.
     *
     * @param n how many (fewer when fewer are held)
     * @return their sum
     */
    long take(int n) {
        long sum = 0;
        for (int i = 0; i < n && size > 0; i++) {
            sum += ring[head];
            head = (head + 1) & (ring.length - 1);
            size--;
        }
        return sum;
    }
}
