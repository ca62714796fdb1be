package dev.ioasync.loop.iouring;

import io.netty.channel.unix.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One poller's pool of the direct buffers that completion reads receive into: a small size for
 * connections that receive little (an idle connection always has a read pending, and so holds a
 * buffer) and a large one for streaming. A buffer is held from the submission of a receive until
 * its bytes are handed out, or, when the request is withdrawn, until its completion arrives: the
 * kernel may write into it until then. Loop thread only.
 */
final class RecvBuffers {

    /** The size a read starts with and goes back to when little arrives. */
    static final int SMALL = 4096;
    /** The size after a read that filled its buffer: the core reads 64 KiB at a time. */
    static final int LARGE = 64 * 1024;
    private static final int MAX_POOLED = 64;

    /** One buffer and its native address. */
    static final class Chunk {
        final ByteBuffer buffer;
        final long address;

        private Chunk(int size) {
            buffer = ByteBuffer.allocateDirect(size);
            address = Buffer.memoryAddress(buffer);
        }

        int capacity() {
            return buffer.capacity();
        }
    }

    private final ArrayDeque<Chunk> small = new ArrayDeque<>();
    private final ArrayDeque<Chunk> large = new ArrayDeque<>();
    private int outstanding;

    /** {@return a buffer of {@link #SMALL} or {@link #LARGE} bytes} */
    Chunk take(boolean big) {
        ArrayDeque<Chunk> pool = big ? large : small;
        Chunk c = pool.poll();
        if (c == null) {
            c = new Chunk(big ? LARGE : SMALL);
        }
        outstanding++;
        return c;
    }

    /** Gives back a buffer from {@link #take}; the kernel no longer writes into it. */
    void give(Chunk c) {
        outstanding--;
        ArrayDeque<Chunk> pool = c.capacity() == LARGE ? large : small;
        if (pool.size() < MAX_POOLED) {
            pool.add(c);
        }
    }

    /** {@return how many buffers are taken and not given back} (for tests: no buffer is lost) */
    int outstanding() {
        return outstanding;
    }
}
