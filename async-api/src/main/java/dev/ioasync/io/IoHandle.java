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

    /**
     * Writes what the handle accepts now from a run of buffers, in order, as one gathering write
     * ({@code writev(2)}) where the backend has one: the bytes of {@code srcs[offset]} first, then
     * those of the next buffer, and so on. Each buffer's position moves past the bytes taken from
     * it, as {@link java.nio.channels.GatheringByteChannel#write(ByteBuffer[], int, int)} does.
     *
     * <p>The default writes each buffer with {@link #write(ByteBuffer)} and stops at the first
     * buffer the handle does not take whole; backends that can hand all of them to the operating
     * system in one system call do so.
     *
     * @param srcs the buffers
     * @param offset the index of the first buffer to write
     * @param length how many buffers to write from {@code offset}
     * @return the number of bytes written, {@code 0} when the handle accepts nothing now
     * @throws IOException when the write fails (for example the reader is gone: EPIPE); bytes
     *     written before the failure by an earlier buffer of the same call are then written
     *     (their positions say so)
     * @throws IndexOutOfBoundsException when {@code offset} and {@code length} do not fit {@code srcs}
     * @throws UnsupportedOperationException when this handle cannot be written (the read end of a pipe)
     */
    default long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, srcs.length);
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer src = srcs[i];
            int want = src.remaining();
            if (want == 0) {
                continue;
            }
            int n = write(src);
            total += n;
            if (n < want) {
                break;
            }
        }
        return total;
    }

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
