package dev.ioasync.examples;

import dev.ioasync.CallbackException;
import dev.ioasync.Loop;
import dev.ioasync.timer.Countdown;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Error isolation: a {@code later()} callback and then a timer's {@code on_expire} throw; each
 * error reaches the loop's error handler, and the loop goes on to fire the next timer.
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

        // One after the other, so that the lines come in the same order on any machine: the
        // later() callback starts Countdown[faulty] and throws; faulty's on_expire starts
        // Countdown[after] and throws; after's on_expire shows the loop still running.
        Countdown after = new Countdown(Duration.ofMillis(20), () -> {
            out.println("  countdown 'after' expired: the loop kept running after " + errors[0] + " errors");
            loop.stop();
        });
        after.name("after");
        Countdown faulty = new Countdown(Duration.ofMillis(20), () -> {
            after.start();
            throw new IllegalArgumentException("boom from on_expire");
        });
        faulty.name("faulty");
        loop.add(faulty).add(after);
        loop.later(() -> {
            faulty.start();
            throw new IllegalStateException("boom from a later() callback");
        });
        out.println("  queued a later() callback that throws, then Countdown[faulty] (20 ms) whose on_expire throws");

        Waits.run(loop, "Countdown[after]");

        loop.remove(faulty).remove(after);
        loop.errorHandler(null);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
