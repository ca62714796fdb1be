package dev.ioasync.stream;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A stream's read buffer: the bytes read and not yet consumed (the scalar IO::Async passes to
 * {@code on_read} by reference). A read handler looks at it and consumes what it can; what it
 * leaves stays for the next call.
 *
 * <p>Where its bytes live: once {@link Stream#writeFrom(ReadBuffer, int)} moved a large part of
 * it (an echo or a proxy), while its {@link Stream} reads the socket, in a direct buffer of the
 * thread's {@link DirectBufferPool} that the socket is read straight into (no scratch copy), and
 * that {@code writeFrom} may hand over to a write queue whole (no copy at all); between reads, the bytes left unconsumed move to a heap array and the direct buffer goes
 * back to the pool, so that an idle or half-read connection holds no native memory.
 *
 * <p>Confined to the loop thread.
 */
public final class ReadBuffer {

    /** A hand-over of the read region moves at least this share of a direct buffer's capacity (1/4). */
    private static final int HAND_OVER_SHARE_SHIFT = 2;

    /** The heap array the bytes live in between reads (and when the pool has no direct buffer to lend). */
    private byte[] heap = new byte[256];
    /** {@link #heap} wrapped. */
    private ByteBuffer heapBuf = ByteBuffer.wrap(heap);
    /** Where the bytes live now: {@link #heapBuf}, or a pooled direct buffer ({@link #pooled}). */
    private ByteBuffer buf = heapBuf;
    /** {@code buf}'s array when it is {@link #heap}, else {@code null}. */
    private byte[] data = heap;
    /** Whether {@link #buf} is a direct buffer of the thread's {@link DirectBufferPool}. */
    private boolean pooled;
    /**
     * Whether reads go straight into a pooled direct buffer: once a large enough part of this
     * buffer was asked to be handed over ({@link #handOver(int)}, an echo or a proxy). Until then
     * reads go through the thread's scratch buffer onto the heap, which measured cheaper for a
     * reader that consumes in place (one-way streaming: about half the CPU per byte).
     */
    private boolean readsDirect;
    private int start;
    private int end;
    /** Bytes consumed since the buffer was made: turns an index into a position that survives takes. */
    private long consumed;
    /** Bumped when bytes are put back at the front: positions remembered before then are void. */
    private int rewinds;
    /** The position up to which {@link #takeLine} found no newline; it looks on from there. */
    private long lineScanned;
    private int lineScanRewinds;

    /** Creates an empty buffer. */
    public ReadBuffer() {
    }

    /** {@return the number of unconsumed bytes} */
    public int size() {
        return end - start;
    }

    /** {@return whether there are no unconsumed bytes} */
    public boolean isEmpty() {
        return end == start;
    }

    /**
     * The byte at {@code index} from the start, without consuming it.
     *
     * @param index 0 to {@code size() - 1}
     * @return the byte
     */
    public byte get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (size() - 1));
        }
        return byteAt(start + index);
    }

    private byte byteAt(int i) {
        byte[] d = data;
        return d != null ? d[i] : buf.get(i);
    }

    /**
     * Finds bytes in the buffer.
     *
     * @param needle the bytes to find
     * @param from where to start looking, from the start of the buffer
     * @return the index of the first match at or after {@code from}, or -1
     */
    public int indexOf(byte[] needle, int from) {
        if (needle.length == 0) {
            return Math.min(Math.max(from, 0), size());
        }
        byte first = needle[0];
        int last = end - needle.length;
        byte[] d = data;
        outer:
        for (int i = start + Math.max(from, 0); i <= last; i++) {
            if ((d != null ? d[i] : buf.get(i)) != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if ((d != null ? d[i + j] : buf.get(i + j)) != needle[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /**
     * Finds one byte.
     *
     * @param b the byte
     * @return its first index, or -1
     */
    public int indexOf(byte b) {
        return find(b, start);
    }

    /** The index from {@code start} of the first {@code b} at or after array index {@code from}, or -1. */
    private int find(byte b, int from) {
        byte[] d = data;
        if (d != null) {
            for (int i = from; i < end; i++) {
                if (d[i] == b) {
                    return i - start;
                }
            }
        } else {
            ByteBuffer bb = buf;
            for (int i = from; i < end; i++) {
                if (bb.get(i) == b) {
                    return i - start;
                }
            }
        }
        return -1;
    }

    /**
     * Removes and returns the first {@code n} bytes.
     *
     * @param n how many, at most {@link #size()}
     * @return the bytes
     */
    public byte[] take(int n) {
        checkCount(n);
        byte[] out;
        if (data != null) {
            out = Arrays.copyOfRange(data, start, start + n);
        } else {
            out = new byte[n];
            buf.get(start, out, 0, n);
        }
        skip(n);
        return out;
    }

    /**
     * Removes the first {@code n} bytes into {@code dst}, from its position (for
     * {@link Stream#writeFrom(ReadBuffer, int)}: one copy where {@code take} then a write make two).
     *
     * @param dst where they go; it has room for them
     * @param n how many, at most {@link #size()}
     */
    void moveTo(ByteBuffer dst, int n) {
        checkCount(n);
        if (data != null) {
            dst.put(data, start, n);
        } else {
            dst.put(dst.position(), buf, start, n);
            dst.position(dst.position() + n);
        }
        skip(n);
    }

    /**
     * Removes the first {@code n} bytes as a direct buffer handed over to the caller, without
     * copying them, when they are in a pooled direct buffer and are a large enough share of it:
     * the buffer (its position to its limit are the bytes) then belongs to the caller, who gives it
     * back to the thread's {@link DirectBufferPool}, and this buffer goes on with another (the
     * bytes after the first {@code n}, if any, are copied there). {@code null}, with nothing
     * removed, when the bytes cannot be handed over (the caller copies them).
     *
     * @param n how many, at most {@link #size()}
     * @return the bytes in a pooled direct buffer, or {@code null}
     */
    ByteBuffer handOver(int n) {
        checkCount(n);
        if (n >= DirectBufferPool.SLAB_SIZE >>> HAND_OVER_SHARE_SHIFT) {
            preferDirect();
        }
        int rest = size() - n;
        if (!pooled || n == 0 || n < buf.capacity() >>> HAND_OVER_SHARE_SHIFT || rest > n) {
            return null; // not direct, or cheaper to copy the n bytes out than the rest over
        }
        ByteBuffer out = buf;
        int from = start;
        if (rest == 0) {
            // the direct buffer goes whole: this one is empty, on the heap, until the next read
            useHeap(heap);
            start = 0;
            end = 0;
        } else {
            ByteBuffer next = DirectBufferPool.current().take(out.capacity());
            if (next == null) {
                return null;
            }
            next.clear().put(0, out, from + n, rest);
            buf = next;
            start = 0;
            end = rest;
        }
        consumed += n;
        out.clear().limit(from + n).position(from);
        return out;
    }

    /**
     * Removes the first {@code n} bytes and decodes them.
     *
     * @param n how many
     * @param charset how to decode
     * @return the text
     */
    public String takeString(int n, Charset charset) {
        checkCount(n);
        String s = decode(start, n, charset);
        skip(n);
        return s;
    }

    private String decode(int from, int n, Charset charset) {
        if (data != null) {
            return new String(data, from, n, charset);
        }
        byte[] bytes = new byte[n];
        buf.get(from, bytes, 0, n);
        return new String(bytes, charset);
    }

    /**
     * Removes and returns everything.
     *
     * @return the bytes
     */
    public byte[] takeAll() {
        return take(size());
    }

    /**
     * Removes one line, through its {@code \n}, and decodes it.
     *
     * @param charset how to decode
     * @return the line with its line ending, or {@code null} when no complete line is buffered
     */
    public String takeLine(Charset charset) {
        int nl = lineEnd();
        return nl < 0 ? null : takeString(nl + 1, charset);
    }

    /**
     * The index of the first {@code \n}, looking only at bytes not looked at by an earlier call
     * that found none: a line that arrives in many reads costs time linear in its length.
     *
     * @return the index of the newline, or -1 when no complete line is buffered
     */
    public int lineEnd() {
        int from = lineScanRewinds == rewinds ? (int) Math.max(0, lineScanned - consumed) : 0;
        int i = find((byte) '\n', start + from);
        if (i >= 0) {
            return i;
        }
        lineScanned = consumed + size();
        lineScanRewinds = rewinds;
        return -1;
    }

    /** {@return how many bytes were consumed from this buffer since it was made} */
    long consumedCount() {
        return consumed;
    }

    /** {@return how many times bytes were put back at the front} */
    int rewindCount() {
        return rewinds;
    }

    /**
     * Drops the first {@code n} bytes.
     *
     * @param n how many
     */
    public void skip(int n) {
        checkCount(n);
        start += n;
        consumed += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Drops everything. */
    public void clear() {
        consumed += size();
        start = 0;
        end = 0;
    }

    /**
     * Decodes everything without consuming it.
     *
     * @param charset how to decode
     * @return the text
     */
    public String peekString(Charset charset) {
        return decode(start, size(), charset);
    }

    /**
     * Copies everything without consuming it.
     *
     * @return the bytes
     */
    public byte[] peek() {
        if (data != null) {
            return Arrays.copyOfRange(data, start, end);
        }
        byte[] out = new byte[size()];
        buf.get(start, out, 0, out.length);
        return out;
    }

    /**
     * Appends bytes (what a read brought in).
     *
     * @param src the bytes, from position to limit; consumed
     */
    public void append(ByteBuffer src) {
        int n = src.remaining();
        ensureRoom(n);
        buf.put(end, src, src.position(), n);
        src.position(src.limit());
        end += n;
    }

    /**
     * Appends bytes.
     *
     * @param src the bytes
     */
    public void append(byte[] src) {
        ensureRoom(src.length);
        buf.put(end, src, 0, src.length);
        end += src.length;
    }

    /**
     * Puts bytes back at the front (to unconsume them).
     *
     * @param src the bytes
     */
    public void unshift(byte[] src) {
        rewinds++;
        consumed -= src.length;
        if (src.length <= start) {
            start -= src.length;
            buf.put(start, src, 0, src.length);
            return;
        }
        toHeap();
        byte[] next = new byte[Math.max(heap.length, size() + src.length) * 2];
        System.arraycopy(src, 0, next, 0, src.length);
        System.arraycopy(heap, start, next, src.length, size());
        end = size() + src.length;
        start = 0;
        useHeap(next);
    }

    // ------------------------------------------------------------------ the stream's reads

    /**
     * Where the next read goes straight into: a pooled direct buffer with room for {@code len}
     * bytes after those buffered, its position where they end and its limit {@code len} bytes on;
     * {@link #commit(int)} then counts what the read put there. {@code null} when the bytes are on
     * the heap (left over from earlier reads) or the pool lends no buffer: the caller reads into a
     * scratch buffer and {@linkplain #append(ByteBuffer) appends}.
     *
     * @param len the most bytes the read may bring
     * @return the buffer to read into, or {@code null}
     */
    ByteBuffer readTarget(int len) {
        if (!pooled) {
            if (!readsDirect || !isEmpty()) {
                return null;
            }
            ByteBuffer b = DirectBufferPool.current().take(len);
            if (b == null) {
                return null;
            }
            buf = b.clear();
            data = null;
            pooled = true;
            start = 0;
            end = 0;
        } else if (buf.capacity() - end < len) {
            int live = size();
            if (buf.capacity() - live < len || start < live) {
                return null; // the caller appends, which moves the bytes somewhere larger
            }
            buf.put(0, buf, start, live); // the two regions do not overlap
            start = 0;
            end = live;
        }
        return buf.limit(end + len).position(end);
    }

    /** From now on reads go straight into a pooled direct buffer when they can ({@link #readTarget(int)}). */
    void preferDirect() {
        readsDirect = true;
    }

    /**
     * Counts the bytes a read put into the buffer {@link #readTarget(int)} answered.
     *
     * @param n how many (0 or less: none)
     */
    void commit(int n) {
        buf.clear();
        if (n > 0) {
            end += n;
        }
    }

    /**
     * Between reads: the bytes left unconsumed move to the heap and the direct buffer goes back
     * to the pool, so that a connection between reads holds no native memory.
     */
    void releaseDirect() {
        if (pooled) {
            toHeap();
        }
    }

    /** Moves the bytes to {@link #heap} and gives the direct buffer back (it may have been handed over already). */
    private void toHeap() {
        ByteBuffer direct = buf;
        boolean give = pooled;
        int live = size();
        if (heap.length < live) {
            int cap = heap.length;
            while (cap < live) {
                cap *= 2;
            }
            heap = new byte[cap];
        }
        if (live > 0) {
            direct.get(start, heap, 0, live);
        }
        useHeap(heap);
        start = 0;
        end = live;
        if (give) {
            DirectBufferPool.current().give(direct.clear());
        }
    }

    private void useHeap(byte[] array) {
        if (array != heap || heapBuf == null) {
            heap = array;
            heapBuf = ByteBuffer.wrap(array);
        }
        data = array;
        buf = heapBuf;
        pooled = false;
    }

    private void ensureRoom(int n) {
        if (buf.capacity() - end >= n) {
            return;
        }
        int live = size();
        if (pooled) {
            if (buf.capacity() - live >= n && start >= live) {
                buf.put(0, buf, start, live); // the two regions do not overlap
                start = 0;
                end = live;
                return;
            }
            toHeap();
            if (heap.length - end >= n) {
                return;
            }
        }
        if (heap.length - live >= n && start >= live) {
            System.arraycopy(heap, start, heap, 0, live);
        } else {
            int cap = heap.length;
            while (cap - live < n) {
                cap *= 2;
            }
            byte[] next = new byte[cap];
            System.arraycopy(heap, start, next, 0, live);
            useHeap(next);
        }
        start = 0;
        end = live;
    }

    private void checkCount(int n) {
        if (n < 0 || n > size()) {
            throw new IndexOutOfBoundsException("cannot take " + n + " bytes: " + size() + " are buffered");
        }
    }

    @Override
    public String toString() {
        return "ReadBuffer[" + size() + " bytes]";
    }
}
