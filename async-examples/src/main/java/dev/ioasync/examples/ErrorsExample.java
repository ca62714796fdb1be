package dev.ioasync.examples;

import dev.ioasync.CallbackException;
import dev.ioasync.Loop;
import dev.ioasync.timer.Countdown;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Error isolation: a {@code later()} callback and a timer's {@code on_expire} both throw; each
 * error reaches the loop's error handler, and the loop goes on to fire a later timer.
 */
public final class ErrorsExample implements Example {

    /** Creates the example. */
    public ErrorsExample() {
    }

    @Override
    public String name() {
        return "errors";
    }

    @Override
    public String summary() {
        return "callbacks that throw reach the loop's error handler; the loop keeps running";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        int[] errors = {0};
        loop.errorHandler((error, source) -> {
            errors[0]++;
            if (error instanceof CallbackException ce) {
                out.println("  error handler: " + ce.event() + " of " + ce.notifier() + " threw " + describe(ce.getCause()));
            } else {
                out.println("  error handler: " + (source == null ? "a low-level callback (no notifier)" : source.toString())
                        + " threw " + describe(error));
            }
        });

        Countdown faulty = new Countdown(Duration.ofMillis(20), () -> {
            throw new IllegalArgumentException("boom from on_expire");
        });
        faulty.name("faulty");
        Countdown after = new Countdown(Duration.ofMillis(60), () -> {
            out.println("  countdown 'after' expired: the loop kept running after " + errors[0] + " errors");
            loop.stop();
        });
        after.name("after");
        faulty.start();
        after.start();
        loop.add(faulty).add(after);
        loop.later(() -> {
            throw new IllegalStateException("boom from a later() callback");
        });
        out.println("  queued a later() callback that throws, and Countdown[faulty] (20 ms) whose on_expire throws");

        Waits.run(loop, "Countdown[after]");

        loop.remove(faulty).remove(after);
        loop.errorHandler(null);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
