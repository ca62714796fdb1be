package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.util.concurrent.Semaphore;

/**
 * Lets a pump thread wait, without spinning, until the loop sees one pipe end ready: the pump
 * asks the loop (through the thread-safe {@link Loop#later}) to watch the handle once, and
 * blocks until the loop's callback, or {@link #abort()}, releases it.
 */
final class ReadinessWaiter {

    private final Loop loop;
    private final IoHandle handle;
    private final boolean forWrite;
    private final Semaphore ready = new Semaphore(0);
    private volatile boolean aborted;

    ReadinessWaiter(Loop loop, IoHandle handle, boolean forWrite) {
        this.loop = loop;
        this.handle = handle;
        this.forWrite = forWrite;
    }

    /**
     * Blocks the calling pump thread until the handle is ready (or in error).
     *
     * @return {@code false} when the wait was aborted or the loop is closed: the pump should stop
     * @throws InterruptedException when the pump thread is interrupted
     */
    boolean await() throws InterruptedException {
        if (aborted) {
            return false;
        }
        try {
            loop.later(this::arm);
        } catch (IllegalStateException closedLoop) {
            return false;
        }
        ready.acquire();
        return !aborted;
    }

    /**
     * Makes a waiting pump (and any later wait) give up. Thread-safe; on the loop thread it also
     * drops a watch armed for the pump at once, so that the loop watches nothing of it any more.
     */
    void abort() {
        aborted = true;
        if (loop.inLoopThread() && !loop.isClosed()) {
            loop.unwatchIo(handle);
        }
        ready.release();
    }

    private void arm() {
        if (aborted || !handle.isOpen()) {
            ready.release();
            return;
        }
        Runnable fire = this::fire;
        loop.watchIo(handle, forWrite ? null : fire, forWrite ? fire : null);
    }

    private void fire() {
        loop.unwatchIo(handle);
        ready.release();
    }
}
