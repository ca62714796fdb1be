package dev.ioasync.coro;

import java.time.Duration;

/**
 * A readers-writer lock for coros (Perl's Coro::RWLock): many readers or one writer. As in Coro,
 * a new reader gets in while a writer waits, and {@link #unlock()} prefers a waiting writer: it
 * wakes one writer if any waits, else every waiting reader. Waits can time out, and an
 * interrupted wait takes no lock.
 *
 * <p>Thread rules: use it from coros and loop callbacks of one loop.
 */
public final class RWLock {

    private final WaitList readers = new WaitList();
    private final WaitList writers = new WaitList();
    private int readLocks;
    private boolean writeLocked;

    /** An unlocked lock. */
    public RWLock() {
        // unlocked
    }

    /** Takes a read lock, waiting while a writer holds the lock (Perl's {@code rdlock}). */
    public void rdlock() {
        rdlock(null);
    }

    /**
     * Takes a read lock, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or {@code null}
     * @return whether it took it
     */
    public boolean rdlock(Duration timeout) {
        return lock(false, timeout);
    }

    /** Takes the write lock, waiting while anyone holds the lock (Perl's {@code wrlock}). */
    public void wrlock() {
        wrlock(null);
    }

    /**
     * Takes the write lock, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or {@code null}
     * @return whether it took it
     */
    public boolean wrlock(Duration timeout) {
        return lock(true, timeout);
    }

    /** {@return whether it took a read lock without waiting (Perl's {@code tryrdlock})} */
    public boolean tryRdlock() {
        if (writeLocked) {
            return false;
        }
        readLocks++;
        return true;
    }

    /** {@return whether it took the write lock without waiting (Perl's {@code trywrlock})} */
    public boolean tryWrlock() {
        if (writeLocked || readLocks > 0) {
            return false;
        }
        writeLocked = true;
        return true;
    }

    private boolean lock(boolean write, Duration timeout) {
        if (write ? tryWrlock() : tryRdlock()) {
            return true;
        }
        CoroScheduler s = CoroScheduler.current();
        long deadline = WaitList.deadline(s, timeout);
        WaitList list = write ? writers : readers;
        while (true) {
            Waiter w = new Waiter(s.current);
            list.add(w);
            boolean woken;
            try {
                woken = s.block(w, write ? "RWLock.wrlock" : "RWLock.rdlock", WaitList.left(s, timeout, deadline));
            } catch (RuntimeException | Error e) {
                if (!list.remove(w) && w.signalled) {
                    wake(); // pass the wake-up on
                }
                throw e;
            }
            if (!woken) {
                list.remove(w);
                return false;
            }
            if (write ? tryWrlock() : tryRdlock()) {
                return true;
            }
        }
    }

    /** Releases the lock held by the caller (a read lock, or the write lock) (Perl's {@code unlock}). */
    public void unlock() {
        if (writeLocked) {
            writeLocked = false;
        } else if (readLocks > 0) {
            readLocks--;
        } else {
            throw new IllegalStateException("unlock of an RWLock that is not locked");
        }
        wake();
    }

    private void wake() {
        if (!writers.wakeFirst(null)) {
            readers.wakeAll(null);
        }
    }

    /** {@return how many read locks are held} */
    public int readers() {
        return readLocks;
    }

    /** {@return whether the write lock is held} */
    public boolean isWriteLocked() {
        return writeLocked;
    }
}
