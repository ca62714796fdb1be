package dev.ioasync.routine.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream whose {@link #available()} answers from its buffer while the buffer
 * holds bytes, and asks the stream below (for a pipe: the operating system, two system calls)
 * only when the buffer is empty. {@link BufferedInputStream#available()} asks below every time,
 * which made every "has another frame arrived?" of a child JVM cost two system calls even when
 * the next frames had already been read in one read.
 *
 * <p>It also tells how many bytes it holds ({@link #buffered}) and when it last read from or
 * asked the stream below ({@link #nanosSinceBelow}), so that a reader can tell whether a look
 * below is worth its system calls.
 *
 * <p>Thread rules: as {@link BufferedInputStream}.
 */
final class BufferedPipeInput extends BufferedInputStream {

    /**
     * Buffers a stream.
     *
     * @param in the stream
     * @param size the buffer's size
     */
    BufferedPipeInput(InputStream in, int size) {
        super(in, size);
    }

    /** When the stream below last answered a read or an {@link #available} ({@link System#nanoTime}). */
    private long lastBelow = System.nanoTime();

    @Override
    public synchronized int read() throws IOException {
        boolean below = count - pos <= 0;
        int b = super.read();
        if (below) {
            lastBelow = System.nanoTime();
        }
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        boolean below = count - pos <= 0 || len > count - pos;
        int n = super.read(b, off, len);
        if (below) {
            lastBelow = System.nanoTime();
        }
        return n;
    }

    /** {@return the bytes read from below and not yet taken} */
    synchronized int buffered() {
        return count - pos;
    }

    /** {@return nanoseconds since the stream below last answered a read or an {@link #available}} */
    synchronized long nanosSinceBelow() {
        return System.nanoTime() - lastBelow;
    }

    /**
     * {@return the bytes in the buffer when there are any, else what the stream below has}
     *
     * @throws IOException when the stream is closed or asking fails
     */
    @Override
    public synchronized int available() throws IOException {
        int buffered = count - pos;
        if (buffered > 0) {
            return buffered;
        }
        int below = super.available();
        lastBelow = System.nanoTime();
        return below;
    }
}
