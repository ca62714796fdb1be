package dev.ioasync.routine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calls of a {@link Function} that wait for a worker: higher priority first, first come first
 * served within a priority. Thread-safe: the loop thread adds, cancels and (for workers in a child
 * JVM) hands out calls; a worker thread takes its next call itself as soon as it has finished one,
 * without a round trip through the loop.
 *
 * <p>Adding takes no lock: new calls go to a lock-free inbox, which whoever takes a call moves into
 * the priority heap first, under the lock, so the next call is always the best of all those
 * added. Taking and cancelling happen under that one lock, so a call is either still here (and
 * cancelling removes it, so it never runs) or taken by exactly one worker.
 */
final class CallQueue {

    private final ConcurrentLinkedQueue<PendingCall> inbox = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final PriorityQueue<PendingCall> calls = new PriorityQueue<>();
    /** Workers asleep in {@link #take}; written under the lock. */
    private volatile int waiting;

    /** Queues a call and wakes a sleeping worker, if any. Loop thread. */
    void add(PendingCall c) {
        inbox.add(c);
        if (waiting > 0) { // a worker counts itself before its last look at the inbox
            lock.lock();
            try {
                available.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Moves the inbox into the heap. Under the lock. */
    private void sort() {
        PendingCall c;
        while ((c = inbox.poll()) != null) {
            calls.add(c);
        }
    }

    /** {@return whether the call was still queued; if so it is removed and will never run} */
    boolean remove(PendingCall c) {
        lock.lock();
        try {
            return inbox.remove(c) || calls.remove(c);
        } finally {
            lock.unlock();
        }
    }

    /** {@return the next call for a worker the loop feeds, or {@code null} when none waits} */
    PendingCall poll() {
        lock.lock();
        try {
            sort();
            return calls.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next call for a worker thread, waiting for one, and records it as the worker's
     * running call before anyone can see the queue without it.
     *
     * @param w the worker
     * @return the call, or {@code null} once the worker was asked to stop
     * @throws InterruptedException when the worker thread is interrupted (killed)
     */
    PendingCall take(FunctionWorker w) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (w.stopRequested) {
                    return null;
                }
                sort();
                PendingCall c = calls.poll();
                if (c != null) {
                    w.running = c;
                    return c;
                }
                waiting++;
                try {
                    if (inbox.isEmpty()) {
                        available.await();
                    }
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks a worker thread to stop taking calls: it ends after the call it runs, if any. */
    void requestStop(FunctionWorker w) {
        lock.lock();
        try {
            w.stopRequested = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Empties the queue.
     *
     * @return the calls that waited, in queue order
     */
    List<PendingCall> removeAll() {
        lock.lock();
        try {
            sort();
            List<PendingCall> all = new ArrayList<>(calls.size());
            PendingCall c;
            while ((c = calls.poll()) != null) {
                all.add(c);
            }
            return all;
        } finally {
            lock.unlock();
        }
    }
}
