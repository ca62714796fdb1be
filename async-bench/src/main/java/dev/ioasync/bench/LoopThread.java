package dev.ioasync.bench;

import dev.ioasync.Loop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A loop that runs {@code run()} on a platform thread of its own, for cross-thread benchmarks. */
final class LoopThread {

    private final Loop loop;
    private final Thread thread;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile Throwable failure;

    private LoopThread(Loop loop) {
        this.loop = loop;
        this.thread = new Thread(this::body, "bench-loop");
        this.thread.setDaemon(true);
    }

    /**
     * Starts {@code loop.run()} on a new thread and returns once it is running.
     *
     * @param loop an idle loop, not yet running
     * @return the started loop thread
     */
    static LoopThread start(Loop loop) {
        LoopThread lt = new LoopThread(loop);
        lt.thread.start();
        try {
            if (!lt.running.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("loop thread did not start: " + lt.failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the loop thread", e);
        }
        return lt;
    }

    private void body() {
        try {
            // Queued from this thread before run() takes the loop over, so it goes through the
            // thread-safe queue; it runs once run() owns the loop.
            loop.later(running::countDown);
            loop.run();
        } catch (Throwable t) {
            failure = t;
        }
    }

    Loop loop() {
        return loop;
    }

    /** Stops the loop, waits for its thread, then closes it. */
    void stopAndClose() throws InterruptedException {
        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (thread.isAlive()) {
            throw new IllegalStateException("loop thread did not stop");
        }
        loop.close();
        if (failure != null) {
            throw new IllegalStateException("loop thread failed", failure);
        }
    }
}
