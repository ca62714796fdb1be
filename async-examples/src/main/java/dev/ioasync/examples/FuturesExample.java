package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;

/**
 * Futures on the loop: {@code loop.delay(...)} becomes done after its delay; a chain of two
 * steps, each waiting on a delay, computes a value; {@code loop.timeout(...)} fails with the
 * category {@code timeout}.
 */
public final class FuturesExample implements Example {

    private static final Duration DELAY = Duration.ofMillis(50);
    private static final Duration STEP = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofMillis(50);

    /** Creates the example. */
    public FuturesExample() {
    }

    @Override
    public String name() {
        return "futures";
    }

    @Override
    public String summary() {
        return "loop.delay, a chain of futures, loop.timeout failing with category 'timeout'";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        Future<Void> delay = loop.delay(DELAY);
        Waits.get(loop, delay);
        out.println("  delay(" + DELAY.toMillis() + " ms): done");

        Future<Integer> six = then(loop, loop.delay(STEP), ignored -> {
            out.println("  chain step 1: delay(" + STEP.toMillis() + " ms) done -> 6");
            return loop.<Integer>newFuture().done(6);
        });
        Future<Integer> answer = then(loop, six, n -> then(loop, loop.delay(STEP), ignored -> {
            out.println("  chain step 2: " + n + " -> delay(" + STEP.toMillis() + " ms) -> " + n + " * 7");
            return loop.<Integer>newFuture().done(n * 7);
        }));
        out.println("  chain result: " + Waits.get(loop, answer));

        Future<Void> timeout = loop.timeout(TIMEOUT);
        try {
            Waits.get(loop, timeout);
            throw new IllegalStateException("loop.timeout(" + TIMEOUT + ") became done instead of failing");
        } catch (RuntimeException e) {
            FutureFailure failure = Waits.failureIn(e);
            if (failure == null) {
                throw e;
            }
            out.println("  timeout(" + TIMEOUT.toMillis() + " ms): failed, category " + failure.category()
                    + ": " + failure.getMessage());
        }
    }

    /**
     * Perl Future's {@code then}: when {@code first} is done, {@code next} makes the future whose
     * result becomes the result; a failure of either step is the result's failure. (Written on
     * {@code onReady} here so the example needs only the core of the Future API.)
     */
    private static <A, B> Future<B> then(Loop loop, Future<A> first, Function<A, Future<B>> next) {
        Future<B> result = loop.newFuture();
        first.onReady(f -> {
            Future<B> second;
            try {
                second = next.apply(f.get());
            } catch (RuntimeException e) {
                passOn(result, e);
                return;
            }
            second.onReady(s -> {
                B value;
                try {
                    value = s.get();
                } catch (RuntimeException e) {
                    passOn(result, e);
                    return;
                }
                result.done(value);
            });
        });
        return result;
    }

    private static void passOn(Future<?> result, RuntimeException e) {
        FutureFailure failure = Waits.failureIn(e);
        if (failure != null) {
            result.fail(failure.getMessage(), failure.category(), failure.details().toArray());
        } else {
            result.fail(String.valueOf(e), "demo", e);
        }
    }
}
