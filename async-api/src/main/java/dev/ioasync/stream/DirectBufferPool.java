package dev.ioasync.stream;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The direct buffers a {@link Stream} copies written bytes into ({@code write(byte[])},
 * {@code write(String)}, {@code write(ByteBuffer)}) and reads its socket into (a
 * {@link ReadBuffer} holds one while its stream reads, and {@code writeFrom} may hand it over to
 * a write queue), one pool per thread, so one per loop; no locks. A heap array copied once into direct memory goes to the socket as it is, where a heap
 * copy would be copied again into direct memory by the backend on each write.
 *
 * <p>Buffers come in power-of-two sizes from {@value #MIN_SIZE} bytes to {@value #MAX_SIZE}
 * bytes; those under {@value #SLAB_SIZE} bytes are carved out of shared {@value #SLAB_SIZE}-byte
 * slabs. A pool keeps at most {@value #MAX_RETAINED} bytes of free buffers, and lends at most
 * {@value #MAX_LENT} bytes at a time: past that, or for a larger write, {@code take} answers
 * {@code null} and the stream copies into the heap as before. A buffer not given back (its
 * stream was dropped without being closed) is freed by the garbage collector like any direct
 * buffer; only the lent count stays high until others are given back.
 *
 * <p>Confined to its thread: a buffer may be given back on another thread, into that thread's
 * pool. The public part is what a test or a metric may look at: the calling thread's counts.
 */
public final class DirectBufferPool {

    /** The smallest buffer. */
    public static final int MIN_SIZE = 64;
    /** The largest buffer; a larger write is copied into the heap. */
    public static final int MAX_SIZE = 1 << 20;
    /** Buffers smaller than this are slices of a slab of this size. */
    public static final int SLAB_SIZE = 64 * 1024;
    /** The most free bytes a pool keeps. */
    public static final long MAX_RETAINED = 4L << 20;
    /** The most bytes a pool lends at a time. */
    public static final long MAX_LENT = 64L << 20;

    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_SIZE);
    private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_SIZE) - MIN_SHIFT + 1;
    private static final ThreadLocal<DirectBufferPool> POOLS = ThreadLocal.withInitial(DirectBufferPool::new);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<ByteBuffer>[] free = new ArrayDeque[CLASSES];
    private long retained;
    private long lent;
    private ByteBuffer slab;

    private DirectBufferPool() {
    }

    /** {@return the calling thread's pool} */
    static DirectBufferPool current() {
        return POOLS.get();
    }

    /**
     * A cleared direct buffer of at least {@code size} bytes, its limit at {@code size}; or
     * {@code null} when {@code size} is over {@link #MAX_SIZE} or the pool has lent its most.
     *
     * @param size the bytes needed
     * @return the buffer, or {@code null}
     */
    ByteBuffer take(int size) {
        if (size > MAX_SIZE) {
            return null;
        }
        int c = sizeClass(size);
        int cap = MIN_SIZE << c;
        if (lent + cap > MAX_LENT) {
            return null;
        }
        ArrayDeque<ByteBuffer> q = free[c];
        ByteBuffer b = q == null ? null : q.pollLast();
        if (b != null) {
            retained -= cap;
        } else {
            b = allocate(cap);
        }
        lent += cap;
        return b.clear().limit(size);
    }

    /**
     * Gives back a buffer from {@link #take(int)}, of this pool or another thread's; it is kept
     * for reuse unless the pool holds its most.
     *
     * @param b the buffer; its owner must not touch it again
     */
    void give(ByteBuffer b) {
        int cap = b.capacity();
        lent = Math.max(0, lent - cap);
        if (retained + cap > MAX_RETAINED) {
            return;
        }
        int c = sizeClass(cap);
        ArrayDeque<ByteBuffer> q = free[c];
        if (q == null) {
            q = new ArrayDeque<>();
            free[c] = q;
        }
        q.addLast(b);
        retained += cap;
    }

    /** {@return the free bytes the calling thread's pool keeps for reuse, at most {@link #MAX_RETAINED}} */
    public static long retainedBytes() {
        return current().retained;
    }

    /** {@return the bytes the calling thread's pool has lent to queued writes and not had back} */
    public static long lentBytes() {
        return current().lent;
    }

    private ByteBuffer allocate(int cap) {
        if (cap >= SLAB_SIZE) {
            return ByteBuffer.allocateDirect(cap);
        }
        if (slab == null || slab.remaining() < cap) {
            slab = ByteBuffer.allocateDirect(SLAB_SIZE);
        }
        ByteBuffer b = slab.slice(slab.position(), cap);
        slab.position(slab.position() + cap);
        return b;
    }

    private static int sizeClass(int size) {
        int s = Math.max(size, MIN_SIZE);
        return 32 - Integer.numberOfLeadingZeros(s - 1) - MIN_SHIFT;
    }
}
