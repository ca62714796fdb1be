package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Moves what a {@link dev.ioasync.stream.Stream} writes into a loop pipe on to a child's
 * standard input. When the pipe is empty the pump waits for the loop to see it readable. At the
 * pipe's end of file (the stream closed its side) it closes the child's input. When the child
 * has closed its input (the write fails), it closes the pipe's read end, so that the stream's
 * next write fails with a write error (EPIPE) instead of vanishing.
 */
final class InputPump extends Pump {

    private final OutputStream to;

    InputPump(Loop loop, IoHandle pipeReader, OutputStream to, String name) {
        super(loop, pipeReader, false, name);
        this.to = to;
    }

    @Override
    public void run() {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        try {
            while (true) {
                int n = pipeEnd.read(chunk.clear());
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    if (!waiter.await()) {
                        break;
                    }
                    continue;
                }
                to.write(chunk.array(), 0, n);
                to.flush();
            }
        } catch (IOException e) {
            debug(this + " stopped: the child closed its input, or the pipe failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(to);
            closePipeEnd();
        }
    }
}
