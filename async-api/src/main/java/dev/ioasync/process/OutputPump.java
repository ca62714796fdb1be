package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Moves a child's standard output (or error) into the write end of a loop pipe, whose read end
 * a {@link dev.ioasync.stream.Stream} reads. When the pipe is full the pump waits for the loop to
 * see it writable, so the child is slowed down, never buffered without bound. At the real end of
 * file of the child's pipe (every process that held its write end, grandchildren included, has
 * closed it) it closes the pipe's write end: the stream reads end of file. When the stream's side
 * is closed first, it stops reading the child, whose next write then fails (SIGPIPE).
 *
 * <p>It reads a FIFO of ours ({@link OutputFifo}), or, where FIFOs cannot be made, the JDK's
 * stream. The JDK closes its output pipes when the child itself exits: its exit hook drains what
 * is in the pipe at that moment and closes it, so what a grandchild writes later would be lost.
 * That hook synchronises on the stream; this pump holds the stream's monitor for its whole life
 * (see {@link ChildStart}), so the hook waits until the pump has read to the real end of file.
 */
final class OutputPump extends Pump {

    private final Function<java.lang.Process, InputStream> source;
    private final CountDownLatch holding = new CountDownLatch(1);
    private volatile InputStream from;
    private volatile java.lang.Process started;
    private volatile Exception startFailure;

    /**
     * Makes a pump; {@link #attach} or {@link #startChild} gives it its stream.
     *
     * @param loop the loop that owns the pipe
     * @param source which stream of the child to read
     * @param pipeWriter the loop pipe's write end
     * @param role {@code stdout} or {@code stderr}
     */
    OutputPump(Loop loop, Function<java.lang.Process, InputStream> source, IoHandle pipeWriter, String role) {
        super(loop, pipeWriter, true, role);
        this.source = source;
    }

    /**
     * Gives the pump the child whose stream it reads; then {@link #start(long)} it.
     *
     * @param child the started child
     */
    void attach(java.lang.Process child) {
        this.from = source.apply(child);
    }

    /**
     * Gives the pump the stream it reads (a FIFO's read end); then {@link #start(long)} it.
     *
     * @param stream the stream
     */
    void attach(InputStream stream) {
        this.from = stream;
    }

    /**
     * Starts {@code builder}'s child on this pump's own thread, which then takes the child's stream
     * before doing anything else and pumps it: no thread hand-off lies between the start and the
     * hold, so the JDK's exit hook cannot close the pipe first. Blocks until the stream is held.
     *
     * @param builder the child to start
     * @return the started child
     * @throws IOException when it cannot start (as {@link ProcessBuilder#start()})
     */
    java.lang.Process startChild(ProcessBuilder builder) throws IOException {
        startThread("ioasync-pump-starting-" + role(), () -> {
            java.lang.Process child;
            try {
                child = builder.start();
            } catch (IOException | RuntimeException e) {
                startFailure = e;
                holding.countDown();
                return;
            }
            Thread.currentThread().setName(threadName(child.pid()));
            started = child;
            attach(child);
            run();
        });
        awaitHolding();
        Exception e = startFailure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        return started;
    }

    /** Blocks until the pump's thread holds its stream (or its child could not start). */
    void awaitHolding() {
        boolean interrupted = false;
        while (true) {
            try {
                holding.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        InputStream in = from;
        try {
            // Holding the monitor of the JDK's stream keeps its exit hook (which drains and closes
            // the pipe when the direct child exits) waiting until the real end of file.
            synchronized (in) {
                holding.countDown();
                pump(in);
            }
        } finally {
            holding.countDown();
            closePipeEnd();
        }
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[CHUNK];
        try {
            int n;
            outer:
            while ((n = in.read(chunk)) >= 0) {
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
                while (b.hasRemaining()) {
                    if (pipeEnd.write(b) == 0 && !waiter.await()) {
                        break outer;
                    }
                }
            }
        } catch (IOException e) {
            debug(this + " stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(in);
        }
    }
}
