package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import java.io.PrintStream;
import java.time.Duration;

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

        Future<Integer> answer = loop.delay(STEP).then(ignored -> {
            out.println("  chain step 1: delay(" + STEP.toMillis() + " ms) done -> 6");
            return Future.doneFuture(6);
        }).then(n -> loop.delay(STEP).transform(ignored -> {
            out.println("  chain step 2: " + n + " -> delay(" + STEP.toMillis() + " ms) -> " + n + " * 7");
            return n * 7;
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
}
