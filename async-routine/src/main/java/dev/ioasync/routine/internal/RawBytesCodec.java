package dev.ioasync.routine.internal;

import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.CodecException;

/**
 * A codec for values that are already encoded: a {@code byte[]} goes as it is. A Function encodes
 * each call's arguments with its own codec when it is called, and its worker channels carry those
 * bytes with this one, so the arguments are encoded once.
 */
public final class RawBytesCodec implements Codec {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final RawBytesCodec INSTANCE = new RawBytesCodec();

    private RawBytesCodec() {
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public byte[] encode(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        throw new CodecException("the raw codec carries byte[] only, not " + (value == null ? "null"
                : value.getClass().getName()));
    }

    @Override
    public Object decode(byte[] bytes) {
        return bytes;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
