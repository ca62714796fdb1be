package dev.ioasync.routine.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/**
 * Java serialization as a {@link Codec} (the twin of IO::Async::Channel with {@code Storable}),
 * only for programs that ask for it: every class read must match an allow-list, applied as an
 * {@link ObjectInputFilter}, so bytes from the other side cannot instantiate arbitrary classes.
 *
 * <p>The allow-list uses {@link ObjectInputFilter.Config#createFilter} patterns:
 * {@code com.example.Msg} for one class, {@code com.example.*} for a package,
 * {@code com.example.**} for a package and its subpackages. {@code java.lang.*},
 * {@code java.util.*} and {@code java.math.*} value classes are always allowed; everything else
 * is rejected, as are graphs deeper than 64, larger than 100 000 references or arrays longer than
 * 10 000 000.
 */
public final class SerializationCodec implements Codec {

    private static final long serialVersionUID = 1L;

    private final List<String> allowed;
    private transient ObjectInputFilter filter;

    private SerializationCodec(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * A serialization codec that accepts only the listed classes or packages when decoding.
     *
     * @param patterns allow-list patterns, as the class comment describes
     * @return the codec
     * @throws IllegalArgumentException when a pattern is empty or contains {@code ;} or {@code !}
     */
    public static SerializationCodec allowing(String... patterns) {
        java.util.Objects.requireNonNull(patterns, "patterns");
        for (int i = 0; i < patterns.length; i++) {
            java.util.Objects.requireNonNull(patterns[i], "patterns[" + i + "]");
        }
        for (String p : patterns) {
            if (p.isBlank() || p.contains(";") || p.contains("!") || p.contains("=")) {
                throw new IllegalArgumentException("not an allow-list class pattern: '" + p + "'");
            }
        }
        return new SerializationCodec(List.of(patterns));
    }

    /** {@return the allow-list patterns} */
    public List<String> allowed() {
        return allowed;
    }

    @Override
    public String name() {
        return "serialization";
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new CodecException("cannot serialize a " + (value == null ? "null" : value.getClass().getName())
                    + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        java.util.Objects.requireNonNull(bytes, "bytes");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter());
            Object v = in.readObject();
            if (in.read() != -1) {
                throw new CodecException("malformed message: stray bytes after the serialized object");
            }
            return v;
        } catch (InvalidClassException e) {
            throw new CodecException("serialization refused a class outside the allow-list " + allowed + ": "
                    + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new CodecException("malformed serialized message: " + e, e);
        }
    }

    private ObjectInputFilter filter() {
        ObjectInputFilter f = filter;
        if (f == null) {
            StringBuilder spec = new StringBuilder("maxdepth=64;maxrefs=100000;maxarray=10000000;");
            spec.append("java.lang.*;java.util.*;java.math.*;");
            for (String p : allowed) {
                spec.append(p).append(';');
            }
            spec.append("!*");
            f = ObjectInputFilter.Config.createFilter(spec.toString());
            filter = f;
        }
        return f;
    }

    @Override
    public String toString() {
        return "SerializationCodec" + allowed;
    }
}
