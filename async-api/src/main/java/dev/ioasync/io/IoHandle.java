package dev.ioasync.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One non-blocking operating-system handle (a pipe end, later a socket), as a backend made it.
 *
 * <p>This is the low-level twin of a Perl filehandle that IO::Async's {@code watch_io} is given.
 * Handles are created by the loop ({@link dev.ioasync.Loop#pipe()}) so that every backend can
 * watch the handles it made without digging a file descriptor out of a foreign object. A handle
 * made by one backend cannot be watched by a loop of another; trying it is an
 * {@link IllegalArgumentException} that names both.
 *
 * <p>Reads and writes never block: they move what they can and report how much.
 */
public interface IoHandle extends AutoCloseable {

    /**
     * Reads what is available into {@code dst}.
     *
     * @param dst the buffer to fill from its position
     * @return the number of bytes read, {@code 0} when nothing is available now, or {@code -1} at
     *     end of stream
     * @throws IOException when the read fails (for example the handle was reset)
     * @throws UnsupportedOperationException when this handle cannot be read (the write end of a pipe)
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes what the handle accepts now from {@code src}.
     *
     * @param src the bytes to write, from its position to its limit
     * @return the number of bytes written, {@code 0} when the handle accepts nothing now
     * @throws IOException when the write fails (for example the reader is gone: EPIPE)
     * @throws UnsupportedOperationException when this handle cannot be written (the read end of a pipe)
     */
    int write(ByteBuffer src) throws IOException;

    /** {@return whether this handle can be read} */
    boolean isReadable();

    /** {@return whether this handle can be written} */
    boolean isWritable();

    /** {@return whether the handle is still open} */
    boolean isOpen();

    /**
     * Closes the handle. A loop that still watches it stops watching it quietly. Closing twice
     * is harmless.
     *
     * @throws IOException when the operating system reports an error on close
     */
    @Override
    void close() throws IOException;

    /** {@return the name of the backend that made this handle} */
    String backend();
}
