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

    /**
     * {@return the bytes in the buffer when there are any, else what the stream below has}
     *
     * @throws IOException when the stream is closed or asking fails
     */
    @Override
    public synchronized int available() throws IOException {
        int buffered = count - pos;
        return buffered > 0 ? buffered : super.available();
    }
}
