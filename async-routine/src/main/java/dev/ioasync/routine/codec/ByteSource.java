package dev.ioasync.routine.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked reads over one message's bytes; every overrun is a {@link CodecException}. */
final class ByteSource {

    /** The one-character strings of ASCII, shared. */
    private static final String[] ASCII = new String[128];

    static {
        for (int c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf((char) c);
        }
    }

    private final byte[] buf;
    private int pos;

    ByteSource(byte[] buf) {
        this.buf = buf;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return buf.length - pos;
    }

    int read() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = read();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CodecException("malformed varint at offset " + pos);
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    long fixed64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** A length or count that cannot exceed what is left, each item taking at least {@code minItem} bytes. */
    int count(int minItem) {
        long n = varint();
        if (n < 0 || n > Integer.MAX_VALUE || n * Math.max(1, minItem) > remaining()) {
            throw new CodecException("truncated message: a count of " + n + " at offset " + pos + " but only "
                    + remaining() + " bytes are left");
        }
        return (int) n;
    }

    byte[] bytes() {
        int n = count(1);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    String string() {
        int n = count(1);
        if (n == 1 && buf[pos] >= 0) { // one ASCII character, such as a tag: a shared instance
            return ASCII[buf[pos++]];
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /**
     * Skips {@code expected} when the next bytes are exactly it.
     *
     * @param expected the bytes
     * @return whether they were next (and are now skipped)
     */
    boolean skipIfNext(byte[] expected) {
        if (buf.length - pos < expected.length
                || !Arrays.equals(buf, pos, pos + expected.length, expected, 0, expected.length)) {
            return false;
        }
        pos += expected.length;
        return true;
    }

    private void need(int n) {
        if (pos + n > buf.length) {
            throw new CodecException("truncated message: needed " + n + " more byte(s) at offset " + pos + " of "
                    + buf.length);
        }
    }
}
