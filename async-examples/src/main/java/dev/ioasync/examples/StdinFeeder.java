package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * Copies an {@link InputStream} (which can only be read by blocking) into a child's standard
 * input stream on the loop: a daemon thread reads chunks and hands each to the loop with
 * {@code later}; at most {@value #IN_FLIGHT} chunks are queued and not yet written, so a child
 * that reads slowly slows the reading down (memory stays bounded). At end of input the child's
 * standard input is closed once everything is written. Closing the feeder stops it; a thread
 * blocked in {@code read} ends at its next chunk.
 */
final class StdinFeeder implements AutoCloseable {

    /** Chunks read and not yet written, at most. */
    static final int IN_FLIGHT = 4;
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final Semaphore credit = new Semaphore(IN_FLIGHT);
    private volatile boolean closed;

    StdinFeeder(InputStream in) {
        this.in = in;
    }

    /**
     * Starts copying.
     *
     * @param loop the loop that owns {@code stdin}
     * @param stdin the child's standard input
     */
    void start(Loop loop, Stream stdin) {
        Thread t = new Thread(() -> feed(loop, stdin), "ioasync-run-stdin");
        t.setDaemon(true);
        t.start();
    }

    private void feed(Loop loop, Stream stdin) {
        byte[] chunk = new byte[CHUNK];
        try {
            while (!closed) {
                credit.acquire();
                int n = in.read(chunk);
                if (closed) {
                    return;
                }
                if (n < 0) {
                    loop.later(() -> endOfInput(stdin));
                    return;
                }
                byte[] bytes = Arrays.copyOf(chunk, n);
                loop.later(() -> {
                    if (stdin.isClosed()) {
                        closed = true;
                        credit.release();
                    } else {
                        stdin.write(bytes).onReady(f -> credit.release());
                    }
                });
            }
        } catch (IOException e) {
            try {
                loop.later(() -> endOfInput(stdin)); // the child sees end of file, as with a closed terminal
            } catch (IllegalStateException loopClosed) {
                // the command has ended meanwhile
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException loopClosed) {
            // the command has ended and its loop is closed: nothing to feed any more
        }
    }

    private static void endOfInput(Stream stdin) {
        if (!stdin.isClosed()) {
            stdin.closeWhenEmpty();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
