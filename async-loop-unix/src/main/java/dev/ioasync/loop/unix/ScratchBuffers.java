package dev.ioasync.loop.unix;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool of direct buffers through which heap buffers are copied: Netty's native read and
 * write take direct memory only. Thread-safe; a handle may be used off the loop thread.
 */
final class ScratchBuffers {

    /** The most one read or write through a heap buffer moves. */
    static final int SIZE = 64 * 1024;
    private static final int MAX_POOLED = 16;

    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private ScratchBuffers() {
    }

    /** {@return a cleared direct buffer of {@link #SIZE} bytes} */
    static ByteBuffer take() {
        ByteBuffer b = POOL.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(SIZE);
        }
        POOLED.decrementAndGet();
        return b.clear();
    }

    /** Returns a buffer from {@link #take()}. */
    static void give(ByteBuffer b) {
        if (POOLED.incrementAndGet() <= MAX_POOLED) {
            POOL.offer(b);
        } else {
            POOLED.decrementAndGet();
        }
    }
}
