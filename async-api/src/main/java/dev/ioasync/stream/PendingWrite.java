package dev.ioasync.stream;

import dev.ioasync.Future;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One entry of a {@link Stream}'s write queue: bytes, or a generator called when the queue
 * reaches it, or a future of data; with its callbacks and the future {@code write} returned.
 * Bytes copied into a buffer of the thread's {@link DirectBufferPool} go back to a pool once they
 * are written or the write fails ({@link #release()}).
 */
final class PendingWrite {

    ByteBuffer data;
    final Supplier<?> generator;
    final Future<?> source;
    final IntConsumer onWrite;
    final Runnable onFlush;
    final Future<Void> future;
    boolean watching;
    /** Whether {@link #data} came from a {@link DirectBufferPool}. */
    boolean pooled;
    /**
     * Whether all the bytes were handed to the operating system, by a gathering write that also
     * wrote entries before this one whose callbacks have not all run yet.
     */
    boolean sent;

    PendingWrite(ByteBuffer data, Supplier<?> generator, Future<?> source, IntConsumer onWrite, Runnable onFlush,
            Future<Void> future) {
        this.data = data;
        this.generator = generator;
        this.source = source;
        this.onWrite = onWrite;
        this.onFlush = onFlush;
        this.future = future;
    }

    int queuedBytes() {
        return data == null ? 0 : data.remaining();
    }

    /** Gives a pooled buffer back to the calling thread's pool; the entry holds no bytes after. */
    void release() {
        if (pooled) {
            pooled = false;
            ByteBuffer b = data;
            data = null;
            DirectBufferPool.current().give(b);
        }
    }
}
