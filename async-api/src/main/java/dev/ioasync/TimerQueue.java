package dev.ioasync;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by insertion order, so equal
 * deadlines fire first-in first-out (Perl's Heap::Fibonacci queue loses that order). Insert, pop
 * and cancel are O(log n). Confined to the loop thread.
 */
final class TimerQueue {

    private TimerEntry[] heap = new TimerEntry[64];
    private int size;
    private long nextSeq;

    TimerEntry add(long deadline, Runnable action, Notifier source) {
        TimerEntry e = new TimerEntry(this, deadline, nextSeq++, action, source);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, e);
        return e;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** {@return the first entry, or {@code null}} */
    TimerEntry peek() {
        return size == 0 ? null : heap[0];
    }

    /** {@return the next sequence number: entries added from now on compare later than all before} */
    long nextSeq() {
        return nextSeq;
    }

    /** Removes and returns the first entry, or {@code null}. */
    TimerEntry poll() {
        if (size == 0) {
            return null;
        }
        TimerEntry top = heap[0];
        removeAt(0);
        return top;
    }

    boolean remove(TimerEntry e) {
        int i = e.index;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Forgets every entry (when the loop closes). */
    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        TimerEntry removed = heap[i];
        removed.index = -1;
        int last = --size;
        if (i == last) {
            heap[last] = null;
            return;
        }
        TimerEntry moved = heap[last];
        heap[last] = null;
        siftDown(i, moved);
        if (heap[i] == moved) {
            siftUp(i, moved);
        }
    }

    private void siftUp(int i, TimerEntry e) {
        TimerEntry[] h = heap;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerEntry p = h[parent];
            if (!e.before(p)) {
                break;
            }
            h[i] = p;
            p.index = i;
            i = parent;
        }
        h[i] = e;
        e.index = i;
    }

    private void siftDown(int i, TimerEntry e) {
        TimerEntry[] h = heap;
        int n = size;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerEntry c = h[child];
            int right = child + 1;
            if (right < n && h[right].before(c)) {
                child = right;
                c = h[right];
            }
            if (!c.before(e)) {
                break;
            }
            h[i] = c;
            c.index = i;
            i = child;
        }
        h[i] = e;
        e.index = i;
    }
}
