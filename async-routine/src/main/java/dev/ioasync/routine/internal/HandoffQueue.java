package dev.ioasync.routine.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue behind a thread routine's in-channel: adding takes no lock unless a receiver sleeps,
 * so the loop thread that sends never contends with the routine's thread for a lock, and pays a
 * wake-up only when the routine actually waits.
 *
 * <p>Thread rules: thread-safe, any number of senders and receivers.
 */
final class HandoffQueue implements InSource {

    private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    /** Receivers asleep in {@link #take}; written under the lock. */
    private volatile int sleepers;

    /**
     * Adds a value and wakes a sleeping receiver, if any.
     *
     * @param v the value
     */
    @Override
    public void add(Object v) {
        items.add(v);
        if (sleepers > 0) { // a receiver counts itself before its last look
            lock.lock();
            try {
                nonEmpty.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Takes the next value, waiting for it.
     *
     * @return the value
     * @throws InterruptedException when the thread is interrupted, before or while it waits
     */
    @Override
    public Object take() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object v = items.poll();
        if (v != null) {
            return v;
        }
        lock.lockInterruptibly();
        try {
            while ((v = items.poll()) == null) {
                sleepers++;
                try {
                    if (items.isEmpty()) {
                        nonEmpty.await();
                    }
                } finally {
                    sleepers--;
                }
            }
            return v;
        } finally {
            lock.unlock();
        }
    }
}
