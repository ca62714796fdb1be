package dev.ioasync.coro.internal;

import java.util.concurrent.Semaphore;

/**
 * The fallback mechanism: a virtual thread per coro and a baton hand-off, so that exactly one of
 * the driver and its strands runs at a time. About four times slower than a Continuation switch
 * (notes/jvm-coroutines.md), but needs no JVM flag.
 */
public final class VirtualThreadMechanism implements CoroMechanism {

    /** Creates the mechanism. */
    public VirtualThreadMechanism() {
        // stateless
    }

    @Override
    public String name() {
        return "virtual-thread";
    }

    @Override
    public boolean runsOnDriverThread() {
        return false;
    }

    @Override
    public Strand newStrand(long id, Runnable body) {
        return new BatonStrand("coro-" + id, body);
    }

    /** A virtual thread that runs only while it holds the baton. */
    private static final class BatonStrand implements Strand {
        private final Semaphore go = new Semaphore(0);
        private final Semaphore back = new Semaphore(0);
        private final Thread thread;
        private volatile boolean started;
        private volatile boolean done;

        BatonStrand(String name, Runnable body) {
            this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
                go.acquireUninterruptibly();
                try {
                    body.run();
                } finally {
                    done = true;
                    back.release();
                }
            });
        }

        @Override
        public void resume() {
            if (done) {
                throw new IllegalStateException("strand " + thread.getName() + " has ended");
            }
            if (!started) {
                started = true;
                thread.start();
            }
            go.release();
            back.acquireUninterruptibly();
        }

        @Override
        public void suspend() {
            back.release();
            go.acquireUninterruptibly();
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public boolean isCurrent() {
            return Thread.currentThread() == thread;
        }
    }
}
