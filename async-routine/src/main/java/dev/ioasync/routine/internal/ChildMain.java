package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The main class of a child JVM ({@link dev.ioasync.routine.RoutineModel#PROCESS}; the twin of the
 * child side of IO::Async::Routine's {@code fork} model). It takes the
 * real stdin and stdout for frames, then points {@link System#out} at stderr and {@link System#in}
 * at an empty stream, so that user code that prints cannot corrupt the frame stream. It reads the
 * {@link ChildSetup}, runs the code on the main thread (whose receives read the following frames
 * through {@link ChildInput}), sends the result or the exception, and exits (status 0 after a return,
 * 1 after an exception).
 */
public final class ChildMain {


    private final OutputStream frames;
    private final ChildInput input;
    private final ChildSetup setup;
    private final String[] outNames;

    /**
     * A child over its frame streams: the real stdin and stdout, or memory streams in a
     * {@link SpareWarmUp warm-up}, which runs this very class.
     *
     * @param setup what the parent sent
     * @param frames where the child's frames go
     * @param in where the parent's frames after the setup come from
     */
    ChildMain(ChildSetup setup, OutputStream frames, DataInputStream in) {
        this.setup = setup;
        this.frames = frames;
        this.input = new ChildInput(in, setup.wire().inCodecs().size(), setup.wire().outCodecs().size(), setup.id());
        input.reportWith(this::writeReports);
        this.outNames = new String[setup.wire().outCodecs().size()];
        for (int i = 0; i < outNames.length; i++) {
            outNames[i] = "out-channel ".concat(Integer.toString(i)); // no string-concatenation call site to bind
        }
    }

    /**
     * Runs the child.
     *
     * @param args ignored
     * @throws Exception when the parent sent no valid setup
     */
    public static void main(String[] args) throws Exception {
        OutputStream realOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        InputStream realIn = new FileInputStream(FileDescriptor.in);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        System.setIn(InputStream.nullInputStream());
        DataInputStream in = new PipeDataInput(realIn, 1 << 16);
        if (Boolean.getBoolean(SpareChildren.SPARE_PROPERTY)) {
            SpareWarmUp.run(in);
        }
        ChildSetup setup;
        try {
            setup = readSetup(in);
        } catch (MalformedFrameException e) {
            System.err.println("ioasync routine child: " + e.getMessage() + "; exiting");
            System.exit(2);
            return;
        }
        if (setup == null) {
            System.exit(PARENT_GONE); // a spare whose parent went away before using it: end quietly
        }
        ChildMain child = new ChildMain(setup, realOut, in);
        int status;
        try {
            status = child.run();
        } catch (ParentGone gone) {
            status = PARENT_GONE; // nobody is left to read a report: end quietly
        }
        System.exit(status);
    }

    /**
     * Reads the first frame, which must be the setup, and decodes it.
     *
     * @param in the parent's frames
     * @return the setup, or {@code null} when the stream ended before any frame
     * @throws MalformedFrameException when the first frame is not a setup
     * @throws IOException when reading or decoding fails
     * @throws ClassNotFoundException when the setup names a class this JVM does not have
     */
    static ChildSetup readSetup(DataInputStream in) throws IOException, ClassNotFoundException {
        Frames.Frame first = Frames.read(in, Frames.Limits.TRUSTED);
        if (first == null) {
            return null;
        }
        if (first.kind() != Frames.SETUP) {
            throw new MalformedFrameException("no setup frame from the parent (a frame of kind "
                    + first.kind() + " came first)");
        }
        return ChildSetup.decode(first.payload());
    }

    private static final String RESULT = "the routine's result";

    /** The exit status of a child whose parent closed its end of the frame stream. */
    static final int PARENT_GONE = 3;

    /** The parent closed its end of the frame stream: nothing more can be reported. */
    private static final class ParentGone extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ParentGone(IOException cause) {
            super("the parent of this routine went away: " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs the code and reports how it ended. A {@link VirtualMachineError} is reported as a death
     * as far as the frame stream allows, then rethrown: the JVM prints it once and exits with a
     * failure status, as it would without a routine around it.
     */
    int run() {
        int status;
        try {
            Object result = setup.code().run(new Context());
            byte[] payload;
            try {
                Wire w = setup.wire();
                payload = Wire.encode(w.resultCodec(), result, w.resultLimit(), RESULT);
                writeFrame(Frames.RETURN, 0, payload);
                status = 0;
            } catch (CodecException e) {
                writeFrame(Frames.DIE, 0, ValueCodec.DEFAULT.encode(RemoteErrors.describe(
                        new CodecException("cannot encode the routine's result: " + e.getMessage(), e))));
                status = 1;
            }
        } catch (VirtualMachineError fatal) {
            try {
                writeFrame(Frames.DIE, 0, ValueCodec.DEFAULT.encode(RemoteErrors.describe(fatal)));
            } catch (Throwable t) {
                fatal.addSuppressed(t);
            }
            throw fatal;
        } catch (Throwable t) {
            writeFrame(Frames.DIE, 0, ValueCodec.DEFAULT.encode(RemoteErrors.describe(t)));
            status = 1;
        }
        System.out.flush();
        return status;
    }

    private synchronized void writeFrame(byte kind, int channel, byte[] payload) {
        writeFrameHeld(kind, channel, payload);
        flushFrames();
    }

    /** Writes the credit reports due at once (the routine is about to wait for the parent). */
    private synchronized void writeReports() {
        byte[] r = input.takeReports();
        if (r != null) {
            try {
                frames.write(r);
                frames.flush();
            } catch (IOException e) {
                // the parent is gone: the end of stdin ends the routine's receives
            }
        }
    }

    private synchronized void writeFrameHeld(byte kind, int channel, byte[] payload) {
        try {
            byte[] r = input.takeReports(); // credit reports ride along
            if (r != null) {
                frames.write(r);
            }
            frames.write(Frames.frame(kind, channel, payload));
        } catch (IOException e) {
            throw new ParentGone(e);
        }
    }

    private synchronized void flushFrames() {
        try {
            frames.flush();
        } catch (IOException e) {
            throw new ParentGone(e);
        }
    }

    private final class Context implements RoutineContext, ChildPipes {

        private final RoutineChannel<?>[] ins = new RoutineChannel<?>[setup.wire().inCodecs().size()];
        private final RoutineChannel<?>[] outs = new RoutineChannel<?>[setup.wire().outCodecs().size()];

        Context() {
            for (int i = 0; i < ins.length; i++) {
                ins[i] = input.channel(i, setup.wire().inCodecs().get(i));
            }
            for (int i = 0; i < outs.length; i++) {
                outs[i] = new OutEnd<>(i, setup.wire().outCodecs().get(i), setup.wire().outLimits().get(i));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> RoutineChannel<T> in(int index) {
            return (RoutineChannel<T>) ins[Objects.checkIndex(index, ins.length)];
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> RoutineChannel<T> out(int index) {
            return (RoutineChannel<T>) outs[Objects.checkIndex(index, outs.length)];
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
            Objects.requireNonNull(value, "a channel message cannot be null (null marks end of stream)");
            Objects.checkIndex(channel, outs.length);
            byte[] payload = Wire.encode(setup.wire().outCodecs().get(channel), value,
                    setup.wire().outLimits().get(channel), outNames[channel]);
            input.acquireOut(channel, Frames.HEADER + (long) payload.length, outNames[channel]);
            writeFrameHeld(Frames.MESSAGE, channel, payload);
        }

        @Override
        public void flush() {
            flushFrames();
        }
    }


    private final class OutEnd<T> implements RoutineChannel<T> {
        private final int index;
        private final Codec codec;
        private final int limit;
        private volatile boolean closed;

        OutEnd(int index, Codec codec, int limit) {
            this.index = index;
            this.codec = codec;
            this.limit = limit;
        }

        @Override
        public void send(T value) {
            Objects.requireNonNull(value, "a channel message cannot be null (null marks end of stream)");
            if (closed) {
                throw new IllegalStateException("this channel end is closed");
            }
            byte[] payload = Wire.encode(codec, value, limit, outNames[index]);
            input.acquireOut(index, Frames.HEADER + (long) payload.length, outNames[index]);
            writeFrame(Frames.MESSAGE, index, payload);
        }

        @Override
        public T recv() {
            throw new IllegalStateException("this is an out-channel: the routine sends on it");
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                writeFrame(Frames.EOF, index, new byte[0]);
            }
        }
    }
}
