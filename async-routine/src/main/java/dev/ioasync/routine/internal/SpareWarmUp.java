package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineModel;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a spare child JVM ({@link SpareChildren}) does while it waits for its setup: everything a
 * Function worker's child does after the setup arrives, on made-up frames, many times over, so
 * that when the real setup comes the classes are loaded, linked and initialised, the call sites
 * (lambdas, string concatenation, record deserialization) are bound, and the hot methods are
 * compiled: what is left to do is the hand-off itself and the user's own code.
 *
 * <p>One round reads the frames a parent sends a Function worker ({@link AotCache#input()}: the
 * serialized setup with a lambda in it, calls, ends of stream) from memory with {@link Frames},
 * deserializes the setup, runs the worker body through a {@link ChildInput} and a context like
 * {@link ChildMain}'s, and frames the answers and the result into a buffered memory stream.
 *
 * <p>Thread rules: the child's main thread, before it reads the setup.
 */
final class SpareWarmUp {

    /** Rounds of the worker's path: enough for the client compiler to compile what it runs. */
    static final int ROUNDS = 200;

    /** The warm-up stops early after this long (a slow or loaded machine), or when its job arrives. */
    private static final long BUDGET_NANOS = 3_000_000_000L;

    private SpareWarmUp() {
    }

    /** Warms up; a failure is reported on stderr and is harmless (the routine's start is then slower). */
    static void run() {
        try {
            FileInputStream stdin = new FileInputStream(FileDescriptor.in); // never read, never closed
            warm(ROUNDS, BUDGET_NANOS, () -> jobArrived(stdin));
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            System.err.println("ioasync routine spare child: warm-up failed (harmless): " + e);
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
        byte[] input = AotCache.input();
        long end = System.nanoTime() + budgetNanos;
        int done = 0;
        while (done < rounds && (done == 0 || System.nanoTime() - end < 0 && !stop.getAsBoolean())) {
            round(input);
            done++;
        }
        return done;
    }

    /**
     * {@return whether the parent has sent something on stdin} A spare taken while it warms up stops
     * warming up within one round: its routine does not wait for the rest.
     */
    private static boolean jobArrived(FileInputStream stdin) {
        try {
            return stdin.available() > 0;
        } catch (IOException e) {
            return true; // stdin is gone or unusable: stop, and let the child's own read tell
        }
    }

    /** One worker's life on frames in memory. */
    private static void round(byte[] input) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
        Frames.Frame first = Frames.read(in, Frames.Limits.TRUSTED);
        if (first == null || first.kind() != Frames.SETUP) {
            throw new IllegalStateException("warm-up: no setup frame");
        }
        ChildSetup setup;
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(first.payload()))) {
            setup = (ChildSetup) o.readObject();
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new BufferedOutputStream(sink, 1 << 16);
        ChildInput input2 = new ChildInput(in, setup.wire().inCodecs().size(), setup.id());
        Context ctx = new Context(setup, input2, out);
        Object result;
        try {
            result = setup.code().run(ctx);
        } catch (Exception e) {
            throw new IllegalStateException("warm-up: the worker body failed: " + e, e);
        }
        Wire w = setup.wire();
        out.write(Frames.frame(Frames.RETURN, 0, Wire.encode(w.resultCodec(), result, w.resultLimit(), "the result")));
        out.flush();
        if (sink.size() == 0 || !(result instanceof Integer calls) || calls != 3) {
            throw new IllegalStateException("warm-up: the worker answered " + result + " instead of 3 calls");
        }
    }

    /** A worker's context over frames in memory, as {@link ChildMain}'s is over its pipes. */
    private static final class Context implements RoutineContext, ChildPipes {
        private final ChildSetup setup;
        private final ChildInput input;
        private final OutputStream out;
        private final RoutineChannel<?>[] ins;

        Context(ChildSetup setup, ChildInput input, OutputStream out) {
            this.setup = setup;
            this.input = input;
            this.out = out;
            this.ins = new RoutineChannel<?>[setup.wire().inCodecs().size()];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = input.channel(i, setup.wire().inCodecs().get(i));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> RoutineChannel<T> in(int index) {
            return (RoutineChannel<T>) ins[Objects.checkIndex(index, ins.length)];
        }

        @Override
        public <T> RoutineChannel<T> out(int index) {
            Objects.checkIndex(index, setup.wire().outCodecs().size());
            return new RoutineChannel<>() {
                @Override
                public void send(T value) {
                    sendHeld(index, value);
                    flush();
                }

                @Override
                public T recv() {
                    throw new IllegalStateException("warm-up: an out-channel");
                }

                @Override
                public void close() {
                    // nothing to end in memory
                }
            };
        }

        @Override
        public RoutineModel model() {
            return RoutineModel.PROCESS;
        }

        @Override
        public boolean ready(int channel) {
            return input.ready(Objects.checkIndex(channel, ins.length));
        }

        @Override
        public Object poll(int channel) {
            Object payload = input.poll(Objects.checkIndex(channel, ins.length));
            return payload == null ? null : setup.wire().inCodecs().get(channel).decode((byte[]) payload);
        }

        @Override
        public void sendHeld(int channel, Object value) {
            try {
                out.write(Frames.frame(Frames.MESSAGE, channel, Wire.encode(setup.wire().outCodecs().get(channel), value,
                        setup.wire().outLimits().get(channel), "out-channel " + channel)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
