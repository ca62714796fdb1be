package dev.ioasync.routine.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits bytes that arrive in pieces of any size (one non-blocking read may hold many frames, or
 * part of one) into {@link Frames}: the non-blocking twin of {@link Frames#read}, with the same
 * checks. A header is checked against the limits before any payload buffer exists; a payload
 * that has arrived whole is copied out in one piece, and one still arriving goes into a buffer
 * that starts at most {@link Frames#FIRST_CHUNK} bytes and grows with the bytes that actually
 * arrive, so a header announcing a large payload and sending little costs little memory.
 *
 * <p>Thread rules: confined to one thread (the loop thread that reads the child).
 */
final class FrameParser {

    /** Receives each whole frame, in order. */
    @FunctionalInterface
    interface FrameSink {
        /**
         * A whole frame.
         *
         * @param kind its kind
         * @param channel its channel index
         * @param payload its payload, owned by the receiver
         * @throws IOException when the frame may not come here ({@link MalformedFrameException}),
         *     or to stop the parser after this frame
         */
        void frame(byte kind, int channel, byte[] payload) throws IOException;
    }

    private static final byte[] EMPTY = new byte[0];

    private final Frames.Limits limits;
    private final byte[] header = new byte[Frames.HEADER];
    private int headerGot;
    private byte kind;
    private int channel;
    private int length;
    /** The payload being filled, or {@code null} between payloads. */
    private byte[] payload;
    private int got;

    FrameParser(Frames.Limits limits) {
        this.limits = limits;
    }

    /**
     * Consumes every remaining byte of {@code src}, passing each frame completed to {@code sink}.
     *
     * @param src the bytes read, in read mode; left empty
     * @param sink the receiver
     * @throws MalformedFrameException when a header is wrong or over its limit (the parser is then
     *     unusable)
     * @throws IOException what the sink throws; the parser then stands after that frame and
     *     {@code src} after its bytes, so that feeding the rest goes on
     */
    void feed(ByteBuffer src, FrameSink sink) throws IOException {
        while (src.hasRemaining()) {
            if (payload == null) {
                if (headerGot == 0) {
                    Frames.checkMagic(src.get(src.position()) & 0xFF);
                }
                int k = Math.min(Frames.HEADER - headerGot, src.remaining());
                src.get(header, headerGot, k);
                headerGot += k;
                if (headerGot < Frames.HEADER) {
                    return;
                }
                headerGot = 0;
                kind = header[1];
                channel = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
                length = ((header[4] & 0xFF) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8)
                        | (header[7] & 0xFF);
                Frames.checkHeader(kind, channel, length, limits);
                if (length == 0) {
                    sink.frame(kind, channel, EMPTY);
                    continue;
                }
                if (src.remaining() >= length) { // arrived whole: one copy, exactly sized
                    byte[] whole = new byte[length];
                    src.get(whole);
                    sink.frame(kind, channel, whole);
                    continue;
                }
                payload = new byte[Math.min(length, Frames.FIRST_CHUNK)];
                got = 0;
            }
            if (got == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
            }
            int k = Math.min(payload.length - got, src.remaining());
            src.get(payload, got, k);
            got += k;
            if (got == length) {
                byte[] whole = payload;
                payload = null;
                sink.frame(kind, channel, whole);
            }
        }
    }

    /**
     * Describes where the stream ended: between frames (then {@code null}) or inside one.
     *
     * @return {@code null}, or a message for a {@link MalformedFrameException}
     */
    String truncation() {
        if (payload != null) {
            return "truncated frame: the header announced " + length + " bytes but the stream ended after " + got;
        }
        return headerGot > 0 ? "truncated frame: the stream ended inside a frame header" : null;
    }
}
