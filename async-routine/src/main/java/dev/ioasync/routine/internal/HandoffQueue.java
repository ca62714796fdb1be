package dev.ioasync.routine.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue behind a thread routine's in-channel. Adding takes no lock and costs a wake-up
 * ({@link LockSupport#unpark}) only when a receiver sleeps. A receiver that finds the queue empty
 * may first spin for at most {@link #spinNanos} (set with the system property
 * {@value #SPIN_PROPERTY} in microseconds; default {@value #DEFAULT_SPIN_MICROS}, off), so that a
 * message the loop sends within a few microseconds skips the park and its wake-up; then it parks,
 * and costs no CPU while it waits. The spin is off by default because it pays only where the
 * loop's thread has a core of its own: on a machine with more runnable threads than cores the
 * spinning thread takes the CPU the loop needs to send, and measured round trips got 2 to 4
 * times slower.
 *
 * <p>Thread rules: thread-safe, any number of senders and receivers.
 */
final class HandoffQueue implements InSource {

    /** The system property that sets the spin before parking, in microseconds: {@value}. */
    static final String SPIN_PROPERTY = "ioasync.routine.spinMicros";
    /** The default spin before parking, in microseconds: {@value}. */
    static final long DEFAULT_SPIN_MICROS = 0;
    /** The spin before parking, in nanoseconds; 0 on a single CPU, where spinning only delays the sender. */
    static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() < 2 ? 0
            : Math.max(0, Long.getLong(SPIN_PROPERTY, DEFAULT_SPIN_MICROS)) * 1000;

    private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
    /** Receivers about to park or parked; each registers before its last look at {@link #items}. */
    private final ConcurrentLinkedQueue<Thread> sleepers = new ConcurrentLinkedQueue<>();
    private final long spinNanos;

    HandoffQueue() {
        this(SPIN_NANOS);
    }

    /** @param spinNanos the longest spin before parking, 0 for none */
    HandoffQueue(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** {@return the longest spin of a receiver before it parks, in nanoseconds} */
    long spinNanos() {
        return spinNanos;
    }

    /**
     * Adds a value and wakes a sleeping receiver, if any.
     *
     * @param v the value
     */
    @Override
    public void add(Object v) {
        items.add(v);
        Thread t = sleepers.poll(); // a receiver registers before its last look: it sees v, or is seen here
        if (t != null) {
            LockSupport.unpark(t);
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
        if (spinNanos > 0 && (v = spin()) != null) {
            return v;
        }
        Thread me = Thread.currentThread();
        while (true) {
            sleepers.add(me);
            if ((v = items.poll()) == null) {
                LockSupport.park(this);
                v = items.poll();
            }
            sleepers.remove(me);
            if (v != null) {
                passOn();
                return v;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private Object spin() {
        long deadline = System.nanoTime() + spinNanos;
        Object v;
        do {
            Thread.onSpinWait();
            if ((v = items.poll()) != null) {
                return v;
            }
        } while (System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted());
        return null;
    }

    /**
     * A wake-up meant for another receiver may have reached this one, which took a value anyway:
     * when values remain, wake the next sleeper so none sleeps beside a waiting value.
     */
    private void passOn() {
        if (!items.isEmpty()) {
            Thread t = sleepers.poll();
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
