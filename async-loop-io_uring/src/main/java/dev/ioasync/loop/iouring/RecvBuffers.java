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
 *
 * <p>The large buffers have a budget ({@link #BUDGET_PROPERTY}, {@value #DEFAULT_BUDGET} bytes by
 * default): at most that many bytes of them ever exist on one poller, and once they are all held
 * a receive that asks for a large one gets a small one. So the direct memory of the receives is at
 * most the budget plus {@value #SMALL} bytes per connection, however many connections stream at
 * once (2,000 connections holding a 64 KiB receive each would hold 128 MiB, and push the JVM's
 * direct memory towards its limit, where every {@code allocateDirect} stalls in
 * {@code Bits.reserveMemory}; see docs/io_uring.md). Small buffers are cut from
 * {@value #SLAB}-byte slabs, large ones are kept once made: once warm, taking a buffer allocates
 * nothing.
 */
final class RecvBuffers {

    /** The size a read starts with and goes back to when little arrives. */
    static final int SMALL = 4096;
    /** The size after a read that filled its buffer: the core reads 64 KiB at a time. */
    static final int LARGE = 64 * 1024;
    /** The system property giving the bytes of large receive buffers one poller may hold; read when a poller is made. */
    static final String BUDGET_PROPERTY = "ioasync.io_uring.recv.budget";
    /** The budget of large receive buffers per poller when {@link #BUDGET_PROPERTY} is not set: 8 MiB. */
    static final long DEFAULT_BUDGET = 8L << 20;
    /** The slab small buffers are cut from. */
    static final int SLAB = 64 * 1024;
    /** The most free small buffers kept (4 MiB); more go to the garbage collector. */
    private static final int MAX_POOLED_SMALL = 1024;

    /** One buffer and its native address. */
    static final class Chunk {
        final ByteBuffer buffer;
        final long address;

        private Chunk(ByteBuffer buffer) {
            this.buffer = buffer;
            address = Buffer.memoryAddress(buffer);
        }

        int capacity() {
            return buffer.capacity();
        }
    }

    private final ArrayDeque<Chunk> small = new ArrayDeque<>();
    private final ArrayDeque<Chunk> large = new ArrayDeque<>();
    private final int maxLarge;
    private ByteBuffer slab;
    private int largeMade;
    private int largeHeld;
    private int outstanding;

    /** A pool whose large buffers take at most the budget {@link #BUDGET_PROPERTY} says. */
    RecvBuffers() {
        this(budgetByDefault());
    }

    /** A pool whose large buffers take at most {@code budget} bytes (0: small buffers only). */
    RecvBuffers(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("the budget of receive buffers must be 0 or more bytes, not " + budget);
        }
        maxLarge = (int) Math.min(Integer.MAX_VALUE, budget / LARGE);
    }

    /** {@return the budget {@link #BUDGET_PROPERTY} gives, or {@link #DEFAULT_BUDGET}} */
    static long budgetByDefault() {
        String v = System.getProperty(BUDGET_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_BUDGET;
        }
        try {
            long b = Long.parseLong(v.strip());
            if (b >= 0) {
                return b;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("-D" + BUDGET_PROPERTY + "=" + v + ": expected a number of bytes, 0 or more");
    }

    /**
     * {@return a buffer of {@link #LARGE} bytes if {@code big} and the budget allows, else of
     * {@link #SMALL} bytes}
     */
    Chunk take(boolean big) {
        Chunk c;
        if (big && largeHeld < maxLarge) {
            c = large.poll();
            if (c == null) {
                c = new Chunk(ByteBuffer.allocateDirect(LARGE));
                largeMade++;
            }
            largeHeld++;
        } else {
            c = small.poll();
            if (c == null) {
                c = cutSmall();
            }
        }
        outstanding++;
        return c;
    }

    private Chunk cutSmall() {
        if (slab == null || slab.remaining() < SMALL) {
            slab = ByteBuffer.allocateDirect(SLAB);
        }
        int at = slab.position();
        ByteBuffer b = slab.slice(at, SMALL);
        slab.position(at + SMALL);
        return new Chunk(b);
    }

    /** Gives back a buffer from {@link #take}; the kernel no longer writes into it. */
    void give(Chunk c) {
        outstanding--;
        if (c.capacity() == LARGE) {
            largeHeld--;
            large.add(c); // kept: at most the budget of them is ever made
        } else if (small.size() < MAX_POOLED_SMALL) {
            small.add(c);
        }
    }

    /** {@return how many buffers are taken and not given back} (for tests: no buffer is lost) */
    int outstanding() {
        return outstanding;
    }

    /** {@return how many large buffers this pool has made} (for tests: never more than the budget allows) */
    int largeMade() {
        return largeMade;
    }

    /** {@return how many large buffers the budget allows} */
    int maxLarge() {
        return maxLarge;
    }
}
