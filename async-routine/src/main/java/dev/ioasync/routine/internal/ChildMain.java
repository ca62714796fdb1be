package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a child JVM ({@link dev.ioasync.routine.RoutineModel#PROCESS}). It takes the
 * real stdin and stdout for frames, then points {@link System#out} at stderr and {@link System#in}
 * at an empty stream, so that user code that prints cannot corrupt the frame stream. It reads the
 * {@link ChildSetup}, runs the code on the main thread while a daemon thread sorts incoming frames
 * into per-channel queues, sends the result or the exception, and exits (status 0 after a return,
 * 1 after an exception).
 */
public final class ChildMain {


    private final OutputStream frames;
    private final LinkedBlockingQueue<Object>[] inQueues;
    private final ChildSetup setup;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ChildMain(ChildSetup setup, OutputStream frames) {
        this.setup = setup;
        this.frames = frames;
        this.inQueues = new LinkedBlockingQueue[setup.inCodecs().size()];
        for (int i = 0; i < inQueues.length; i++) {
            inQueues[i] = new LinkedBlockingQueue<>();
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
        DataInputStream in = new DataInputStream(new BufferedInputStream(realIn, 1 << 16));
        Frames.Frame first = Frames.read(in);
        if (first == null || first.kind() != Frames.SETUP) {
            System.err.println("ioasync routine child: no setup frame from the parent; exiting");
            System.exit(2);
        }
        ChildSetup setup;
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(first.payload()))) {
            setup = (ChildSetup) o.readObject();
        }
        ChildMain child = new ChildMain(setup, realOut);
        Thread.ofPlatform().name("ioasync-routine-stdin").daemon(true).start(() -> child.demux(in));
        System.exit(child.run());
    }

    private int run() {
        int status;
        try {
            Object result = setup.code().run(new Context());
            byte[] payload;
            try {
                payload = setup.resultCodec().encode(result);
                writeFrame(Frames.RETURN, 0, payload);
                status = 0;
            } catch (CodecException e) {
                writeFrame(Frames.DIE, 0, ValueCodec.DEFAULT.encode(RemoteErrors.describe(
                        new CodecException("cannot encode the routine's result: " + e.getMessage(), e))));
                status = 1;
            }
        } catch (Throwable t) {
            writeFrame(Frames.DIE, 0, ValueCodec.DEFAULT.encode(RemoteErrors.describe(t)));
            status = 1;
        }
        System.out.flush();
        return status;
    }

    private void demux(DataInputStream in) {
        try {
            Frames.Frame f;
            while ((f = Frames.read(in)) != null) {
                if (f.channel() >= inQueues.length) {
                    throw new MalformedFrameException("malformed frame: in-channel " + f.channel() + " does not exist");
                }
                switch (f.kind()) {
                    case Frames.MESSAGE -> inQueues[f.channel()].add(f.payload());
                    case Frames.EOF -> inQueues[f.channel()].add(QueueInChannel.END);
                    default -> throw new MalformedFrameException("malformed frame: kind " + f.kind()
                            + " may not come from the parent");
                }
            }
        } catch (IOException e) {
            System.err.println("ioasync routine child " + setup.id() + ": " + e.getMessage());
        }
        for (LinkedBlockingQueue<Object> q : inQueues) {
            q.add(QueueInChannel.END);
        }
    }

    private synchronized void writeFrame(byte kind, int channel, byte[] payload) {
        try {
            frames.write(Frames.frame(kind, channel, payload));
            frames.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the parent of this routine went away: " + e.getMessage(), e);
        }
    }

    private final class Context implements RoutineContext {

        private final RoutineChannel<?>[] ins = new RoutineChannel<?>[inQueues.length];
        private final RoutineChannel<?>[] outs = new RoutineChannel<?>[setup.outCodecs().size()];

        Context() {
            for (int i = 0; i < ins.length; i++) {
                var codec = setup.inCodecs().get(i);
                ins[i] = new QueueInChannel<>(inQueues[i], v -> codec.decode((byte[]) v));
            }
            for (int i = 0; i < outs.length; i++) {
                outs[i] = new OutEnd<>(i, setup.outCodecs().get(i));
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
    }


    private final class OutEnd<T> implements RoutineChannel<T> {
        private final int index;
        private final Codec codec;
        private volatile boolean closed;

        OutEnd(int index, Codec codec) {
            this.index = index;
            this.codec = codec;
        }

        @Override
        public void send(T value) {
            Objects.requireNonNull(value, "a channel message cannot be null (null marks end of stream)");
            if (closed) {
                throw new IllegalStateException("this channel end is closed");
            }
            writeFrame(Frames.MESSAGE, index, codec.encode(value));
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
