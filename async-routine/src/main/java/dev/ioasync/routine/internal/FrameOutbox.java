package dev.ioasync.routine.internal;

import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The frames on their way to a child JVM's stdin through a non-blocking loop pipe: frames are
 * coalesced into one buffer, so the frames added during one loop iteration leave with one write
 * system call; what the pipe does not take now stays for the next time it is writable. A frame
 * that does not fit the buffer waits, as it is, behind it.
 *
 * <p>It counts, per in-channel, the bytes of the frames added and not yet taken by the pipe
 * ({@link #queued}), so that a sender can refuse a frame past the channel's write limit: the
 * queue grows only while the child does not read, and never past what its channels allow.
 *
 * <p>Thread rules: confined to the loop thread.
 */
final class FrameOutbox {

    static final int BUFFER = 64 << 10;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER); // write mode
    private final ArrayDeque<ByteBuffer> overflow = new ArrayDeque<>();
    /** Per in-channel: bytes of frames added and not written yet. */
    private final long[] queued;
    /** Counted frames not written whole yet, oldest first, as a ring: channel, length, and where the frame ends in {@link #added}. */
    private int[] markChannel = new int[16];
    private int[] markLength = new int[16];
    private long[] markEnd = new long[16];
    private int markHead;
    private int markCount;
    /** Bytes ever added (counted frames and others alike), and ever written. */
    private long added;
    private long written;

    /**
     * Creates an empty outbox.
     *
     * @param channels how many in-channels the routine has
     */
    FrameOutbox(int channels) {
        this.queued = new long[channels];
    }

    /**
     * Adds a frame.
     *
     * @param kind its kind
     * @param channel its channel index
     * @param payload its payload
     */
    void add(byte kind, int channel, byte[] payload) {
        int len = Frames.HEADER + payload.length;
        if (overflow.isEmpty() && buffer.remaining() >= len) {
            buffer.put((byte) Frames.MAGIC).put(kind).putShort((short) channel).putInt(payload.length).put(payload);
        } else {
            overflow.add(ByteBuffer.wrap(Frames.frame(kind, channel, payload)));
        }
        added += len;
        if (kind != Frames.SETUP && channel < queued.length) {
            queued[channel] += len;
            mark(channel, len);
        }
    }

    /**
     * The bytes of an in-channel's frames added and not yet taken by the pipe.
     *
     * @param channel the in-channel index
     * @return the bytes, header included
     */
    long queued(int channel) {
        return channel < queued.length ? queued[channel] : 0;
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
            written += n;
            if (markCount > 0) {
                unmark();
            }
        }
    }

    /** Drops every frame not written yet. */
    void clear() {
        buffer.clear();
        overflow.clear();
        Arrays.fill(queued, 0);
        markCount = 0;
        markHead = 0;
        written = added;
    }

    private void mark(int channel, int len) {
        if (markCount == markEnd.length) {
            int n = markCount * 2;
            int[] c = new int[n];
            int[] l = new int[n];
            long[] e = new long[n];
            for (int i = 0; i < markCount; i++) {
                int j = (markHead + i) % markCount;
                c[i] = markChannel[j];
                l[i] = markLength[j];
                e[i] = markEnd[j];
            }
            markChannel = c;
            markLength = l;
            markEnd = e;
            markHead = 0;
        }
        int tail = (markHead + markCount) % markEnd.length;
        markChannel[tail] = channel;
        markLength[tail] = len;
        markEnd[tail] = added;
        markCount++;
    }

    /** Takes the frames the pipe has taken whole off their channels' counts (a frame counts until its last byte left). */
    private void unmark() {
        while (markCount > 0 && markEnd[markHead] <= written) {
            queued[markChannel[markHead]] -= markLength[markHead];
            markHead = (markHead + 1) % markEnd.length;
            markCount--;
        }
    }
}
