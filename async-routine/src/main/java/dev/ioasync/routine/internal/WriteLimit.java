package dev.ioasync.routine.internal;

import dev.ioasync.routine.ChannelException;

/** The refusal of a message past a channel's write limit, worded the same way by every transport. */
public final class WriteLimit {

    private WriteLimit() {
    }

    /**
     * Whether a message of {@code bytes} may join {@code queued} bytes under {@code limit}. A
     * message always fits an empty queue: its size is bounded by the channel's maxFrameSize, so
     * the limit never makes a message that may be sent impossible to send.
     *
     * @param queued bytes already queued
     * @param bytes the message's bytes
     * @param limit the limit, 0 for none
     * @return whether it fits
     */
    public static boolean fits(long queued, long bytes, long limit) {
        return limit <= 0 || queued == 0 || queued + bytes <= limit;
    }

    /**
     * Encodes a message for an in-channel, refusing it when it is over the channel's largest
     * frame (as {@code Wire.encode}, with the channel's name built only for the error).
     *
     * @param wire the routine's wire
     * @param channel the in-channel index
     * @param value the message
     * @return the payload
     * @throws dev.ioasync.routine.codec.CodecException when the codec cannot carry it or it is too large
     */
    static byte[] encodeIn(Wire wire, int channel, Object value) {
        byte[] b = wire.inCodecs().get(channel).encode(value);
        int limit = wire.inLimits().get(channel);
        if (b.length > limit) {
            throw new dev.ioasync.routine.codec.CodecException("a message of " + b.length + " bytes on in-channel "
                    + channel + " is over its limit of " + limit + " bytes (maxFrameSize)");
        }
        return b;
    }

    /**
     * The error for a refused message.
     *
     * @param what names the channel, e.g. {@code Channel@1b2c3d (in-channel 0 of Routine[process-123])}
     * @param bytes the refused message's bytes
     * @param queued the bytes queued and not yet read by the routine
     * @param limit the write limit
     * @return the error, category {@code write-limit}
     */
    public static ChannelException refusal(Object what, long bytes, long queued, long limit) {
        return refusal(what, bytes, queued, limit, "the routine has not read");
    }

    /**
     * The error for a refused message, naming who has not taken the queued bytes.
     *
     * @param what names the channel
     * @param bytes the refused message's bytes
     * @param queued the bytes sent and not yet taken by the receiver
     * @param limit the write limit
     * @param notTaken who has not taken them, e.g. {@code the routine has not read}
     * @return the error, category {@code write-limit}
     */
    static ChannelException refusal(Object what, long bytes, long queued, long limit, String notTaken) {
        return new ChannelException("write-limit", "cannot send " + bytes + " bytes on " + what + ": " + queued
                + " bytes are queued that " + notTaken + " yet, and the channel's write limit is " + limit
                + " bytes (Channel.writeLimit(bytes) or Function.writeLimit(bytes) changes it; 0 turns it off)");
    }
}

