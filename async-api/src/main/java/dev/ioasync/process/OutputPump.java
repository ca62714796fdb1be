package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Moves a child's standard output (or error) into the write end of a loop pipe, whose read end
 * a {@link dev.ioasync.stream.Stream} reads. When the pipe is full the pump waits for the loop to
 * see it writable, so the child is slowed down, never buffered without bound. At the child's end
 * of file it closes the pipe's write end: the stream reads end of file. When the stream's side
 * is closed first, it stops reading the child, whose next write then fails (SIGPIPE).
 */
final class OutputPump extends Pump {

    private final InputStream from;

    OutputPump(Loop loop, InputStream from, IoHandle pipeWriter, String name) {
        super(loop, pipeWriter, true, name);
        this.from = from;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[CHUNK];
        try {
            int n;
            outer:
            while ((n = from.read(chunk)) >= 0) {
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
            closeQuietly(from);
            closePipeEnd();
        }
    }
}
