package dev.ioasync;

import java.lang.ref.Cleaner;

/**
 * Reports errors that futures would otherwise lose: exceptions thrown by their callbacks, and
 * failures that nobody observed before the failed future was garbage-collected.
 *
 * <p>An instance is the cleaning action of one failed, unobserved future. It holds the failure
 * and the loop but never the future, so that the future can become unreachable; the future sets
 * {@link #observed} when someone looks at the failure later.
 */
final class FutureFailureWatch implements Runnable {

    private static final System.Logger LOG = System.getLogger(Future.class.getName());
    /** Logs the first error of each kind with its stack, later ones as one line with a count. */
    private static final RepeatedErrorLog REPEATS = new RepeatedErrorLog(LOG, System.Logger.Level.WARNING);

    /** Started on the first unobserved failure only. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final FutureFailure failure;
    private final Loop loop;
    volatile boolean observed;

    private FutureFailureWatch(FutureFailure failure, Loop loop) {
        this.failure = failure;
        this.loop = loop;
    }

    /**
     * Watches a future that failed with nobody observing it.
     *
     * @param future the future, which the watch does not reference
     * @param failure its failure
     * @param loop its loop, or {@code null}
     * @return the watch, to flag as observed
     */
    static FutureFailureWatch register(Object future, FutureFailure failure, Loop loop) {
        FutureFailureWatch w = new FutureFailureWatch(failure, loop);
        CleanerHolder.CLEANER.register(future, w);
        return w;
    }

    /** The future was collected: report its failure unless someone observed it. */
    @Override
    public void run() {
        if (!observed) {
            String message = "a Future failed and nobody observed its failure before it was garbage-collected: "
                    + (failure.category() == null ? "" : failure.category() + ": ") + failure.getMessage();
            report(loop, new IllegalStateException(message, failure), message);
        }
    }

    /**
     * Reports an error to the loop's error routing (on the loop thread), or logs it when there is
     * no loop or the loop is closed.
     *
     * @param loop the loop, or {@code null}
     * @param error the error
     * @param what a description for the log
     */
    static void report(Loop loop, Throwable error, String what) {
        if (loop != null) {
            if (loop.inLoopThread()) {
                loop.routeError(error, null);
                return;
            }
            if (!loop.isClosed()) {
                try {
                    loop.later(() -> loop.routeError(error, null));
                    return;
                } catch (IllegalStateException closed) {
                    // fall through to the log
                }
            }
        }
        REPEATS.log(what, error, null);
    }
}
