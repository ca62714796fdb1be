package dev.ioasync.routine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calls of a {@link Function} that wait for a worker: higher priority first, first come first
 * served within a priority. Thread-safe: the loop thread adds, cancels and (for workers in a child
 * JVM) hands out calls; a worker thread takes its next call itself as soon as it has finished one,
 * without a round trip through the loop.
 *
 * <p>Adding never takes a lock and allocates nothing: a new call is pushed on a lock-free stack
 * (linked through {@link PendingCall#nextQueued}), which whoever takes a call moves into the sorted
 * calls first, under the lock, so the next call is always the best of all those added. Taking and
 * cancelling happen under that one lock, so a call is either still here (and cancelling removes
 * it, so it never runs) or taken by exactly one worker. The sorted calls are a plain FIFO while
 * they all have one priority and come in call order (the common case: taking one is O(1)), and a
 * heap otherwise.
 *
 * <p>A worker that finds nothing parks itself on a list of sleepers. Adding a call to an empty
 * queue that no worker is looking at ({@link #take} counts the workers in it that are not
 * asleep: each looks again before it sleeps) unparks one sleeper, and a worker that takes a call while others still wait unparks one
 * more, so a burst of calls wakes the sleeping workers one after the other and the thread that
 * adds pays one wake-up per burst, not per call (as {@link java.util.concurrent.LinkedBlockingQueue}
 * does for a {@link java.util.concurrent.ThreadPoolExecutor}). So whenever calls wait, a worker is
 * awake or being woken, and it takes them or wakes another.
 *
 * <p>While the loop thread delivers a batch of finished calls ({@link #holdWakes}), the calls their
 * callbacks add are held on the loop thread and published to the workers together, with one
 * atomic operation and at most one wake-up, when the batch ends ({@link #releaseWakes}). So a
 * worker that finished a batch finds the next batch waiting, instead of being woken (a system
 * call on each side) and contending with the loop thread for the queue's head on every call its
 * own results caused. Cancelling a held call removes it as it does a queued one. Should a
 * callback wait on the loop thread for a call it just made (a nested run of the loop), a deferred
 * call queued with the first held call publishes them, so that no wait depends on the batch's end.
 */
final class CallQueue {

    /** Calls added and not sorted yet, newest first. */
    private final AtomicReference<PendingCall> added = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Sorted calls while they share one priority, in call order; under the lock. */
    private final ArrayDeque<PendingCall> fifo = new ArrayDeque<>();
    /** Sorted calls once priorities or call order are mixed; under the lock. */
    private final PriorityQueue<PendingCall> heap = new PriorityQueue<>();
    /**
     * Whether any call is sorted (fifo or heap); written under the lock, and only when it changes,
     * so that the thread that adds does not share a cache line being written on every take.
     */
    private volatile boolean anySorted;
    /** Worker threads parked in {@link #take}, or about to park. */
    private final ConcurrentLinkedQueue<Thread> sleepers = new ConcurrentLinkedQueue<>();
    /**
     * Worker threads in {@link #take} and not (about to be) asleep: each of them looks at the
     * queue again before it sleeps, so a call added while one is counted needs no wake-up.
     */
    private final java.util.concurrent.atomic.AtomicInteger takers = new java.util.concurrent.atomic.AtomicInteger();
    /** Holds not released yet ({@link #holdWakes} nests): adds wake no one while above 0. Loop thread only. */
    private int wakeHolds;
    /** Calls added while wakes are held, newest first, linked as {@link #added}. Loop thread only. */
    private PendingCall held;
    /** The oldest of {@link #held}. Loop thread only. */
    private PendingCall heldOldest;
    /** The loop of the current hold, which runs {@link #publishHeldTask} if the loop runs nested. */
    private dev.ioasync.Loop holdLoop;
    private final Runnable publishHeldTask = this::publishHeld;

    /** Queues a call and wakes a sleeping worker, if any (or holds it, see {@link #holdWakes}). Loop thread. */
    void add(PendingCall c) {
        if (wakeHolds > 0) {
            c.nextQueued = held;
            held = c;
            if (heldOldest == null) {
                heldOldest = c;
                try {
                    holdLoop.later(publishHeldTask); // in case the loop runs nested before the batch ends
                } catch (IllegalStateException closed) {
                    // the loop is closing: the release publishes them
                }
            }
            return;
        }
        publish(c, c);
    }

    /** Pushes the chain {@code newest..oldest} (linked newest first) and wakes a worker if the queue was empty. */
    private void publish(PendingCall newest, PendingCall oldest) {
        PendingCall top;
        do {
            top = added.get();
            oldest.nextQueued = top;
        } while (!added.compareAndSet(top, newest));
        if (top == null && !anySorted && takers.get() == 0) {
            // the queue was empty and no worker is looking at it: one may sleep (else one is
            // awake: it takes the call, and wakes another if more wait)
            wakeOne();
        }
    }

    /**
     * Holds the calls added from now until {@link #releaseWakes}. Loop thread; nests.
     *
     * @param loop the loop whose thread calls this
     */
    void holdWakes(dev.ioasync.Loop loop) {
        holdLoop = loop;
        wakeHolds++;
    }

    /** Ends one {@link #holdWakes}; the last publishes the held calls and wakes a worker if needed. Loop thread. */
    void releaseWakes() {
        if (--wakeHolds == 0) {
            publishHeld();
        }
    }

    /** Publishes the held calls, oldest first as ever. Loop thread. */
    private void publishHeld() {
        PendingCall newest = held;
        if (newest != null) {
            PendingCall oldest = heldOldest;
            held = null;
            heldOldest = null;
            publish(newest, oldest);
        }
    }

    /** {@return whether the call was held (and now is not)} Loop thread. */
    private boolean removeHeld(PendingCall c) {
        PendingCall prev = null;
        for (PendingCall h = held; h != null; prev = h, h = h.nextQueued) {
            if (h == c) {
                if (prev == null) {
                    held = h.nextQueued;
                } else {
                    prev.nextQueued = h.nextQueued;
                }
                if (heldOldest == c) {
                    heldOldest = prev;
                }
                c.nextQueued = null;
                return true;
            }
        }
        return false;
    }

    private void wakeOne() {
        Thread t = sleepers.poll();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Moves the added calls into the sorted ones, oldest first. Under the lock. */
    private void sort() {
        PendingCall c = added.getAndSet(null);
        if (c == null) {
            return;
        }
        PendingCall first = null;
        while (c != null) { // the stack holds the newest first: reverse it
            PendingCall n = c.nextQueued;
            c.nextQueued = first;
            first = c;
            c = n;
        }
        while (first != null) {
            PendingCall n = first.nextQueued;
            first.nextQueued = null;
            place(first);
            first = n;
        }
        if (!anySorted) {
            anySorted = true;
        }
    }

    /** Records that the sorted calls may have run out. Under the lock. */
    private void updateAnySorted() {
        if (anySorted && fifo.isEmpty() && heap.isEmpty()) {
            anySorted = false;
        }
    }

    private void place(PendingCall c) {
        if (heap.isEmpty()) {
            PendingCall last = fifo.peekLast();
            if (last == null || last.priority == c.priority && last.seq < c.seq) {
                fifo.addLast(c);
                return;
            }
            heap.addAll(fifo); // mixed: sort them all from now on, until the heap is empty again
            fifo.clear();
        }
        heap.add(c);
    }

    /** {@return the best sorted call, removed, or {@code null}} Under the lock, after {@link #sort}. */
    private PendingCall next() {
        PendingCall c = heap.isEmpty() ? fifo.pollFirst() : heap.poll();
        updateAnySorted();
        return c;
    }

    /** {@return whether the call was still queued; if so it is removed and will never run} */
    boolean remove(PendingCall c) {
        if (held != null && removeHeld(c)) {
            return true;
        }
        lock.lock();
        try {
            sort();
            boolean removed = fifo.remove(c) || heap.remove(c);
            updateAnySorted();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the next call for a worker the loop feeds, or {@code null} when none waits} */
    PendingCall poll() {
        publishHeld();
        lock.lock();
        try {
            sort();
            return next();
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
        takers.incrementAndGet();
        PendingCall c;
        try {
            c = takeCounted(w);
        } finally {
            takers.decrementAndGet();
        }
        // looked at after no longer counting as a taker: a call added meanwhile was either seen
        // here or found no taker and woke a sleeper itself
        if (c != null && (anySorted || added.get() != null)) {
            wakeOne(); // another sleeper, if any, for what is left
        }
        return c;
    }

    private PendingCall takeCounted(FunctionWorker w) throws InterruptedException {
        Thread me = Thread.currentThread();
        while (true) {
            PendingCall c;
            lock.lockInterruptibly();
            try {
                if (w.stopRequested) {
                    return null;
                }
                sort();
                c = next();
                if (c != null) {
                    w.running = c;
                }
            } finally {
                lock.unlock();
            }
            if (c != null) {
                return c;
            }
            // nothing: sleep, unless a call came (or a stop request) since the look under the lock;
            // whoever adds or sorts a call after this registration (and this thread no longer
            // counting as a taker) finds this thread and unparks it
            sleepers.add(me);
            takers.decrementAndGet();
            try {
                if (added.get() == null && !anySorted && !w.stopRequested) {
                    LockSupport.park(this);
                }
            } finally {
                takers.incrementAndGet();
            }
            sleepers.remove(me); // no-op when a waker took it off
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Asks a worker thread to stop taking calls: it ends after the call it runs, if any. */
    void requestStop(FunctionWorker w) {
        lock.lock();
        try {
            w.stopRequested = true;
        } finally {
            lock.unlock();
        }
        for (Thread t : sleepers) {
            LockSupport.unpark(t); // each looks again; the one asked to stop ends
        }
    }

    /**
     * Empties the queue.
     *
     * @return the calls that waited, in queue order
     */
    List<PendingCall> removeAll() {
        publishHeld();
        lock.lock();
        try {
            sort();
            List<PendingCall> all = new ArrayList<>(fifo.size() + heap.size());
            PendingCall c;
            while ((c = next()) != null) {
                all.add(c);
            }
            return all;
        } finally {
            lock.unlock();
        }
    }
}
