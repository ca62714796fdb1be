package dev.ioasync.coro.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
        return new VirtualThreadMechanism(new Baton(null));
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
     * volatile flag; no lock, no queue: exactly one thread ever waits on a baton). A switch costs
     * one volatile write (the pass) and one unpark, as a bare hand-off does: the waiting thread is
     * known ahead (a strand's own thread; the driver's is written once, when it changes), and the
     * flag is taken back with a plain write, which the taker's next pass (a volatile write, before
     * anyone can pass to it again: there is one baton) publishes.
     */
    private static final class Baton {
        private static final VarHandle GIVEN;

        static {
            try {
                GIVEN = MethodHandles.lookup().findVarHandle(Baton.class, "given", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile boolean given;
        private volatile Thread waiter;

        Baton(Thread waiter) {
            this.waiter = waiter;
        }

        void pass() {
            given = true;
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t); // a permit left for a thread not yet parked costs it one more look at given
            }
        }

        void await() {
            if (!given) {
                Thread me = Thread.currentThread();
                if (waiter != me) { // the driver's first wait (a strand's thread is known from the start)
                    waiter = me;
                }
                while (!given) {
                    LockSupport.park(this);
                }
            }
            GIVEN.set(this, false);
        }
    }

    /** A virtual thread that runs only while it holds the baton. */
    private static final class BatonStrand implements Strand {
        private final Baton go;
        private final Baton driver;
        private final Thread thread;
        private final Runnable body;
        /** Touched by the baton's holder only (published by the hand-off). */
        private boolean started;
        private volatile boolean done;

        BatonStrand(String name, Runnable body, Baton driver) {
            this.driver = driver;
            this.body = body;
            this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
            this.go = new Baton(thread);
        }

        private void run() {
            go.await();
            try {
                body.run();
            } finally {
                done = true;
                driver.pass();
            }
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
