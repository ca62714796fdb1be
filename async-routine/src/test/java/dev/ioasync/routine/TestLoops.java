package dev.ioasync.routine;

import dev.ioasync.Loop;
import dev.ioasync.spi.LoopProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.provider.Arguments;

/** The loop backends present on this machine, and bounded waits on a loop. */
final class TestLoops {

    static final Duration WAIT = Duration.ofSeconds(30);

    private TestLoops() {
    }

    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Every available backend; each unavailable one is printed once per test JVM with its cause,
     * never silently skipped.
     */
    static List<String> backends() {
        List<String> names = new ArrayList<>();
        for (LoopProvider p : Loop.providers()) {
            if (p.isAvailable()) {
                names.add(p.name());
            } else if (REPORTED.add(p.name())) {
                System.err.println("async-routine tests: backend " + p.name() + " skipped: "
                        + p.unavailabilityCause().map(TestLoops::describe).orElse("unavailable"));
            }
        }
        return names;
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append(" <- ").append(c);
        }
        return text.toString();
    }

    /** Every available backend with every model. */
    static List<Arguments> backendsAndModels() {
        List<Arguments> args = new ArrayList<>();
        for (String b : backends()) {
            for (RoutineModel m : RoutineModel.values()) {
                args.add(Arguments.of(b, m));
            }
        }
        return args;
    }

    /** Every available backend with the two thread models. */
    static List<Arguments> backendsAndThreadModels() {
        List<Arguments> args = new ArrayList<>();
        for (String b : backends()) {
            args.add(Arguments.of(b, RoutineModel.THREAD));
            args.add(Arguments.of(b, RoutineModel.VIRTUAL));
        }
        return args;
    }

    /** Runs the loop until the condition holds, failing after {@link #WAIT}. */
    static void runUntil(Loop loop, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            loop.loopOnce(Duration.ofMillis(20));
        }
    }
}
