package dev.ioasync.routine.internal;

import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The frames on their way to a child JVM's stdin through a non-blocking loop pipe: frames are
 * coalesced into one buffer, so the frames added during one loop iteration leave with one write
 * system call; what the pipe does not take now stays for the next time it is writable. A frame
 * that does not fit the buffer waits, as it is, behind it.
 *
 * <p>Thread rules: confined to the loop thread.
 */
final class FrameOutbox {

    static final int BUFFER = 64 << 10;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER); // write mode
    private final ArrayDeque<ByteBuffer> overflow = new ArrayDeque<>();

    /**
     * Adds a frame.
     *
     * @param kind its kind
     * @param channel its channel index
     * @param payload its payload
     */
    void add(byte kind, int channel, byte[] payload) {
        if (overflow.isEmpty() && buffer.remaining() >= Frames.HEADER + payload.length) {
            int n = payload.length;
            buffer.put((byte) Frames.MAGIC).put(kind).putShort((short) channel).putInt(n).put(payload);
        } else {
            overflow.add(ByteBuffer.wrap(Frames.frame(kind, channel, payload)));
        }
    }

    /** {@return whether every frame added has been written} */
    boolean isEmpty() {
        return buffer.position() == 0 && overflow.isEmpty();
    }

    /**
     * Writes what the handle takes now, without waiting.
     *
     * @param out a non-blocking handle
     * @return whether everything has been written
     * @throws IOException when the write fails (the reader is gone)
     */
    boolean writeTo(IoHandle out) throws IOException {
        while (true) {
            while (!overflow.isEmpty() && buffer.hasRemaining()) {
                ByteBuffer o = overflow.peek();
                int k = Math.min(o.remaining(), buffer.remaining());
                buffer.put(buffer.position(), o, o.position(), k);
                buffer.position(buffer.position() + k);
                o.position(o.position() + k);
                if (!o.hasRemaining()) {
                    overflow.poll();
                }
            }
            if (buffer.position() == 0) {
                return true;
            }
            buffer.flip();
            int n;
            try {
                n = out.write(buffer);
            } finally {
                buffer.compact();
            }
            if (n <= 0) {
                return false;
            }
        }
    }

    /** Drops every frame not written yet. */
    void clear() {
        buffer.clear();
        overflow.clear();
    }
}
