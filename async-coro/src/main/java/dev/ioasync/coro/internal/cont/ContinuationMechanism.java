package dev.ioasync.coro.internal.cont;

import dev.ioasync.coro.internal.CoroMechanism;
import dev.ioasync.coro.internal.Strand;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The default mechanism: one {@code jdk.internal.vm.Continuation} per coro, all run on the loop's
 * thread (about 100 ns a switch, about 300 B a suspended coro).
 */
public final class ContinuationMechanism implements CoroMechanism {

    private static final ContinuationScope SCOPE = new ContinuationScope("ioasync-coro");

    /** Creates the mechanism; fails with {@link IllegalAccessError} where the package is not exported. */
    public ContinuationMechanism() {
        // touch the class now, so that a missing export fails here and not at the first switch
        Continuation.getCurrentContinuation(SCOPE);
    }

    @Override
    public String name() {
        return "continuation";
    }

    @Override
    public boolean runsOnDriverThread() {
        return true;
    }

    @Override
    public Strand newStrand(long id, Runnable body) {
        return new ContinuationStrand(body);
    }

    /**
     * A strand that is its continuation (one object, so that the driver's resume reaches
     * {@code run} without one more load).
     */
    private static final class ContinuationStrand extends Continuation implements Strand {

        ContinuationStrand(Runnable body) {
            super(SCOPE, body);
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException("cannot switch coros here: the coro's stack is pinned ("
                    + reason + "): a native frame (JNI or FFM upcall) or a critical section is on it;"
                    + " cede, schedule and blocking Coro calls must not happen inside one");
        }

        @Override
        public void resume() {
            run();
        }

        @Override
        public void suspend() {
            Continuation.yield(SCOPE);
        }

        @Override
        public boolean isCurrent() {
            return Continuation.getCurrentContinuation(SCOPE) == this;
        }
    }
}
