package dev.ioasync.stream;

import java.nio.ByteBuffer;

/**
 * The direct buffer a {@link Stream} reads its socket into when it cannot read straight into its
 * {@link ReadBuffer} (bytes left from earlier reads are on the heap, or the thread's
 * {@link DirectBufferPool} lends no more), one per loop thread and shared by every stream that
 * thread reads. The bytes live in it only between a read and their copy into
 * the stream's {@link ReadBuffer}, so sharing is safe even when a read handler runs a nested
 * loop. One 64 KiB buffer per stream instead would cost 640 MB of native memory for 10 000 idle
 * connections.
 */
final class ReadScratch {

    private static final ThreadLocal<ByteBuffer> CHUNK = new ThreadLocal<>();

    private ReadScratch() {
    }

    /**
     * The calling thread's buffer, cleared, with at least {@code size} bytes and its limit at
     * {@code size}.
     *
     * @param size how many bytes the next read may take
     * @return the buffer
     */
    static ByteBuffer take(int size) {
        ByteBuffer b = CHUNK.get();
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(size);
            CHUNK.set(b);
        }
        return b.clear().limit(size);
    }
}
