package dev.ioasync.stream;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A stream's read buffer: the bytes read and not yet consumed (the scalar IO::Async passes to
 * {@code on_read} by reference). A read handler looks at it and consumes what it can; what it
 * leaves stays for the next call.
 *
 * <p>Confined to the loop thread.
 */
public final class ReadBuffer {

    private byte[] data = new byte[256];
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
        return data[start + index];
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
        outer:
        for (int i = start + Math.max(from, 0); i <= last; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
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
        for (int i = start; i < end; i++) {
            if (data[i] == b) {
                return i - start;
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
        byte[] out = Arrays.copyOfRange(data, start, start + n);
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
        dst.put(data, start, n);
        skip(n);
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
        String s = new String(data, start, n, charset);
        skip(n);
        return s;
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
        for (int i = start + from; i < end; i++) {
            if (data[i] == '\n') {
                return i - start;
            }
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
        return new String(data, start, size(), charset);
    }

    /**
     * Copies everything without consuming it.
     *
     * @return the bytes
     */
    public byte[] peek() {
        return Arrays.copyOfRange(data, start, end);
    }

    /**
     * Appends bytes (what a read brought in).
     *
     * @param src the bytes, from position to limit; consumed
     */
    public void append(ByteBuffer src) {
        int n = src.remaining();
        ensureRoom(n);
        src.get(data, end, n);
        end += n;
    }

    /**
     * Appends bytes.
     *
     * @param src the bytes
     */
    public void append(byte[] src) {
        ensureRoom(src.length);
        System.arraycopy(src, 0, data, end, src.length);
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
            System.arraycopy(src, 0, data, start, src.length);
            return;
        }
        byte[] next = new byte[Math.max(data.length, size() + src.length) * 2];
        System.arraycopy(src, 0, next, 0, src.length);
        System.arraycopy(data, start, next, src.length, size());
        end = size() + src.length;
        start = 0;
        data = next;
    }

    private void ensureRoom(int n) {
        if (data.length - end >= n) {
            return;
        }
        int live = size();
        if (data.length - live >= n && start >= live) {
            System.arraycopy(data, start, data, 0, live);
        } else {
            int cap = data.length;
            while (cap - live < n) {
                cap *= 2;
            }
            byte[] next = new byte[cap];
            System.arraycopy(data, start, next, 0, live);
            data = next;
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
