package dev.ioasync.testkit;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs a loop in a test until something happens, never longer than a time limit (IO::Async's
 * {@code $loop->await} and Test::Async::HTTP-style {@code wait_for}, with a timeout so that a test
 * that should fail fails instead of hanging).
 *
 * <p>The limit is measured in real time ({@link System#nanoTime()}), whatever clock the loop has,
 * so that a test with a {@link ManualClock} still ends. Call these methods on the loop's thread.
 */
public final class LoopRunner {

    /** The time limit of the methods that take none: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The longest one iteration waits, so that a condition another thread makes true is seen soon. */
    static final long MAX_STEP_NANOS = Duration.ofMillis(50).toNanos();

    private LoopRunner() {
    }

    /**
     * Runs {@code loop} until {@code future} is ready, for at most {@link #DEFAULT_TIMEOUT}, and
     * returns its value.
     *
     * @param loop the loop that will complete the future
     * @param future the future to wait for
     * @param <T> its value's type
     * @return the future's value
     * @throws AssertionError when the future is still pending after the time limit
     * @throws FutureFailure when the future failed (the very failure it holds)
     * @throws CancellationException when the future was cancelled
     */
    public static <T> T await(Loop loop, Future<T> future) {
        return await(loop, future, DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code loop} until {@code future} is ready, for at most {@code timeout}, and returns its
     * value. The future may be completed by the loop or by another thread (the loop is woken).
     *
     * @param loop the loop that will complete the future
     * @param future the future to wait for
     * @param timeout the longest wait, in real time
     * @param <T> its value's type
     * @return the future's value
     * @throws AssertionError when the future is still pending after {@code timeout}
     * @throws FutureFailure when the future failed (the very failure it holds)
     * @throws CancellationException when the future was cancelled
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public static <T> T await(Loop loop, Future<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        if (!future.isReady()) {
            future.onReady(f -> loop.wakeup()); // another thread may complete it while the loop polls
            runUntil(loop, future::isReady, timeout, "a future to become ready");
        }
        return future.get();
    }

    /**
     * Runs {@code loop} until {@code condition} holds, for at most {@code timeout}. The condition
     * is checked before the first iteration and after each one; an iteration waits at most 50 ms,
     * so a condition that another thread makes true without waking the loop is seen within that.
     *
     * @param loop the loop to run
     * @param condition what to wait for, checked on the loop's thread
     * @param timeout the longest wait, in real time
     * @param what what is awaited, for the failure message (for example {@code "the reply"})
     * @throws AssertionError when the condition still does not hold after {@code timeout}
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public static void runUntil(Loop loop, BooleanSupplier condition, Duration timeout, String what) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        long start = System.nanoTime();
        long limit = saturatedNanos(timeout);
        while (!condition.getAsBoolean()) {
            long left = limit - (System.nanoTime() - start);
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + " (loop backend " + loop.backend() + ")");
            }
            loop.loopOnce(Duration.ofNanos(Math.min(left, MAX_STEP_NANOS)));
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
