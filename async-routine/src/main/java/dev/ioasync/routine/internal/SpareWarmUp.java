package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineCode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * What a spare child JVM ({@link SpareChildren}) does while it waits for its setup: everything a
 * Function worker's child does after the setup arrives, on made-up frames, many times over, so
 * that when the real setup comes the classes are loaded, linked and initialised, the call sites
 * (lambdas, the deserialization of a lambda, loading a class by name) are bound, and the hot
 * methods are compiled: what is left to do is the hand-off itself and the user's own code.
 *
 * <p>One round reads the frames a parent sends a Function worker ({@link AotCache#input}: the
 * setup, calls, ends of stream) from memory and runs {@link ChildMain} itself on them, with a
 * memory stream for its output; rounds alternate between a serialized lambda and a class named by
 * name, the two ways a Function's code travels.
 *
 * <p>Before that it reads its preview, the first frame its parent sends a spare: the setup that the
 * last routine of its kind was sent (or nothing). It decodes the preview, and loads and initialises a
 * class that the preview names, but runs none of it: the user's classes are then loaded,
 * initialised (their static initialisers run here, once, as they would at the routine's start) and
 * the call site that deserializes their lambda is bound, so that a routine of the same code, the
 * usual case for a Function's workers, starts without that cost. A preview that cannot be decoded
 * is reported on stderr and is harmless.
 *
 * <p>Thread rules: the child's main thread, before it reads the setup.
 */
final class SpareWarmUp {

    /** The exit status of a spare whose preview failed to load or initialise the code's classes. */
    static final int PREVIEW_FAILED_EXIT = 75;

    /** Rounds of the worker's path: enough for the client compiler to compile what it runs. */
    static final int ROUNDS = 200;

    /** The warm-up stops early after this long (a slow or loaded machine), or when its job arrives. */
    private static final long BUDGET_NANOS = 3_000_000_000L;

    private SpareWarmUp() {
    }

    /**
     * Reads and decodes the preview, then warms up; a failure is reported on stderr and is harmless
     * (the routine's start is then slower).
     *
     * @param in the parent's frames: the preview is read from it, the setup is left in it
     */
    static void run(DataInputStream in) {
        try {
            Frames.Frame preview = Frames.read(in, Frames.Limits.TRUSTED);
            if (preview == null) {
                return; // the parent went away: the setup's read tells
            }
            if (preview.kind() == Frames.SETUP && preview.payload().length > 0) {
                preview(ChildSetup.decode(preview.payload()));
            }
        } catch (LinkageError e) {
            // a static initialiser failed (or a class is missing): in this JVM the class stays
            // unusable, where a routine started afresh might succeed; a spare that cannot serve
            // its kind ends, and a take passes over it (it is not alive)
            System.err.println("ioasync routine spare child: the preview of its code failed; this spare ends: " + e);
            System.exit(PREVIEW_FAILED_EXIT);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            System.err.println("ioasync routine spare child: the preview of its code failed (harmless): " + e);
        }
        try {
            warm(ROUNDS, BUDGET_NANOS, () -> jobArrived(in));
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            System.err.println("ioasync routine spare child: warm-up failed (harmless): " + e);
        }
    }

    /** Loads and initialises the class that decoded code names (a lambda's class is already). */
    private static void preview(ChildSetup setup) throws ClassNotFoundException {
        RoutineCode code = setup.code();
        String named = code instanceof ClassNamedCode c ? c.className()
                : code instanceof FunctionWorkerBody b && b.code() instanceof ClassNamedFunction f ? f.className()
                : null;
        if (named != null) {
            Class.forName(named, true, Thread.currentThread().getContextClassLoader());
        }
    }

    /**
     * Loads the child's classes and runs rounds of the worker's path.
     *
     * @param rounds at most this many rounds
     * @param budgetNanos and for at most about this long
     * @param stop tells, between rounds, to stop
     * @return the rounds run
     * @throws IOException never in practice (memory streams)
     * @throws ReflectiveOperationException when a class of the child is missing
     */
    static int warm(int rounds, long budgetNanos, BooleanSupplier stop) throws IOException, ReflectiveOperationException {
        for (String inner : new String[] {"$Context", "$OutEnd", "$ParentGone"}) {
            Class.forName(ChildMain.class.getName() + inner, true, SpareWarmUp.class.getClassLoader());
        }
        Class.forName(RemoteErrors.class.getName(), true, SpareWarmUp.class.getClassLoader());
        byte[][] inputs = {AotCache.input(false), AotCache.input(true)};
        long end = System.nanoTime() + budgetNanos;
        int done = 0;
        while (done < rounds && (done == 0 || System.nanoTime() - end < 0 && !stop.getAsBoolean())) {
            round(inputs[done & 1]);
            if (done == 0) {
                round(inputs[1]);
            }
            done++;
        }
        return done;
    }

    /**
     * {@return whether the parent has sent something on stdin} A spare taken while it warms up stops
     * warming up within one round: its routine does not wait for the rest.
     */
    private static boolean jobArrived(DataInputStream stdin) {
        try {
            return stdin.available() > 0;
        } catch (IOException e) {
            return true; // stdin is gone or unusable: stop, and let the child's own read tell
        }
    }

    /**
     * One worker's life on frames in memory, through the code a real child runs: the setup read and
     * decoded by {@link ChildMain#readSetup}, the body run by {@link ChildMain#run} over a
     * {@link ChildInput} and {@link ChildMain}'s own context, the answers and the result framed into
     * a buffered stream.
     */
    private static void round(byte[] input) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
        ChildSetup setup = ChildMain.readSetup(in);
        if (setup == null) {
            throw new IllegalStateException("warm-up: no setup frame");
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int status = new ChildMain(setup, new BufferedOutputStream(sink, 1 << 16), in).run();
        Frames.Frame last = null;
        DataInputStream answers = new DataInputStream(new ByteArrayInputStream(sink.toByteArray()));
        for (Frames.Frame f; (f = Frames.read(answers, Frames.Limits.TRUSTED)) != null; ) {
            last = f;
        }
        Object result = last == null || last.kind() != Frames.RETURN ? null
                : setup.wire().resultCodec().decode(last.payload());
        if (status != 0 || !(result instanceof Integer calls) || calls != AotCache.CALLS) {
            throw new IllegalStateException("warm-up: the worker ended with status " + status + " and result "
                    + result + " instead of " + AotCache.CALLS + " calls");
        }
    }
}
