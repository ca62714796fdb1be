package dev.ioasync.stream;

import dev.ioasync.Future;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One entry of a {@link Stream}'s write queue: bytes, or a generator called when the queue
 * reaches it, or a future of data; with its callbacks and the future {@code write} returned.
 */
final class PendingWrite {

    ByteBuffer data;
    final Supplier<?> generator;
    final Future<?> source;
    final IntConsumer onWrite;
    final Runnable onFlush;
    final Future<Void> future;
    boolean watching;

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
}
