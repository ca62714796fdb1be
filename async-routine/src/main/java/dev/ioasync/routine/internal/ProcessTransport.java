package dev.ioasync.routine.internal;

import dev.ioasync.Loop;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineOutcome;
import dev.ioasync.routine.RoutineSetup;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A routine in a child JVM whose pipes are the JDK's (see {@link #start} for when). The loop never touches the child's pipes: a writer thread drains a
 * queue of frames into the child's stdin (a send past its channel's credit window, the bytes the
 * child's {@code recv} has not taken yet, is refused: {@link CreditWindows}), and a reader thread reads frames from its stdout,
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
    /** The credit windows: what each channel's receiver has not taken yet. */
    private final CreditWindows credit;

    private ProcessTransport(Loop loop, RoutineSink sink, Wire wire, Process process, CreditWindows credit) {
        this.loop = loop;
        this.sink = sink;
        this.wire = wire;
        this.process = process;
        this.id = "process-" + process.pid();
        this.credit = credit;
    }

    /**
     * Starts a child JVM and sends it the code. Where the loop's own pipes can be handed to the
     * child ({@link LoopPipeFds#supported()}: Linux) and no spare child JVMs are kept, the loop
     * writes and reads the child's pipes itself ({@link LoopPipeTransport}); otherwise (or when a
     * spare serves the routine) a writer thread and a reader thread move the frames (a spare's
     * were started with it: {@link SpareProcess}).
     *
     * @param loop the loop to deliver to
     * @param code the body: a serializable object
     * @param wire the codecs and frame limits of the channels and the result
     * @param setup the child's environment
     * @param sink where results go
     * @param inLimits the write limit of each in-channel (0: off)
     * @param outLimits the write limit of each out-channel (0: off): the child's credit window
     * @return the transport
     * @throws IOException when the JVM cannot be started
     * @throws IllegalArgumentException when the code cannot be serialized
     */
    public static Transport start(Loop loop, RoutineCode code, Wire wire, RoutineSetup setup,
                                  RoutineSink sink, long[] inLimits, long[] outLimits) throws IOException {
        byte[] setupBytes = new ChildSetup("?", code, wire).encode();
        CreditWindows credit = new CreditWindows(inLimits, outLimits);
        ChildCommand command = ChildLauncher.command(setup);
        if (SpareChildren.wanted() == 0 && LoopPipeFds.supported() && loop.inLoopThread()) {
            Transport t = LoopPipeTransport.start(loop, command.builder(), setupBytes, wire, sink, credit);
            if (t != null) {
                return t;
            }
        }
        SpareProcess spare = SpareChildren.take(command, setupBytes);
        Process p = spare != null ? spare.process() : command.builder().start();
        ProcessTransport t = new ProcessTransport(loop, sink, wire, p, credit);
        byte[] setupFrame = Frames.frame(Frames.SETUP, 0, setupBytes);
        byte[] windowFrame = Frames.frame(Frames.WINDOW, 0, credit.windowPayload()); // right after the setup
        byte[] first = new byte[setupFrame.length + windowFrame.length];
        System.arraycopy(setupFrame, 0, first, 0, setupFrame.length);
        System.arraycopy(windowFrame, 0, first, setupFrame.length, windowFrame.length);
        if (!SpareChildren.sendAtOnce(p, first)) {
            t.outbox.add(setupFrame);
            t.outbox.add(windowFrame);
        }
        if (spare != null) {
            spare.run(t::read, t::write); // its threads wait already: no thread starts here
        } else {
            Thread.ofPlatform().name(t.id + "-writer").daemon(true).start(t::write);
            Thread.ofPlatform().name(t.id + "-reader").daemon(true).start(t::read);
        }
        return t;
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
    public void send(int channel, Object value, long writeLimit, Object what) {
        byte[] f = Frames.frame(Frames.MESSAGE, channel, WriteLimit.encodeIn(wire, channel, value));
        long q = credit.inQueued(channel); // only this (the loop) thread adds, so it can only have gone down since
        if (!WriteLimit.fits(q, f.length, writeLimit)) {
            throw WriteLimit.refusal(what == null ? "in-channel " + channel + " of " + id : what, f.length, q,
                    writeLimit);
        }
        credit.sentIn(channel, f.length);
        if (credit.lazyPending()) {
            credit.drainLazy(this::report); // the reports ride along with the message
        }
        outbox.add(f);
    }

    @Override
    public long queuedBytes(int channel) {
        return credit.inQueued(channel);
    }

    @Override
    public void released(int channel, int messages) {
        long now = credit.released(channel, messages);
        if (now > 0) {
            report(channel, now);
        }
    }

    private void report(int channel, long bytes) {
        outbox.add(Frames.taken(channel, bytes));
    }

    @Override
    public void closeIn(int channel) {
        credit.drainLazy(this::report);
        outbox.add(Frames.frame(Frames.EOF, channel, CLOSE));
    }

    @Override
    public void kill(String signal) {
        signal(process, id, signal);
    }

    /**
     * Signals a child JVM: {@code KILL} and {@code TERM} through {@link Process}, others through
     * {@code kill(1)}.
     *
     * @param process the child
     * @param id the routine's id, for the message
     * @param signal the signal's name or number, with or without {@code SIG}
     */
    static void signal(Process process, String id, String signal) {
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
        ChildFrames meaning = new ChildFrames(wire, id, sink, credit);
        Throwable fatal = null;
        Frames.Limits limits = wire.fromChild();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
            Frames.Frame f;
            while ((f = Frames.read(in, limits)) != null) {
                Runnable event = meaning.frame(f.kind(), f.channel(), f.payload());
                if (event != null) {
                    batch.add(event);
                }
                if (batch.size() >= BATCH || in.available() == 0) {
                    post(batch);
                    batch = new ArrayList<>();
                }
            }
        } catch (MalformedFrameException e) {
            process.destroyForcibly();
            batch.add(meaning.malformed(e));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": stdout failed: " + e);
        } catch (Throwable t) {
            process.destroyForcibly();
            batch = new ArrayList<>(); // under memory pressure, what was read is let go first
            fatal = t instanceof VirtualMachineError ? t : null;
            batch.add(meaning.readerFailed(t));
        }
        try {
            post(batch);
            outbox.add(CLOSE);
            RoutineOutcome outcome = meaning.outcome(waitFor());
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
