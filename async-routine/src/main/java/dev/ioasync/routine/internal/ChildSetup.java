package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.codec.Codec;
import java.io.Serializable;
import java.util.List;

/**
 * What the parent sends a child JVM first: the code and the codecs of its channels.
 *
 * @param id the routine's id in the parent, for messages
 * @param code the body
 * @param inCodecs the codec of each in-channel
 * @param outCodecs the codec of each out-channel
 * @param resultCodec the codec of the return value
 */
record ChildSetup(String id, RoutineCode code, List<Codec> inCodecs, List<Codec> outCodecs, Codec resultCodec)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
