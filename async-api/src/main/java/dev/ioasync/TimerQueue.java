package dev.ioasync;

import java.util.Arrays;

/**
 * The loop's timers, ordered by deadline and then by insertion order, so equal deadlines fire
 * first-in first-out (Perl's Heap::Fibonacci queue loses that order).
 *
 * <p>Two structures share the work. Most programs set deadlines that never go backwards (every
 * {@code after(d)} with the same {@code d}); such an entry is appended to a FIFO run, in O(1),
 * and fires from its head in O(1). Any other entry goes to a binary min-heap (O(log n) insert
 * and pop). The first due entry is the earlier of the two heads. Cancel is O(log n) in the heap
 * and O(1) in the run (the entry is marked and skipped when it reaches the head).
 *
 * <p>Confined to the loop thread.
 */
final class TimerQueue {

    private TimerEntry[] heap = new TimerEntry[64];
    private int heapSize;

    private TimerEntry[] run = new TimerEntry[64];
    private int runHead;
    private int runTail;
    private int runLive;

    private long nextSeq;

    TimerEntry add(long deadline, Runnable action, Notifier source) {
        TimerEntry e = new TimerEntry(this, deadline, nextSeq++, action, source);
        if (runTail == runHead || !e.before(run[runTail - 1])) {
            appendToRun(e);
        } else {
            if (heapSize == heap.length) {
                heap = Arrays.copyOf(heap, heapSize * 2);
            }
            siftUp(heapSize++, e);
        }
        return e;
    }

    int size() {
        return heapSize + runLive;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** {@return the first entry, or {@code null}} */
    TimerEntry peek() {
        TimerEntry r = runFirst();
        TimerEntry h = heapSize == 0 ? null : heap[0];
        if (r == null) {
            return h;
        }
        return h == null || r.before(h) ? r : h;
    }

    /** {@return the next sequence number: entries added from now on compare later than all before} */
    long nextSeq() {
        return nextSeq;
    }

    /** Removes and returns the first entry, or {@code null}. */
    TimerEntry poll() {
        TimerEntry first = peek();
        if (first != null) {
            take(first);
        }
        return first;
    }

    /**
     * Removes and returns the first entry when it is due at {@code now} and was added before
     * {@code seqLimit}; else {@code null}.
     */
    TimerEntry pollDue(long now, long seqLimit) {
        TimerEntry first = peek();
        if (first == null || first.deadline - now > 0 || first.seq >= seqLimit) {
            return null;
        }
        take(first);
        return first;
    }

    private void take(TimerEntry first) {
        if (first.index == TimerEntry.IN_RUN) {
            run[runHead] = null;
            runHead++;
            runLive--;
            first.index = TimerEntry.DONE;
            resetRunIfEmpty();
        } else {
            removeAt(first.index);
        }
    }

    boolean remove(TimerEntry e) {
        int i = e.index;
        if (i == TimerEntry.IN_RUN) {
            e.index = TimerEntry.CANCELLED;
            runLive--;
            runFirst(); // drops cancelled entries at the head
            return true;
        }
        if (i < 0 || i >= heapSize || heap[i] != e) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Forgets every entry (when the loop closes). */
    void clear() {
        for (int i = 0; i < heapSize; i++) {
            heap[i].index = TimerEntry.DONE;
            heap[i] = null;
        }
        heapSize = 0;
        for (int i = runHead; i < runTail; i++) {
            run[i].index = TimerEntry.DONE;
            run[i] = null;
        }
        runHead = 0;
        runTail = 0;
        runLive = 0;
    }

    // ------------------------------------------------------------------ the FIFO run

    private void appendToRun(TimerEntry e) {
        if (runTail == run.length) {
            int live = runTail - runHead;
            if (runHead > run.length / 2) {
                System.arraycopy(run, runHead, run, 0, live);
                Arrays.fill(run, live, runTail, null);
            } else {
                TimerEntry[] bigger = new TimerEntry[run.length * 2];
                System.arraycopy(run, runHead, bigger, 0, live);
                run = bigger;
            }
            runHead = 0;
            runTail = live;
        }
        e.index = TimerEntry.IN_RUN;
        run[runTail++] = e;
        runLive++;
    }

    /** The first live entry of the run, dropping cancelled ones at its head; or {@code null}. */
    private TimerEntry runFirst() {
        while (runHead < runTail) {
            TimerEntry e = run[runHead];
            if (e.index == TimerEntry.IN_RUN) {
                return e;
            }
            run[runHead++] = null;
        }
        resetRunIfEmpty();
        return null;
    }

    private void resetRunIfEmpty() {
        if (runHead == runTail) {
            runHead = 0;
            runTail = 0;
        }
    }

    // ------------------------------------------------------------------ the heap

    private void removeAt(int i) {
        TimerEntry removed = heap[i];
        removed.index = TimerEntry.DONE;
        int last = --heapSize;
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
        int n = heapSize;
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
