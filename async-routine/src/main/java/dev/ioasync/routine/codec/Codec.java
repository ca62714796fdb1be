package dev.ioasync.routine.codec;

import java.io.Serializable;

/**
 * The SPI that turns channel messages into bytes and back (the role of IO::Async::Channel's
 * {@code codec} parameter: {@code Storable}, {@code Sereal} or a pair of code references).
 *
 * <p>A codec carries every channel message and every Function call's arguments, in every model:
 * across the pipes of a {@link dev.ioasync.routine.RoutineModel#PROCESS PROCESS} routine, and as
 * a copy made at the {@code send} or {@code call} in the thread models (as IO::Async's thread
 * model serializes them too), so that a value changed afterwards does not change what the
 * receiver sees. Routine results and a Function's results in a child JVM go through it as well.
 *
 * <p>A codec is {@link Serializable} because the parent sends it, with the routine's code, to the
 * child JVM so that both ends agree; that is the only Java serialization in the parent-to-child
 * direction, and nothing the child sends is ever deserialized by Java serialization unless the
 * codec itself is {@link SerializationCodec}.
 *
 * <p>Thread rules: implementations must be stateless or thread-safe; one instance encodes on the
 * loop thread while another thread decodes.
 */
public interface Codec extends Serializable {

    /** {@return a short name for messages and logs} */
    String name();

    /**
     * Encodes one message.
     *
     * @param value the message, possibly {@code null}
     * @return its bytes
     * @throws CodecException when this codec cannot carry the value; the message names the type
     */
    byte[] encode(Object value);

    /**
     * Decodes one message made by {@link #encode}.
     *
     * @param bytes the bytes of exactly one message
     * @return the message
     * @throws CodecException when the bytes are malformed or truncated; never hangs
     */
    Object decode(byte[] bytes);
}
