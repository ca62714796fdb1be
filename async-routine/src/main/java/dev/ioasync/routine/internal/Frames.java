package dev.ioasync.routine.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The frame format on a child JVM's stdin and stdout: an 8-byte header (magic {@code 0xA5}, kind,
 * 16-bit channel index, 32-bit payload length, all big-endian) and the payload. The magic byte
 * catches a routine that writes to the real stdout behind the codec's back.
 */
public final class Frames {

    /** Parent to child: the {@link ChildSetup}, in its own hand-written format. */
    public static final byte SETUP = 1;
    /** A channel message. */
    public static final byte MESSAGE = 2;
    /** End of stream on a channel. */
    public static final byte EOF = 3;
    /** Child to parent: the code returned; the payload is the encoded value. */
    public static final byte RETURN = 4;
    /** Child to parent: the code threw; the payload describes the exception. */
    public static final byte DIE = 5;
    /**
     * Parent to child, the first frame after the {@link #SETUP}: the write limit of each in-channel
     * and then of each out-channel, 8 bytes each (0: off). The child sends on an out-channel only
     * within its limit of bytes the parent has not reported taken ({@link #TAKEN}); a first frame
     * of another kind means no limits (a parent that speaks no credit).
     */
    public static final byte WINDOW = 6;
    /**
     * Either way, a credit report: the receiver's {@code recv} took this many bytes (frame
     * headers included; 8-byte payload) of the channel's messages since its last report. From the
     * child the channel is an in-channel index, from the parent an out-channel index.
     */
    public static final byte TAKEN = 7;

    /** The largest payload any frame may have, whatever a channel allows: 1 GiB. */
    public static final int MAX_PAYLOAD = 1 << 30;

    /** A payload buffer starts at most this big and grows with the bytes that actually arrive. */
    static final int FIRST_CHUNK = 64 << 10;

    static final int MAGIC = 0xA5;
    static final int HEADER = 8;

    private Frames() {
    }

    /** One frame read from a stream. */
    record Frame(byte kind, int channel, byte[] payload) {
    }

    /** The largest payload a reader accepts for a frame of a kind on a channel. */
    @FunctionalInterface
    public interface Limits {

        /** Any frame up to {@link #MAX_PAYLOAD}: for the child, which trusts its parent. */
        Limits TRUSTED = new Trusted();

        /**
         * The limit for one frame.
         *
         * @param kind the frame's kind
         * @param channel its channel index
         * @return the largest payload accepted, in bytes
         */
        int max(byte kind, int channel);

        /**
         * Describes what the limit belongs to, for the error message.
         *
         * @param kind the frame's kind
         * @param channel its channel index
         * @return for instance {@code out-channel 2}
         */
        default String describe(byte kind, int channel) {
            return kind == MESSAGE || kind == EOF ? "channel " + channel : kind == RETURN ? "the result" : "the frame";
        }

        /**
         * The limits of {@link #TRUSTED}: a plain class, not a lambda, so that a child JVM's first
         * frame does not wait for the lambda machinery to start.
         */
        final class Trusted implements Limits {
            private Trusted() {
            }

            @Override
            public int max(byte kind, int channel) {
                return MAX_PAYLOAD;
            }
        }
    }

    /**
     * Builds a frame.
     *
     * @param kind the kind
     * @param channel the channel index
     * @param payload the payload
     * @return header and payload in one array
     */
    public static byte[] frame(byte kind, int channel, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a message of " + payload.length + " bytes is over the "
                    + MAX_PAYLOAD + "-byte limit of any frame");
        }
        byte[] f = new byte[HEADER + payload.length];
        f[0] = (byte) MAGIC;
        f[1] = kind;
        f[2] = (byte) (channel >>> 8);
        f[3] = (byte) channel;
        int n = payload.length;
        f[4] = (byte) (n >>> 24);
        f[5] = (byte) (n >>> 16);
        f[6] = (byte) (n >>> 8);
        f[7] = (byte) n;
        System.arraycopy(payload, 0, f, HEADER, n);
        return f;
    }

    /**
     * Builds a {@link #TAKEN} frame.
     *
     * @param channel the channel index
     * @param bytes the bytes taken since the last report
     * @return the frame
     */
    static byte[] taken(int channel, long bytes) {
        byte[] p = new byte[8];
        putLong(p, 0, bytes);
        return frame(TAKEN, channel, p);
    }

    /**
     * Writes a long big-endian.
     *
     * @param b the array
     * @param at where
     * @param v the value
     */
    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * Reads a long big-endian.
     *
     * @param b the array
     * @param at where
     * @return the value
     */
    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /**
     * Reads one frame. The length in the header is checked against {@code limits} before any
     * payload buffer exists, and the buffer then grows with the bytes that actually arrive, so a
     * header that announces a large payload and sends little costs little memory.
     *
     * @param in the stream
     * @param limits the largest payload accepted per kind and channel
     * @return the frame, or {@code null} at end of stream between frames
     * @throws MalformedFrameException when the header is wrong, announces more than the limit, or
     *     the stream ends inside a frame
     * @throws IOException when reading fails
     */
    static Frame read(DataInputStream in, Limits limits) throws IOException {
        int magic = in.read();
        if (magic < 0) {
            return null;
        }
        checkMagic(magic);
        byte[] h = new byte[HEADER - 1];
        try {
            in.readFully(h);
        } catch (EOFException e) {
            throw new MalformedFrameException("truncated frame: the stream ended inside a frame header");
        }
        byte kind = h[0];
        int channel = ((h[1] & 0xFF) << 8) | (h[2] & 0xFF);
        int n = ((h[3] & 0xFF) << 24) | ((h[4] & 0xFF) << 16) | ((h[5] & 0xFF) << 8) | (h[6] & 0xFF);
        checkHeader(kind, channel, n, limits);
        byte[] payload = new byte[Math.min(n, FIRST_CHUNK)];
        int got = 0;
        while (got < n) {
            if (got == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(n, 2L * payload.length));
            }
            int r = in.read(payload, got, payload.length - got);
            if (r < 0) {
                throw new MalformedFrameException("truncated frame: the header announced " + n
                        + " bytes but the stream ended after " + got);
            }
            got += r;
        }
        return new Frame(kind, channel, payload);
    }

    /**
     * Checks the byte where a frame starts.
     *
     * @param magic the byte, 0 to 255
     * @throws MalformedFrameException when it is not the magic byte
     */
    static void checkMagic(int magic) throws MalformedFrameException {
        if (magic != MAGIC) {
            throw new MalformedFrameException(String.format("malformed frame: byte 0x%02x where a frame should"
                    + " start (did the routine write to the real stdout?)", magic));
        }
    }

    /**
     * Checks a frame header before any payload buffer exists: a known kind, and a length within
     * {@code limits}.
     *
     * @param kind the kind
     * @param channel the channel index
     * @param n the announced payload length (negative when over 2 GiB)
     * @param limits the largest payload accepted per kind and channel
     * @throws MalformedFrameException when the kind is unknown or the length over the limit
     */
    static void checkHeader(byte kind, int channel, int n, Limits limits) throws MalformedFrameException {
        if (kind < SETUP || kind > TAKEN) {
            throw new MalformedFrameException("malformed frame: unknown kind " + kind);
        }
        int max = Math.min(MAX_PAYLOAD, limits.max(kind, channel));
        if (n < 0 || n > max) {
            throw new MalformedFrameException("frame too large: the header announces " + (n & 0xFFFFFFFFL)
                    + " bytes for " + limits.describe(kind, channel) + ", over its limit of " + max
                    + " bytes (maxFrameSize)");
        }
    }
}
