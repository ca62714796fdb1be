package dev.ioasync.routine.internal;

import dev.ioasync.Loop;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineException;
import dev.ioasync.routine.RoutineOutcome;
import dev.ioasync.routine.RoutineSetup;
import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A routine in a child JVM. The loop never touches the child's pipes: a writer thread drains a
 * queue of frames into the child's stdin, and a reader thread reads frames from its stdout,
 * decodes them and hands them to the loop through {@link Loop#later}, a batch at a time. After the
 * child's stdout ends, the reader waits for the process and reports the finish, so every message
 * arrives before it.
 */
public final class ProcessTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(ProcessTransport.class.getName());
    private static final byte[] CLOSE = new byte[0];
    private static final int BATCH = 256;

    private final Loop loop;
    private final RoutineSink sink;
    private final Wire wire;
    private final Process process;
    private final String id;
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();

    private ProcessTransport(Loop loop, RoutineSink sink, Wire wire, Process process) {
        this.loop = loop;
        this.sink = sink;
        this.wire = wire;
        this.process = process;
        this.id = "process-" + process.pid();
    }

    /**
     * Starts a child JVM and sends it the code.
     *
     * @param loop the loop to deliver to
     * @param code the body: a serializable object
     * @param wire the codecs and frame limits of the channels and the result
     * @param setup the child's environment
     * @param sink where results go
     * @return the transport
     * @throws IOException when the JVM cannot be started
     * @throws IllegalArgumentException when the code cannot be serialized
     */
    public static ProcessTransport start(Loop loop, RoutineCode code, Wire wire, RoutineSetup setup,
                                         RoutineSink sink) throws IOException {
        byte[] setupBytes = serialize(new ChildSetup("?", code, wire));
        Process p = SpareChildren.start(ChildLauncher.builder(setup));
        ProcessTransport t = new ProcessTransport(loop, sink, wire, p);
        t.outbox.add(Frames.frame(Frames.SETUP, 0, setupBytes));
        Thread.ofPlatform().name(t.id + "-writer").daemon(true).start(t::write);
        Thread.ofPlatform().name(t.id + "-reader").daemon(true).start(t::read);
        return t;
    }

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("the PROCESS model needs code named by class or a serializable"
                    + " lambda that captures only serializable values: " + e, e);
        }
        return b.toByteArray();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void send(int channel, Object value) {
        outbox.add(Frames.frame(Frames.MESSAGE, channel, Wire.encode(wire.inCodecs().get(channel), value,
                wire.inLimits().get(channel), "in-channel " + channel)));
    }

    @Override
    public void closeIn(int channel) {
        outbox.add(Frames.frame(Frames.EOF, channel, CLOSE));
    }

    @Override
    public void kill(String signal) {
        String s = signal.toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        switch (s) {
            case "KILL", "9" -> process.destroyForcibly();
            case "TERM", "15" -> process.destroy();
            default -> {
                try {
                    new ProcessBuilder("kill", "-s", s, Long.toString(process.pid()))
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot send SIG" + s + " to " + id + ": " + e, e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ writer thread

    /**
     * The writer thread. Whatever else ends it (a bug, an {@link OutOfMemoryError}) kills the
     * child, so that the reader sees the end and finishes the routine; a
     * {@link VirtualMachineError} is then rethrown for this thread's uncaught-exception handler.
     */
    private void write() {
        try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
            while (true) {
                byte[] f = outbox.take();
                do {
                    if (f == CLOSE) {
                        return;
                    }
                    out.write(f);
                    f = outbox.poll();
                } while (f != null);
                out.flush();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": stdin closed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            process.destroyForcibly();
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.log(System.Logger.Level.ERROR, () -> "the writer of routine " + id + " failed; the routine is killed", t);
        }
    }

    // ------------------------------------------------------------------ reader thread

    /**
     * The reader thread: frames to the loop, then the finish. Whatever ends it (a malformed or
     * oversized frame, a bug, an {@link OutOfMemoryError}) ends the routine: the child is killed,
     * pending receives fail and the finish carries the cause. A {@link VirtualMachineError} is
     * then rethrown, so that this thread's uncaught-exception handler reports it, once.
     */
    private void read() {
        List<Runnable> batch = new ArrayList<>();
        Object[] ending = null; // {"return", value} or {"died", RoutineException}
        RoutineException broken = null;
        Throwable fatal = null;
        Frames.Limits limits = wire.fromChild();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
            Frames.Frame f;
            while ((f = Frames.read(in, limits)) != null) {
                int ch = f.channel();
                switch (f.kind()) {
                    case Frames.MESSAGE -> batch.add(decodeMessage(checkChannel(ch), f.payload()));
                    case Frames.EOF -> {
                        checkChannel(ch);
                        batch.add(() -> sink.eof(ch));
                    }
                    case Frames.RETURN -> ending = decodeReturn(f.payload());
                    case Frames.DIE -> ending = new Object[] {"died", decodeDeath(f.payload())};
                    default -> throw new MalformedFrameException("malformed frame: kind " + f.kind()
                            + " may not come from a routine");
                }
                if (batch.size() >= BATCH || in.available() == 0) {
                    post(batch);
                    batch = new ArrayList<>();
                }
            }
        } catch (MalformedFrameException e) {
            process.destroyForcibly();
            String msg = e.getMessage() + ", from routine " + id;
            broken = RoutineException.of(new CodecException(msg, e));
            RoutineException cause = broken;
            batch.add(() -> sink.broken(-1, "codec", msg, cause));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": stdout failed: " + e);
        } catch (Throwable t) {
            process.destroyForcibly();
            batch = new ArrayList<>(); // under memory pressure, what was read is let go first
            fatal = t instanceof VirtualMachineError ? t : null;
            String msg = "the reader of routine " + id + " failed: " + t;
            broken = RoutineException.of(t);
            RoutineException cause = broken;
            batch.add(() -> sink.broken(-1, "died", msg, cause));
        }
        try {
            post(batch);
            outbox.add(CLOSE);
            int status = waitFor();
            RoutineOutcome outcome;
            if (broken != null) {
                outcome = new RoutineOutcome("died", null, broken, status);
            } else if (ending != null && "return".equals(ending[0])) {
                outcome = new RoutineOutcome("return", ending[1], null, status);
            } else if (ending != null) {
                outcome = new RoutineOutcome("died", null, (RoutineException) ending[1], status);
            } else {
                String how = status > 128 ? " (killed by signal " + (status - 128) + ")" : "";
                outcome = new RoutineOutcome("died", null, new RoutineException(RoutineException.class.getName(),
                        "routine " + id + " exited with status " + status + how + " without a result", List.of(),
                        null, null), status);
            }
            post(List.of(() -> sink.finished(outcome)));
        } catch (Throwable t) {
            process.destroyForcibly();
            if (fatal == null) {
                throw t;
            }
            fatal.addSuppressed(t);
        }
        if (fatal != null) {
            throw (VirtualMachineError) fatal;
        }
    }

    private int checkChannel(int ch) throws MalformedFrameException {
        if (ch >= wire.outCodecs().size()) {
            throw new MalformedFrameException("malformed frame: out-channel " + ch + " does not exist");
        }
        return ch;
    }

    private Runnable decodeMessage(int ch, byte[] payload) {
        try {
            Object v = wire.outCodecs().get(ch).decode(payload);
            return () -> sink.message(ch, v);
        } catch (RuntimeException e) {
            String msg = "cannot decode a message on out-channel " + ch + " of routine " + id + ": " + e.getMessage();
            return () -> sink.broken(ch, "codec", msg, e);
        }
    }

    private Object[] decodeReturn(byte[] payload) {
        try {
            return new Object[] {"return", wire.resultCodec().decode(payload)};
        } catch (RuntimeException e) {
            return new Object[] {"died", RoutineException.of(new CodecException(
                    "cannot decode the result of routine " + id + ": " + e.getMessage(), e))};
        }
    }

    private RoutineException decodeDeath(byte[] payload) {
        try {
            return RemoteErrors.rebuild(ValueCodec.DEFAULT.decode(payload));
        } catch (RuntimeException e) {
            return RoutineException.of(new CodecException("cannot decode how routine " + id + " died: " + e, e));
        }
    }

    private int waitFor() {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the finish must be reported
            }
        }
    }

    private void post(List<Runnable> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (batch.size() == 1) {
                loop.later(batch.get(0));
            } else {
                List<Runnable> copy = batch;
                loop.later(() -> copy.forEach(Runnable::run));
            }
        } catch (IllegalStateException closed) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": the loop is closed; dropping " + batch.size() + " event(s)");
        }
    }
}
