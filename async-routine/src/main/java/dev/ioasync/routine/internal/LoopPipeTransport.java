package dev.ioasync.routine.internal;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;

/**
 * A routine in a child JVM whose stdin and stdout are loop pipes: the loop writes the frames for
 * the child and reads the child's frames itself, with no thread in between. A call to the child
 * and its answer cost two wake-ups (the child's and the loop's), as when a plain program writes
 * a pipe and reads the other. Frames sent during one loop iteration are coalesced and leave with
 * one write when the iteration's deferred calls run ({@link FrameOutbox}); what the pipe does not
 * take waits until it is writable, so a send never blocks the loop, and a send that would queue
 * more on its channel than the channel's write limit is refused, so a child that does not read
 * cannot make the parent's memory grow. Every frame one readiness of
 * the child's stdout brings is delivered in that one loop callback ({@link FrameParser}).
 *
 * <p>After the child's stdout ends, the finish waits for the child's exit status
 * ({@link Process#onExit()}), so every message arrives before it. The child's stderr is
 * inherited, as in {@link ProcessTransport}.
 *
 * <p>Thread rules: confined to the loop thread.
 */
final class LoopPipeTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(LoopPipeTransport.class.getName());
    /** Reads per readiness before other handles get their turn (the buffer is 64 KiB). */
    private static final int READS_PER_EVENT = 4;

    private final Loop loop;
    private final RoutineSink sink;
    private final Process process;
    private final String id;
    private final IoHandle toChild;
    private final IoHandle fromChild;
    private final FrameOutbox outbox;
    private final FrameParser parser;
    private final ChildFrames meaning;
    private final Wire wire;
    private final Runnable flushTask = this::flush;
    private final Runnable writeTask = this::write;
    private final FrameParser.FrameSink deliverTask = this::deliver;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(FrameOutbox.BUFFER);
    private boolean flushQueued;
    /** When a frame was last written at once by {@link #flushSoon} ({@link System#nanoTime}). */
    private long lastLoneWrite = System.nanoTime() - BURST_NANOS;
    private boolean writeWatched;
    private boolean outputClosed;
    private boolean inputEnded;
    private boolean exitSeen;
    /** Inside {@link #onReadable}: frames sent meanwhile leave with one write at its end. */
    private boolean delivering;
    private boolean writeAfterDelivery;
    private boolean finished;
    /** The credit windows: what each channel's receiver has not taken yet. */
    private final CreditWindows credit;

    private LoopPipeTransport(Loop loop, RoutineSink sink, Wire wire, Process process, IoHandle toChild,
                              IoHandle fromChild, CreditWindows credit) {
        this.loop = loop;
        this.sink = sink;
        this.process = process;
        this.id = "process-" + process.pid();
        this.toChild = toChild;
        this.fromChild = fromChild;
        this.parser = new FrameParser(wire.fromChild());
        this.credit = credit;
        this.meaning = new ChildFrames(wire, id, sink, credit);
        this.wire = wire;
        this.outbox = new FrameOutbox(wire.inCodecs().size());
    }

    /**
     * Starts the child on two loop pipes and sends it its setup.
     *
     * @param loop the loop, whose thread this is
     * @param pb the child's command
     * @param setupBytes the serialized {@link ChildSetup}
     * @param wire the codecs and limits
     * @param sink where results go
     * @param credit the channels' credit windows
     * @return the transport, or {@code null} when the loop pipes could not be located (nothing
     *     was started; the caller uses the JDK's pipes)
     * @throws IOException when the JVM cannot be started
     */
    static LoopPipeTransport start(Loop loop, ProcessBuilder pb, byte[] setupBytes, Wire wire, RoutineSink sink,
                                   CreditWindows credit) throws IOException {
        LoopPipeFds.Located in = LoopPipeFds.open(loop);
        if (in == null) {
            return null;
        }
        LoopPipeFds.Located out = LoopPipeFds.open(loop);
        if (out == null) {
            LoopPipeFds.closeQuietly(in.pair());
            return null;
        }
        Process p;
        try {
            pb.redirectInput(Redirect.from(in.readerPath().toFile()));
            pb.redirectOutput(Redirect.to(out.writerPath().toFile()));
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            LoopPipeFds.closeQuietly(in.pair());
            LoopPipeFds.closeQuietly(out.pair());
            throw e;
        } finally {
            pb.redirectInput(Redirect.PIPE);
            pb.redirectOutput(Redirect.PIPE);
        }
        // the child holds its own ends now: ours go, so that each side sees the other's end
        closeHandle(in.pair().reader());
        closeHandle(out.pair().writer());
        LoopPipeTransport t = new LoopPipeTransport(loop, sink, wire, p, in.pair().writer(), out.pair().reader(),
                credit);
        loop.watchIo(t.fromChild, t::onReadable, null);
        p.onExit().whenComplete((x, e) -> t.exited());
        t.outbox.add(Frames.SETUP, 0, setupBytes);
        t.outbox.add(Frames.WINDOW, 0, credit.windowPayload());
        t.write();
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
        byte[] payload = WriteLimit.encodeIn(wire, channel, value);
        if (outputClosed) {
            return; // the child's stdin is gone: it has ended or is ending, and its finish will come
        }
        long queued = credit.inQueued(channel);
        long bytes = Frames.HEADER + (long) payload.length;
        if (!WriteLimit.fits(queued, bytes, writeLimit)) {
            throw WriteLimit.refusal(what == null ? "in-channel " + channel + " of " + id : what, bytes, queued,
                    writeLimit);
        }
        credit.sentIn(channel, bytes);
        if (credit.lazyPending()) {
            credit.drainLazy(this::report); // the reports ride along with the message
        }
        outbox.add(Frames.MESSAGE, channel, payload);
        flushSoon();
    }

    @Override
    public long queuedBytes(int channel) {
        return credit.inQueued(channel);
    }

    /**
     * The loop side took messages of an out-channel: a credit report to the child at once when a
     * quarter of the window was taken, else with the next frame written to the child.
     */
    @Override
    public void released(int channel, int messages) {
        long now = credit.released(channel, messages);
        if (now > 0) {
            report(channel, now);
            flushSoon();
        }
    }

    private void report(int channel, long bytes) {
        if (!outputClosed) {
            byte[] p = new byte[8];
            Frames.putLong(p, 0, bytes);
            outbox.add(Frames.TAKEN, channel, p);
        }
    }

    @Override
    public void closeIn(int channel) {
        if (!outputClosed) {
            outbox.add(Frames.EOF, channel, new byte[0]);
            flushSoon();
        }
    }

    @Override
    public void kill(String signal) {
        ProcessTransport.signal(process, id, signal);
    }

    // ------------------------------------------------------------------ writing

    /**
     * How soon after a frame written at once another frame counts as the same burst: {@value} ns.
     * Past it a frame is written at once; within it, it waits for the deferred flush, which the
     * frames after it join.
     */
    static final long BURST_NANOS = 10_000;

    /**
     * Writes a frame at once when nothing is waiting to be written and no frame was written at
     * once in the last {@link #BURST_NANOS}, and otherwise leaves it, with the frames that follow
     * in this loop iteration, for one write when the iteration's deferred calls run: a lone call
     * leaves without delay and costs one system call (no deferred call, so the loop's next poll
     * may block at once), and a burst of calls leaves with two writes.
     */
    private void flushSoon() {
        if (delivering) {
            writeAfterDelivery = true; // answers to what was read leave together, after the read's frames
            return;
        }
        if (!flushQueued && !writeWatched) {
            long now = System.nanoTime();
            if (now - lastLoneWrite >= BURST_NANOS) {
                lastLoneWrite = now;
                write();
                return;
            }
            flushQueued = true;
            try {
                loop.later(flushTask);
            } catch (IllegalStateException closed) {
                flushQueued = false; // the loop is closed: nothing runs any more
                write();
            }
        }
    }

    private void flush() {
        flushQueued = false;
        write();
    }

    private void write() {
        if (outputClosed) {
            return;
        }
        credit.drainLazy(this::report); // credit reports waiting for a frame to ride with leave with it
        try {
            if (outbox.writeTo(toChild)) {
                if (writeWatched) {
                    writeWatched = false;
                    loop.unwatchIo(toChild);
                }
            } else if (!writeWatched) {
                writeWatched = true;
                loop.watchIo(toChild, null, writeTask);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": stdin closed: " + e);
            closeOutput(); // the child's end is gone; its stdout's end brings the finish
        }
    }

    private void closeOutput() {
        if (!outputClosed) {
            outputClosed = true;
            outbox.clear();
            if (writeWatched) {
                writeWatched = false;
                loop.unwatchIo(toChild);
            }
            closeHandle(toChild);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * The child's stdout is readable: every frame that arrived is delivered now. Whatever ends the
     * reading (a malformed or oversized frame, a bug, an {@link OutOfMemoryError}) ends the
     * routine: the child is killed, pending receives fail and the finish carries the cause. A
     * {@link VirtualMachineError} is then rethrown for the loop to report.
     */
    private void onReadable() {
        if (inputEnded) {
            return;
        }
        RuntimeException receiverError;
        delivering = true;
        try {
            receiverError = readAvailable();
        } finally {
            delivering = false;
            if (writeAfterDelivery) {
                writeAfterDelivery = false;
                if (!writeWatched) {
                    write();
                }
            }
        }
        if (receiverError != null) {
            throw receiverError;
        }
    }

    /** {@return the first exception a receiver threw, or {@code null}} */
    private RuntimeException readAvailable() {
        RuntimeException firstError = null;
        try {
            for (int i = 0; i < READS_PER_EVENT; i++) {
                int n = fromChild.read(readBuffer);
                if (n < 0) {
                    String truncated = parser.truncation();
                    if (truncated != null) {
                        throw new MalformedFrameException(truncated);
                    }
                    endInput();
                    break;
                }
                if (n == 0) {
                    break;
                }
                readBuffer.flip();
                while (readBuffer.hasRemaining()) {
                    try {
                        parser.feed(readBuffer, deliverTask);
                    } catch (DeliveryFailed e) { // a receiver threw: keep its error for the loop, read on
                        if (firstError == null) {
                            firstError = e.failure;
                        } else {
                            firstError.addSuppressed(e.failure);
                        }
                    }
                }
                readBuffer.clear();
                if (n < readBuffer.capacity()) {
                    break;
                }
            }
        } catch (MalformedFrameException e) {
            process.destroyForcibly();
            deliverQuietly(meaning.malformed(e));
            endInput();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": stdout failed: " + e);
            endInput();
        } catch (Throwable t) {
            process.destroyForcibly();
            readBuffer.clear();
            deliverQuietly(meaning.readerFailed(t));
            endInput();
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.log(System.Logger.Level.ERROR, () -> "reading routine " + id + " failed; the routine is killed", t);
        }
        return firstError;
    }

    private void deliver(byte kind, int ch, byte[] payload) throws IOException {
        try {
            meaning.deliver(kind, ch, payload);
        } catch (RuntimeException e) {
            throw new DeliveryFailed(e); // the parser stands after this frame: the frames after it still come
        }
    }

    /** A receiver of a frame threw; the parser stops there and the reading resumes after it. */
    private static final class DeliveryFailed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException failure;

        DeliveryFailed(RuntimeException failure) {
            super("a receiver failed");
            this.failure = failure;
        }
    }

    private static void deliverQuietly(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a receiver of a broken routine's channels failed", e);
        }
    }

    /** The child's stdout ended (or broke): stop reading, close stdin, and finish once the child has exited. */
    private void endInput() {
        if (inputEnded) {
            return;
        }
        inputEnded = true;
        loop.unwatchIo(fromChild);
        closeHandle(fromChild);
        closeOutput();
        finishWhenDone();
    }

    /**
     * The child exited (on the JDK's process reaper thread). When the loop is closed nobody will
     * read the pipes any more: they are closed here, so that no descriptor is left behind.
     */
    private void exited() {
        try {
            loop.later(() -> {
                exitSeen = true;
                finishWhenDone();
            });
        } catch (IllegalStateException closed) {
            LOG.log(System.Logger.Level.DEBUG, () -> id + ": the loop is closed; dropping the finish");
            closeHandle(fromChild);
            closeHandle(toChild);
        }
    }

    /** Reports the finish once both the child's stdout has ended and the child has exited, so every message comes first. */
    private void finishWhenDone() {
        if (inputEnded && exitSeen && !finished) {
            finished = true;
            sink.finished(meaning.outcome(process.exitValue()));
        }
    }

    private static void closeHandle(IoHandle h) {
        try {
            h.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + h + ": " + e);
        }
    }
}
