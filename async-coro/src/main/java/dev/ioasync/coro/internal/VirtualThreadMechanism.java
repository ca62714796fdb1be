package dev.ioasync.coro.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The fallback mechanism: a virtual thread per coro and a baton, so that exactly one of the
 * driver (the loop's thread) and the scheduler's strands runs at a time. A coro that switches to
 * another coro hands the baton straight to that coro's virtual thread ({@link Strand#transferTo}),
 * a virtual-thread to virtual-thread hand-off; only a switch to or from the main coro (or to the
 * idle hook) wakes the loop's platform thread. Needs no JVM flag.
 *
 * <p>The instance {@link Mechanisms#selected()} returns is shared; each scheduler works on its own
 * {@link #forScheduler()} instance, which holds that scheduler's driver baton.
 */
public final class VirtualThreadMechanism implements CoroMechanism {

    /** The driver's side of the baton: the thread waiting in {@link BatonStrand#resume()}. */
    private final Baton driver;

    /** Creates the mechanism. */
    public VirtualThreadMechanism() {
        this.driver = null;
    }

    private VirtualThreadMechanism(Baton driver) {
        this.driver = driver;
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
    public CoroMechanism forScheduler() {
        return new VirtualThreadMechanism(new Baton());
    }

    @Override
    public Strand newStrand(long id, Runnable body) {
        if (driver == null) {
            throw new IllegalStateException("use forScheduler() for the strands of one scheduler");
        }
        return new BatonStrand("coro-" + id, body, driver);
    }

    /**
     * A one-thread permit: {@link #pass} gives it, {@link #await} waits for it (park/unpark with a
     * volatile flag; no lock, no queue: exactly one thread ever waits on a baton).
     */
    private static final class Baton {
        private volatile boolean given;
        private volatile Thread waiter;

        void pass() {
            given = true;
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        void await() {
            if (!given) {
                waiter = Thread.currentThread();
                while (!given) {
                    LockSupport.park(this);
                }
                waiter = null;
            }
            given = false;
        }
    }

    /** A virtual thread that runs only while it holds the baton. */
    private static final class BatonStrand implements Strand {
        private final Baton go = new Baton();
        private final Baton driver;
        private final Thread thread;
        private volatile boolean started;
        private volatile boolean done;

        BatonStrand(String name, Runnable body, Baton driver) {
            this.driver = driver;
            this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
                go.await();
                try {
                    body.run();
                } finally {
                    done = true;
                    driver.pass();
                }
            });
        }

        private void wake() {
            if (done) {
                throw new IllegalStateException("strand " + thread.getName() + " has ended");
            }
            if (!started) {
                started = true;
                thread.start();
            }
            go.pass();
        }

        @Override
        public void resume() {
            wake();
            driver.await();
        }

        @Override
        public void suspend() {
            driver.pass();
            go.await();
        }

        @Override
        public boolean canTransfer() {
            return true;
        }

        @Override
        public void transferTo(Strand next) {
            ((BatonStrand) next).wake();
            go.await();
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
