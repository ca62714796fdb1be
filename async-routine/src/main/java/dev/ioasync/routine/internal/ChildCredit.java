package dev.ioasync.routine.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The child JVM's side of the credit windows of its routine's channels (the twin of the parent's
 * {@link CreditWindows}): the write limit of each out-channel, learnt from the parent's
 * {@link Frames#WINDOW} frame, bounds the bytes sent and not yet reported taken by the parent
 * ({@link Frames#TAKEN}), or is at most a quarter of it (what the parent may not have reported yet);
 * and what the routine's {@code recv} takes of each in-channel is reported
 * to the parent in batches: at once past a quarter of the channel's limit, otherwise once the
 * channel has nothing queued, with the next frame the child writes or before it waits for the
 * parent. Counts are frame bytes, headers included.
 *
 * <p>Thread rules: thread-safe.
 */
final class ChildCredit {

    /** The report threshold of an in-channel whose limit is off: a quarter of the default limit. */
    private static final long DEFAULT_QUARTER = 4L << 20;

    private final long[] inLimits;
    private final long[] outLimits;
    private volatile boolean known;
    /** Whether the parent sent a window: only then does it read credit reports. */
    private volatile boolean reporting;
    /** Per out-channel: bytes sent and not reported taken by the parent. */
    private final AtomicLongArray outUnacked;
    /** Per in-channel, guarded by this: bytes taken and not yet reported. */
    private final long[] inUnreported;
    private final boolean[] inDue;
    private volatile int dueCount;

    /**
     * Creates the windows, unknown until {@link #learn} or {@link #learnNone}.
     *
     * @param ins how many in-channels
     * @param outs how many out-channels
     */
    ChildCredit(int ins, int outs) {
        this.inLimits = new long[ins];
        this.outLimits = new long[outs];
        this.outUnacked = new AtomicLongArray(outs);
        this.inUnreported = new long[ins];
        this.inDue = new boolean[ins];
    }

    /**
     * The parent's {@link Frames#WINDOW} frame arrived.
     *
     * @param p its payload
     * @throws MalformedFrameException when it does not hold one limit per channel
     */
    void learn(byte[] p) throws MalformedFrameException {
        if (p.length != 8 * (inLimits.length + outLimits.length)) {
            throw new MalformedFrameException("malformed frame: a window frame of " + p.length + " bytes for "
                    + inLimits.length + " in-channels and " + outLimits.length + " out-channels");
        }
        for (int i = 0; i < inLimits.length; i++) {
            inLimits[i] = Frames.getLong(p, 8 * i);
        }
        for (int i = 0; i < outLimits.length; i++) {
            outLimits[i] = Frames.getLong(p, 8 * (inLimits.length + i));
        }
        reporting = true;
        known = true;
    }

    /** The parent sent no window (its first frame was another): no limits, and no reports. */
    void learnNone() {
        known = true;
    }

    /** {@return whether the limits are known} */
    boolean known() {
        return known;
    }

    /**
     * The limit of an out-channel.
     *
     * @param channel the out-channel
     * @return the limit in bytes, 0 when off
     */
    long outLimit(int channel) {
        return outLimits[channel];
    }

    /**
     * The bytes sent on an out-channel and not reported taken.
     *
     * @param channel the out-channel
     * @return the bytes
     */
    long outQueued(int channel) {
        return outUnacked.get(channel);
    }

    /**
     * Counts a message about to be sent on an out-channel, unless it is past the window.
     *
     * @param channel the out-channel
     * @param bytes its frame's bytes
     * @return whether it was counted; when not, nothing was
     */
    boolean tryAcquire(int channel, long bytes) {
        long limit = outLimits[channel];
        while (true) {
            long q = outUnacked.get(channel);
            if (!WriteLimit.fits(q, bytes, limit) && q > limit >>> 2) { // see CreditWindows: the unreported quarter
                return false;
            }
            if (outUnacked.compareAndSet(channel, q, q + bytes)) {
                return true;
            }
        }
    }

    /**
     * The parent reported bytes of an out-channel taken.
     *
     * @param channel the out-channel
     * @param payload the {@link Frames#TAKEN} payload
     * @throws MalformedFrameException when the report is malformed
     */
    void ackedOut(int channel, byte[] payload) throws MalformedFrameException {
        if (channel >= outLimits.length || payload.length != 8) {
            throw new MalformedFrameException("malformed frame: a credit report for out-channel " + channel
                    + " of " + payload.length + " bytes");
        }
        outUnacked.addAndGet(channel, -Frames.getLong(payload, 0));
    }

    /**
     * The routine took a message of an in-channel.
     *
     * @param channel the in-channel
     * @param bytes its frame's bytes
     * @param empty whether the channel has nothing more queued
     * @return whether the report should be written now (a quarter of the limit was taken)
     */
    synchronized boolean taken(int channel, long bytes, boolean empty) {
        if (!reporting) {
            return false;
        }
        long u = inUnreported[channel] += bytes;
        long limit = inLimits[channel];
        boolean now = u >= Math.max(1, limit > 0 ? limit >>> 2 : DEFAULT_QUARTER);
        if ((now || empty) && !inDue[channel]) {
            inDue[channel] = true;
            dueCount++;
        }
        return now;
    }

    /** {@return whether a report waits to be written} */
    boolean due() {
        return dueCount > 0;
    }

    /** {@return the {@link Frames#TAKEN} frames of the reports due, one after another, or {@code null}} */
    byte[] takeReports() {
        if (dueCount == 0) {
            return null;
        }
        synchronized (this) {
            if (dueCount == 0) {
                return null;
            }
            byte[] all = new byte[dueCount * (Frames.HEADER + 8)];
            int at = 0;
            for (int ch = 0; ch < inDue.length; ch++) {
                if (inDue[ch]) {
                    all[at] = (byte) Frames.MAGIC;
                    all[at + 1] = Frames.TAKEN;
                    all[at + 2] = (byte) (ch >>> 8);
                    all[at + 3] = (byte) ch;
                    all[at + 7] = 8; // the payload's length
                    Frames.putLong(all, at + Frames.HEADER, inUnreported[ch]);
                    at += Frames.HEADER + 8;
                    inDue[ch] = false;
                    inUnreported[ch] = 0;
                }
            }
            dueCount = 0;
            return all;
        }
    }
}
