package dev.ioasync.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The independent anchors' multi-producer, single-consumer hand-back queue ({@code JdkFunction.Inbox}
 * of {@code ../shared/anchors/java}), line for line: producers offer and unpark the caller if it
 * waits; the caller parks while it is empty. The ceilings that repeat the anchor's patterns here
 * share it.
 *
 * @param <T> what is handed back
 */
final class AnchorInbox<T> {

    private final ConcurrentLinkedQueue<T> q = new ConcurrentLinkedQueue<>();
    private volatile Thread waiter;

    /** Hands a result back. Any thread. */
    void post(T r) {
        q.offer(r);
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** {@return the next result if one waits, else {@code null}} The caller thread only. */
    T poll() {
        return q.poll();
    }

    /** {@return the next result, parking while there is none} The caller thread only. */
    T take() {
        T r = q.poll();
        while (r == null) {
            waiter = Thread.currentThread();
            r = q.poll();
            if (r == null) {
                LockSupport.park(this);
            }
            waiter = null;
            if (r == null) {
                r = q.poll();
            }
        }
        return r;
    }
}
