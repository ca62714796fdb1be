package dev.ioasync.routine.internal;

import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parent sends a child JVM first: the code and how its values cross, in the payload of
 * the {@link Frames#SETUP} frame.
 *
 * <p>The payload is written by hand with {@link DataOutputStream} (strings, ints, tags), not by
 * Java serialization of the whole record: Java serialization is slow on its first use in a fresh
 * JVM (class descriptors, reflection, record constructors), which is exactly where a child JVM
 * starts. What the project knows is written plainly: a Function worker's body
 * ({@link FunctionWorkerBody}), code named by class ({@link ClassNamedCode},
 * {@link ClassNamedFunction}), the built-in codecs ({@link ValueCodec}, with its registered classes
 * by name, and {@link RawBytesCodec}), the limits and the id. Only what the user wrote (a
 * serializable lambda, a codec of their own) is Java-serialized, alone, in its own slot.
 *
 * <pre>
 * setup   : int MAGIC, UTF id, code, wire
 * code    : byte tag; FUNCTION_BODY: function, codec, boolean exitOnDie, int maxCalls
 *                     | CLASS_NAMED: UTF class | SERIALIZED: int n, n bytes
 * function: byte tag; CLASS_NAMED: UTF class | SERIALIZED: int n, n bytes
 * wire    : int in, in x (codec, int limit), int out, out x (codec, int limit), codec, int resultLimit
 * codec   : byte tag; VALUE_DEFAULT | VALUE: int n, n x UTF class | RAW_BYTES | SERIALIZED: int n, n bytes
 * </pre>
 *
 * @param id the routine's id in the parent, for messages
 * @param code the body
 * @param wire the codecs and frame limits of its channels and result
 */
record ChildSetup(String id, RoutineCode code, Wire wire) {

    /** The first int of a setup payload: catches a parent and child of different versions. */
    static final int MAGIC = 0x10A5_5E70;

    private static final byte SERIALIZED = 0;
    private static final byte FUNCTION_BODY = 1;
    private static final byte CLASS_NAMED = 2;
    private static final byte VALUE_DEFAULT = 3;
    private static final byte VALUE = 4;
    private static final byte RAW_BYTES = 5;

    /**
     * Writes the setup payload.
     *
     * @return the bytes
     * @throws IllegalArgumentException when the code or a codec cannot be serialized
     */
    byte[] encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(MAGIC);
            out.writeUTF(id);
            writeCode(out, code);
            out.writeInt(wire.inCodecs().size());
            for (int i = 0; i < wire.inCodecs().size(); i++) {
                writeCodec(out, wire.inCodecs().get(i));
                out.writeInt(wire.inLimits().get(i));
            }
            out.writeInt(wire.outCodecs().size());
            for (int i = 0; i < wire.outCodecs().size(); i++) {
                writeCodec(out, wire.outCodecs().get(i));
                out.writeInt(wire.outLimits().get(i));
            }
            writeCodec(out, wire.resultCodec());
            out.writeInt(wire.resultLimit());
        } catch (IOException e) {
            throw new IllegalArgumentException("the PROCESS model needs code named by class or a serializable"
                    + " lambda that captures only serializable values: " + e, e);
        }
        return b.toByteArray();
    }

    /**
     * Reads a setup payload.
     *
     * @param payload the bytes {@link #encode} wrote
     * @return the setup
     * @throws IOException when the payload is not a setup, or the user's code cannot be read back
     * @throws ClassNotFoundException when a class it names is missing here
     */
    static ChildSetup decode(byte[] payload) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("not a routine setup (0x%08x where 0x%08x should be):"
                    + " are the parent and child the same version of ioasync-routine?", magic, MAGIC));
        }
        String id = in.readUTF();
        RoutineCode code = readCode(in);
        int ins = in.readInt();
        List<Codec> inCodecs = new ArrayList<>(ins);
        List<Integer> inLimits = new ArrayList<>(ins);
        for (int i = 0; i < ins; i++) {
            inCodecs.add(readCodec(in));
            inLimits.add(in.readInt());
        }
        int outs = in.readInt();
        List<Codec> outCodecs = new ArrayList<>(outs);
        List<Integer> outLimits = new ArrayList<>(outs);
        for (int i = 0; i < outs; i++) {
            outCodecs.add(readCodec(in));
            outLimits.add(in.readInt());
        }
        Codec resultCodec = readCodec(in);
        int resultLimit = in.readInt();
        return new ChildSetup(id, code, new Wire(inCodecs, inLimits, outCodecs, outLimits, resultCodec, resultLimit));
    }

    private static void writeCode(DataOutputStream out, RoutineCode code) throws IOException {
        if (code instanceof FunctionWorkerBody body) {
            out.writeByte(FUNCTION_BODY);
            if (body.code() instanceof ClassNamedFunction named) {
                out.writeByte(CLASS_NAMED);
                out.writeUTF(named.className());
            } else {
                writeSerialized(out, body.code());
            }
            writeCodec(out, body.argsCodec());
            out.writeBoolean(body.exitOnDie());
            out.writeInt(body.maxCalls());
        } else if (code instanceof ClassNamedCode named) {
            out.writeByte(CLASS_NAMED);
            out.writeUTF(named.className());
        } else {
            writeSerialized(out, code);
        }
    }

    private static RoutineCode readCode(DataInputStream in) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        return switch (tag) {
            case FUNCTION_BODY -> {
                byte f = in.readByte();
                FunctionCode function = f == CLASS_NAMED ? new ClassNamedFunction(in.readUTF())
                        : f == SERIALIZED ? readSerialized(in, FunctionCode.class) : badTag("function", f);
                yield new FunctionWorkerBody(function, readCodec(in), in.readBoolean(), in.readInt());
            }
            case CLASS_NAMED -> new ClassNamedCode(in.readUTF());
            case SERIALIZED -> readSerialized(in, RoutineCode.class);
            default -> badTag("code", tag);
        };
    }

    private static void writeCodec(DataOutputStream out, Codec codec) throws IOException {
        if (codec instanceof RawBytesCodec) {
            out.writeByte(RAW_BYTES);
        } else if (codec instanceof ValueCodec v) {
            List<Class<?>> allowed = new ArrayList<>(v.allowed());
            if (allowed.isEmpty()) {
                out.writeByte(VALUE_DEFAULT);
            } else {
                out.writeByte(VALUE);
                out.writeInt(allowed.size());
                for (Class<?> c : allowed) {
                    out.writeUTF(c.getName());
                }
            }
        } else {
            writeSerialized(out, codec);
        }
    }

    private static Codec readCodec(DataInputStream in) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        return switch (tag) {
            case RAW_BYTES -> RawBytesCodec.INSTANCE;
            case VALUE_DEFAULT -> ValueCodec.DEFAULT;
            case VALUE -> {
                int n = in.readInt();
                Class<?>[] classes = new Class<?>[n];
                for (int i = 0; i < n; i++) {
                    classes[i] = Class.forName(in.readUTF(), false, Thread.currentThread().getContextClassLoader());
                }
                yield ValueCodec.builder().allow(classes).build();
            }
            case SERIALIZED -> readSerialized(in, Codec.class);
            default -> badTag("codec", tag);
        };
    }

    private static void writeSerialized(DataOutputStream out, Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream s = new ObjectOutputStream(b)) {
            s.writeObject(o);
        }
        out.writeByte(SERIALIZED);
        out.writeInt(b.size());
        b.writeTo(out);
    }

    private static <T> T readSerialized(DataInputStream in, Class<T> type) throws IOException, ClassNotFoundException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (ObjectInputStream s = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(s.readObject());
        }
    }

    private static <T> T badTag(String what, byte tag) throws IOException {
        throw new IOException("malformed routine setup: unknown " + what + " tag " + tag);
    }
}
