package dev.ioasync.examples;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import java.time.Duration;
import java.util.List;

/**
 * Bounded waits for the examples: an example must never hang the demo, whatever goes wrong.
 * Everything here runs on the loop thread.
 */
final class Waits {

    /** How long any one wait of an example may take before the example fails. */
    static final Duration LIMIT = Duration.ofSeconds(2);

    private static final Object TIMED_OUT = new Object();

    private Waits() {
    }

    /**
     * Runs the loop until something calls {@code loop.stop()}, or fails after {@link #LIMIT}.
     *
     * @param loop the loop
     * @param what what should stop it, for the message
     * @throws IllegalStateException when nothing stopped the loop in time
     */
    static void run(Loop loop, String what) {
        Cancellable watchdog = loop.watchTimeAfter(LIMIT, () -> loop.stop(TIMED_OUT));
        List<Object> values = loop.run();
        watchdog.cancel();
        if (values.contains(TIMED_OUT)) {
            throw new IllegalStateException(what + " did not happen within " + LIMIT.toMillis() + " ms");
        }
    }

    /**
     * Runs the loop until {@code future} is ready, or fails it after {@link #LIMIT}; then returns
     * its value or throws its failure, as {@link Future#get()} does.
     *
     * @param loop the loop
     * @param future the future
     * @param <T> its value type
     * @return its value
     */
    static <T> T get(Loop loop, Future<T> future) {
        boolean[] ready = {false};
        future.onReady(f -> ready[0] = true);
        Cancellable watchdog = loop.watchTimeAfter(LIMIT, () -> {
            if (!ready[0]) {
                future.fail("not ready within " + LIMIT.toMillis() + " ms", "demo");
            }
        });
        loop.await(future);
        watchdog.cancel();
        return future.get();
    }

    /**
     * Finds the {@link FutureFailure} behind what a failed future's {@code get()} threw.
     *
     * @param thrown what {@code get()} threw
     * @return the failure, or {@code null} when there is none in the cause chain
     */
    static FutureFailure failureIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FutureFailure f) {
                return f;
            }
        }
        return null;
    }
}
