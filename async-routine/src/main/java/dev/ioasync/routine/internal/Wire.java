package dev.ioasync.routine.internal;

import dev.ioasync.routine.codec.Codec;
import java.io.Serializable;
import java.util.List;

/**
 * How values cross between the loop and one routine: the codec and the largest frame of each
 * in-channel and out-channel, and of the result. Both ends get the same wire: the parent reads
 * the child's frames with these limits, and the child refuses to send a frame over them.
 *
 * @param inCodecs the codec of each in-channel
 * @param inLimits the largest payload of each in-channel, in bytes
 * @param outCodecs the codec of each out-channel
 * @param outLimits the largest payload of each out-channel, in bytes
 * @param resultCodec the codec of the return value
 * @param resultLimit the largest payload of the result (and of the description of a death), in bytes
 */
public record Wire(List<Codec> inCodecs, List<Integer> inLimits, List<Codec> outCodecs, List<Integer> outLimits,
                   Codec resultCodec, int resultLimit) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the lists.
     *
     * @param inCodecs the codec of each in-channel
     * @param inLimits the largest payload of each in-channel
     * @param outCodecs the codec of each out-channel
     * @param outLimits the largest payload of each out-channel
     * @param resultCodec the codec of the return value
     * @param resultLimit the largest payload of the result
     */
    public Wire {
        inCodecs = List.copyOf(inCodecs);
        inLimits = List.copyOf(inLimits);
        outCodecs = List.copyOf(outCodecs);
        outLimits = List.copyOf(outLimits);
        if (inCodecs.size() != inLimits.size() || outCodecs.size() != outLimits.size()) {
            throw new IllegalArgumentException("one codec and one limit per channel");
        }
    }

    /** {@return the limits a reader of the child's frames applies} */
    Frames.Limits fromChild() {
        return new Frames.Limits() {
            @Override
            public int max(byte kind, int channel) {
                if (kind == Frames.MESSAGE || kind == Frames.EOF) {
                    return channel < outLimits.size() ? outLimits.get(channel) : 0;
                }
                return resultLimit;
            }

            @Override
            public String describe(byte kind, int channel) {
                return kind == Frames.MESSAGE || kind == Frames.EOF ? "out-channel " + channel
                        : kind == Frames.RETURN ? "the routine's result" : "the description of the routine's death";
            }
        };
    }

    /**
     * Encodes a value for a frame, refusing it when it is over the limit.
     *
     * @param codec the codec
     * @param value the value
     * @param limit the largest payload
     * @param what what the value is, for the message (e.g. {@code out-channel 0})
     * @return the payload
     * @throws dev.ioasync.routine.codec.CodecException when the codec cannot carry it or it is too large
     */
    static byte[] encode(Codec codec, Object value, int limit, String what) {
        byte[] b = codec.encode(value);
        if (b.length > limit) {
            throw new dev.ioasync.routine.codec.CodecException("a message of " + b.length + " bytes on " + what
                    + " is over its limit of " + limit + " bytes (maxFrameSize)");
        }
        return b;
    }
}
