package dev.ioasync.routine.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The parent's side of the credit windows of one child JVM's channels (flow control in the manner
 * of HTTP/2's {@code WINDOW_UPDATE}): a channel's write limit bounds the bytes sent and not yet
 * taken by the receiver's {@code recv}, in both directions, frame headers included.
 *
 * <p>In-channels: the bytes sent count until the child reports them taken ({@link Frames#TAKEN}),
 * so a send past the limit is refused however fast the child's stdin pipe drains.
 *
 * <p>Out-channels: the child learns each limit from the {@link Frames#WINDOW} frame and sends only
 * within it. Here each arriving message is counted ({@link #arrived}) until it is reported back
 * as taken; a message that would take the count past the limit (when anything is counted: a
 * message always fits an empty window) comes from a child that ignores the window, and is refused
 * before it is buffered. What the loop side's {@code recv} took is reported to the child in
 * batches: at once when a quarter of the limit was taken since the last report, otherwise, once
 * the channel holds nothing unread, with the next frame written to the child anyway, so a
 * ping-pong adds no write of its own. Since the rest of a quarter may so stay unreported for a
 * while, the child may always send while at most a quarter of the limit is unreported (else a
 * message larger than three quarters of the limit could wait for ever): an out-channel holds at
 * most the limit, or a quarter of it plus one message, unread.
 *
 * <p>Thread rules: {@link #arrived} and {@link #ackedIn} may run on a reader thread; everything
 * else on the loop thread.
 */
final class CreditWindows {

    private final long[] inLimits;
    private final long[] outLimits;
    /** Per in-channel: bytes sent and not reported taken by the child. */
    private final AtomicLongArray inUnacked;
    /** Per out-channel: bytes that arrived and were not reported taken to the child. */
    private final AtomicLongArray outOutstanding;
    /** Per out-channel: the cost of each message delivered to the channel and not yet taken. */
    private final CostFifo[] held;
    /** Per out-channel: bytes taken and not yet reported. */
    private final long[] unreported;
    /** Per out-channel: a report waits for the next frame to the child or the end of the iteration. */
    private final boolean[] lazy;
    private int lazyCount;

    /**
     * Creates the windows.
     *
     * @param inLimits the write limit of each in-channel (0: off)
     * @param outLimits the write limit of each out-channel when the routine starts (0: off)
     */
    CreditWindows(long[] inLimits, long[] outLimits) {
        this.inLimits = inLimits.clone();
        this.outLimits = outLimits.clone();
        this.inUnacked = new AtomicLongArray(inLimits.length);
        this.outOutstanding = new AtomicLongArray(outLimits.length);
        this.held = new CostFifo[outLimits.length];
        for (int i = 0; i < held.length; i++) {
            held[i] = new CostFifo();
        }
        this.unreported = new long[outLimits.length];
        this.lazy = new boolean[outLimits.length];
    }

    /** {@return the payload of the {@link Frames#WINDOW} frame} */
    byte[] windowPayload() {
        byte[] p = new byte[8 * (inLimits.length + outLimits.length)];
        for (int i = 0; i < inLimits.length; i++) {
            Frames.putLong(p, 8 * i, inLimits[i]);
        }
        for (int i = 0; i < outLimits.length; i++) {
            Frames.putLong(p, 8 * (inLimits.length + i), outLimits[i]);
        }
        return p;
    }

    // ------------------------------------------------------------------ in-channels

    /**
     * The bytes sent on an in-channel that the child has not reported taken.
     *
     * @param channel the in-channel
     * @return the bytes, frame headers included
     */
    long inQueued(int channel) {
        return inUnacked.get(channel);
    }

    /**
     * A frame was sent on an in-channel.
     *
     * @param channel the in-channel
     * @param bytes its bytes, header included
     */
    void sentIn(int channel, long bytes) {
        inUnacked.addAndGet(channel, bytes);
    }

    /**
     * The child reported bytes of an in-channel taken.
     *
     * @param channel the in-channel
     * @param payload the {@link Frames#TAKEN} payload
     * @throws MalformedFrameException when the report is malformed or reports more than was sent
     */
    void ackedIn(int channel, byte[] payload) throws MalformedFrameException {
        if (payload.length != 8) {
            throw new MalformedFrameException("malformed frame: a credit report of " + payload.length
                    + " bytes (8 expected)");
        }
        long n = Frames.getLong(payload, 0);
        if (n < 0 || inUnacked.addAndGet(channel, -n) < 0) {
            throw new MalformedFrameException("malformed frame: a credit report of " + n
                    + " bytes on in-channel " + channel + ", more than was sent");
        }
    }

    // ------------------------------------------------------------------ out-channels

    /**
     * A message arrived from the child on an out-channel, before anything is buffered for it.
     *
     * @param channel the out-channel
     * @param bytes its bytes, header included
     * @return {@code null} when it is within the window, else the message of the refusal
     */
    String arrived(int channel, long bytes) {
        long limit = outLimits[channel];
        if (limit <= 0) {
            return null;
        }
        long now = outOutstanding.addAndGet(channel, bytes);
        if (now > limit && now - bytes > limit >>> 2) {
            return "read-limit: out-channel " + channel + " sent " + bytes + " bytes while " + (now - bytes)
                    + " bytes it sent were not taken by the loop side's recv yet, past the channel's write limit"
                    + " of " + limit + " bytes (a child JVM that ignores the credit window)";
        }
        return null;
    }

    /**
     * A message of an out-channel is handed to its channel (before the channel may take it).
     *
     * @param channel the out-channel
     * @param bytes its bytes, header included
     */
    void delivered(int channel, long bytes) {
        if (outLimits[channel] > 0) {
            held[channel].add(bytes);
        }
    }

    /**
     * The loop side took (or dropped) messages of an out-channel.
     *
     * @param channel the out-channel
     * @param messages how many
     * @return the bytes to report at once (a quarter of the limit was reached), or 0 (a lazy
     *     report may be pending: see {@link #lazyPending})
     */
    long released(int channel, int messages) {
        long limit = outLimits[channel];
        if (limit <= 0) {
            return 0;
        }
        unreported[channel] += held[channel].take(messages);
        if (unreported[channel] >= Math.max(1, limit >>> 2)) {
            return report(channel);
        }
        if (unreported[channel] > 0 && held[channel].isEmpty() && !lazy[channel]) {
            lazy[channel] = true;
            lazyCount++;
        }
        return 0;
    }

    /** {@return whether a lazy report waits} */
    boolean lazyPending() {
        return lazyCount > 0;
    }

    /**
     * Takes the lazy reports as {@link Frames#TAKEN} frames, one per channel.
     *
     * @param out where each frame goes: channel and bytes
     */
    void drainLazy(Report out) {
        if (lazyCount == 0) {
            return;
        }
        for (int ch = 0; ch < lazy.length; ch++) {
            if (lazy[ch]) {
                long n = report(ch);
                if (n > 0) {
                    out.taken(ch, n);
                }
            }
        }
    }

    /** Where a credit report goes. */
    @FunctionalInterface
    interface Report {
        /**
         * Reports bytes taken.
         *
         * @param channel the out-channel
         * @param bytes the bytes taken since the last report
         */
        void taken(int channel, long bytes);
    }

    private long report(int channel) {
        if (lazy[channel]) {
            lazy[channel] = false;
            lazyCount--;
        }
        long n = unreported[channel];
        unreported[channel] = 0;
        outOutstanding.addAndGet(channel, -n);
        return n;
    }
}
