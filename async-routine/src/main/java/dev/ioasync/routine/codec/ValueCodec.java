package dev.ioasync.routine.codec;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default, safe and compact {@link Codec}: a tagged binary format for plain values, in the
 * spirit of Sereal as IO::Async::Channel uses it, with no Java serialization.
 *
 * <p>It carries {@code null}; {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer},
 * {@link Long}, {@link Float}, {@link Double}, {@link Character}, {@link BigInteger},
 * {@link BigDecimal} (each decoded as the same type); {@link String}; {@code byte[]} and the other
 * primitive arrays; arrays of carried values (typed by their component); {@link List} and other
 * collections (decoded as {@link ArrayList}), {@link Set} (as {@link LinkedHashSet}), {@link Map}
 * (as {@link LinkedHashMap}, order kept); all nested to any depth up to {@value #MAX_DEPTH}.
 *
 * <h2>Records and enums: registered classes only</h2>
 * A record or enum class crosses only when it is registered with the codec, at both ends:
 * <pre>{@code
 * ValueCodec codec = ValueCodec.builder().allow(Point.class, Colour.class).build();
 * channel.codec(codec);    // or routine.codec(codec), function.codec(codec)
 * }</pre>
 * A record is rebuilt through its canonical constructor (so its validation runs), an enum by
 * constant name. Bytes that name any other class are refused with a {@link CodecException} that
 * names the class and how to allow it, and that class is never looked up, loaded, initialized or
 * constructed: the codec resolves names only against its registry and a fixed list of JDK value
 * types. So a child JVM, or anything else that can write to its stdout, cannot make the parent run
 * code it did not choose. Encoding an unregistered record or enum fails the same way, at the
 * sender. {@link #DEFAULT} registers nothing: plain values only.
 *
 * <p>Malformed or truncated input is a {@link CodecException} that names the offset.
 */
public final class ValueCodec implements Codec {

    private static final long serialVersionUID = 1L;

    /** The deepest nesting accepted: {@value}. */
    public static final int MAX_DEPTH = 256;

    /** The shared default instance: plain values only, no record or enum class registered. */
    public static final ValueCodec DEFAULT = new ValueCodec(Map.of());

    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int FLOAT = 6;
    private static final int SHORT = 7;
    private static final int BYTE = 8;
    private static final int CHAR = 9;
    private static final int STRING = 10;
    private static final int BYTES = 11;
    private static final int LIST = 12;
    private static final int MAP = 13;
    private static final int RECORD = 14;
    private static final int ENUM = 15;
    private static final int ARRAY = 16;
    private static final int PRIMITIVE_ARRAY = 17;
    private static final int BIG_INTEGER = 18;
    private static final int BIG_DECIMAL = 19;
    private static final int SET = 20;

    /** The non-registered classes an array may be typed by: JDK value and collection types only. */
    private static final Map<String, Class<?>> PLAIN_TYPES = plainTypes();
    /**
     * The component name of an {@code Object[]} as it is written (its length, then its UTF-8
     * bytes): an {@code Object[]} (a Function's arguments, its workers' answers) is written and
     * read without reflection and without building the name.
     */
    private static final byte[] OBJECT_COMPONENT = lengthPrefixed(Object.class.getName());

    /** Registered record and enum classes by name; the only classes that decoding resolves. */
    private final Map<String, Class<?>> registered;

    private ValueCodec(Map<String, Class<?>> registered) {
        this.registered = Map.copyOf(registered);
    }

    /**
     * Starts a codec that also carries the record and enum classes given to
     * {@link Builder#allow}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers the record and enum classes a {@link ValueCodec} carries. Not thread-safe. */
    public static final class Builder {

        private final Map<String, Class<?>> types = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers record or enum classes.
         *
         * @param classes record or enum classes
         * @return this
         * @throws IllegalArgumentException when a class is neither a record nor an enum
         * @throws NullPointerException when {@code classes} or one of them is {@code null}
         */
        public Builder allow(Class<?>... classes) {
            java.util.Objects.requireNonNull(classes, "classes");
            for (int i = 0; i < classes.length; i++) {
                Class<?> c = java.util.Objects.requireNonNull(classes[i], "classes[" + i + "]");
                if (c.isEnum() || c.getSuperclass() != null && c.getSuperclass().isEnum()) {
                    c = c.isEnum() ? c : c.getSuperclass();
                } else if (!c.isRecord()) {
                    throw new IllegalArgumentException(c.getName() + " is neither a record nor an enum: the value"
                            + " codec carries plain values, records and enums only");
                }
                types.put(c.getName(), c);
            }
            return this;
        }

        /** {@return the codec} */
        public ValueCodec build() {
            return new ValueCodec(types);
        }
    }

    /** {@return the registered record and enum classes} */
    public Set<Class<?>> allowed() {
        return Set.copyOf(registered.values());
    }

    @Override
    public String name() {
        return "value";
    }

    @Override
    public byte[] encode(Object value) {
        ByteSink out = new ByteSink();
        write(out, value, 0);
        return out.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        java.util.Objects.requireNonNull(bytes, "bytes");
        ByteSource in = new ByteSource(bytes);
        Object v = read(in, 0);
        if (in.remaining() != 0) {
            throw new CodecException("malformed message: " + in.remaining() + " stray byte(s) after the value");
        }
        return v;
    }

    // ------------------------------------------------------------------ encoding

    private void write(ByteSink out, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException("value nested deeper than " + MAX_DEPTH);
        }
        // An if chain, not a pattern switch: a type switch bootstraps a generated class at its first
        // use, some milliseconds of every child JVM's start.
        if (v == null) {
            out.write(NULL);
        } else if (v instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (v instanceof Integer i) {
            out.write(INT);
            out.zigzag(i);
        } else if (v instanceof Long l) {
            out.write(LONG);
            out.zigzag(l);
        } else if (v instanceof Double d) {
            out.write(DOUBLE);
            out.fixed64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.write(FLOAT);
            out.varint(Float.floatToRawIntBits(f) & 0xFFFFFFFFL);
        } else if (v instanceof Short s) {
            out.write(SHORT);
            out.zigzag(s);
        } else if (v instanceof Byte b) {
            out.write(BYTE);
            out.zigzag(b);
        } else if (v instanceof Character c) {
            out.write(CHAR);
            out.varint(c);
        } else if (v instanceof String s) {
            out.write(STRING);
            out.string(s);
        } else if (v instanceof byte[] b) {
            out.write(BYTES);
            out.bytes(b);
        } else if (v instanceof BigInteger b) {
            out.write(BIG_INTEGER);
            out.bytes(b.toByteArray());
        } else if (v instanceof BigDecimal b) {
            out.write(BIG_DECIMAL);
            out.zigzag(b.scale());
            out.bytes(b.unscaledValue().toByteArray());
        } else if (v instanceof Set<?> s) {
            writeAll(out, SET, s, depth);
        } else if (v instanceof Collection<?> c) {
            writeAll(out, LIST, c, depth);
        } else if (v instanceof Map<?, ?> m) {
            out.write(MAP);
            out.varint(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(out, e.getKey(), depth + 1);
                write(out, e.getValue(), depth + 1);
            }
        } else if (v instanceof Record r) {
            writeRecord(out, r, depth);
        } else if (v instanceof Enum<?> e) {
            checkRegistered(e.getDeclaringClass(), "enum");
            out.write(ENUM);
            out.string(e.getDeclaringClass().getName());
            out.string(e.name());
        } else {
            writeArrayOrFail(out, v, depth);
        }
    }

    private void writeAll(ByteSink out, int tag, Collection<?> c, int depth) {
        out.write(tag);
        out.varint(c.size());
        for (Object o : c) {
            write(out, o, depth + 1);
        }
    }

    private void writeRecord(ByteSink out, Record r, int depth) {
        checkRegistered(r.getClass(), "record");
        RecordComponent[] components = r.getClass().getRecordComponents();
        out.write(RECORD);
        out.string(r.getClass().getName());
        out.varint(components.length);
        for (RecordComponent rc : components) {
            Object value;
            try {
                rc.getAccessor().setAccessible(true);
                value = rc.getAccessor().invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new CodecException("cannot read component " + rc.getName() + " of record "
                        + r.getClass().getName(), e);
            }
            write(out, value, depth + 1);
        }
    }

    private void writeArrayOrFail(ByteSink out, Object v, int depth) {
        Class<?> type = v.getClass();
        if (type == Object[].class) {
            Object[] a = (Object[]) v;
            out.write(ARRAY);
            out.write(OBJECT_COMPONENT);
            out.varint(a.length);
            for (Object o : a) {
                write(out, o, depth + 1);
            }
            return;
        }
        if (!type.isArray()) {
            throw new CodecException("the value codec cannot carry a " + type.getName()
                    + " (it carries null, booleans, numbers, strings, byte[], arrays, lists, sets, maps, records"
                    + " and enums)");
        }
        int n = Array.getLength(v);
        Class<?> component = type.getComponentType();
        if (component.isPrimitive()) {
            out.write(PRIMITIVE_ARRAY);
            out.string(component.getName());
            out.varint(n);
            for (int i = 0; i < n; i++) {
                write(out, Array.get(v, i), depth + 1);
            }
            return;
        }
        checkComponent(component);
        out.write(ARRAY);
        out.string(component.getName());
        out.varint(n);
        for (int i = 0; i < n; i++) {
            write(out, Array.get(v, i), depth + 1);
        }
    }

    // ------------------------------------------------------------------ decoding

    private Object read(ByteSource in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException("malformed message: nested deeper than " + MAX_DEPTH);
        }
        int at = in.position();
        int tag = in.read();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INT -> (int) in.zigzag();
            case LONG -> in.zigzag();
            case DOUBLE -> Double.longBitsToDouble(in.fixed64());
            case FLOAT -> Float.intBitsToFloat((int) in.varint());
            case SHORT -> (short) in.zigzag();
            case BYTE -> (byte) in.zigzag();
            case CHAR -> (char) in.varint();
            case STRING -> in.string();
            case BYTES -> in.bytes();
            case BIG_INTEGER -> new BigInteger(nonEmpty(in.bytes(), at));
            case BIG_DECIMAL -> {
                int scale = (int) in.zigzag();
                yield new BigDecimal(new BigInteger(nonEmpty(in.bytes(), at)), scale);
            }
            case LIST -> {
                int n = in.count(1);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, depth + 1));
                }
                yield list;
            }
            case SET -> {
                int n = in.count(1);
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(read(in, depth + 1));
                }
                yield set;
            }
            case MAP -> {
                int n = in.count(2);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = read(in, depth + 1);
                    map.put(k, read(in, depth + 1));
                }
                yield map;
            }
            case RECORD -> readRecord(in, depth);
            case ENUM -> readEnum(in);
            case ARRAY -> readArray(in, depth);
            case PRIMITIVE_ARRAY -> readPrimitiveArray(in, depth);
            default -> throw new CodecException("malformed message: unknown tag " + tag + " at offset " + at);
        };
    }

    private static byte[] nonEmpty(byte[] b, int at) {
        if (b.length == 0) {
            throw new CodecException("malformed message: empty big number at offset " + at);
        }
        return b;
    }

    private Object readRecord(ByteSource in, int depth) {
        String name = in.string();
        Class<?> type = registeredClass(name, "record");
        if (!type.isRecord()) {
            throw new CodecException("malformed message: " + name + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        int n = in.count(1);
        if (n != components.length) {
            throw new CodecException("malformed message: record " + name + " has " + components.length
                    + " components, the message has " + n);
        }
        Class<?>[] types = new Class<?>[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            types[i] = components[i].getType();
            values[i] = read(in, depth + 1);
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new CodecException("cannot rebuild record " + name + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CodecException("cannot rebuild record " + name + ": " + e, e);
        }
    }

    private Object readEnum(ByteSource in) {
        String name = in.string();
        String constant = in.string();
        Class<?> type = registeredClass(name, "enum");
        if (!type.isEnum()) {
            throw new CodecException("malformed message: " + name + " is not an enum");
        }
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(constant)) {
                return c;
            }
        }
        throw new CodecException("enum " + name + " has no constant " + constant);
    }

    private static byte[] lengthPrefixed(String s) {
        ByteSink out = new ByteSink();
        out.string(s);
        return out.toByteArray();
    }

    private Object readArray(ByteSource in, int depth) {
        if (in.skipIfNext(OBJECT_COMPONENT)) {
            Object[] array = new Object[in.count(1)];
            for (int i = 0; i < array.length; i++) {
                array[i] = read(in, depth + 1);
            }
            return array;
        }
        Class<?> component = componentType(in.string());
        int n = in.count(1);
        Object array = Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Object v = read(in, depth + 1);
            if (v != null && !component.isInstance(v)) {
                throw new CodecException("malformed message: a " + v.getClass().getName() + " in an array of "
                        + component.getName());
            }
            Array.set(array, i, v);
        }
        return array;
    }

    private Object readPrimitiveArray(ByteSource in, int depth) {
        String name = in.string();
        Class<?> component = switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            case "char" -> char.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            default -> throw new CodecException("malformed message: no primitive type " + name);
        };
        int n = in.count(1);
        Object array = Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Object v = read(in, depth + 1);
            try {
                Array.set(array, i, v);
            } catch (IllegalArgumentException e) {
                throw new CodecException("malformed message: " + v + " in a " + name + "[]", e);
            }
        }
        return array;
    }

    /** The registered class of a name read from the bytes; nothing else is ever looked up. */
    private Class<?> registeredClass(String name, String kind) {
        Class<?> type = registered.get(name);
        if (type == null) {
            throw new CodecException(notRegistered(name, kind));
        }
        return type;
    }

    private void checkRegistered(Class<?> type, String kind) {
        if (registered.get(type.getName()) != type) {
            throw new CodecException(notRegistered(type.getName(), kind));
        }
    }

    private static String notRegistered(String name, String kind) {
        return "the value codec refuses " + kind + " class " + name + ": it is not registered with this codec;"
                + " allow it with ValueCodec.builder().allow(" + name + ".class).build() and give that codec to"
                + " Channel.codec, Routine.codec or Function.codec (at both ends)";
    }

    /**
     * The component type an array in the bytes names, resolved against the fixed JDK types and
     * the registry only: {@code java.lang.String}, {@code [Ljava.lang.Integer;}, {@code [I}.
     */
    private Class<?> componentType(String name) {
        if (name.startsWith("[")) {
            String inner = name.substring(1);
            Class<?> c;
            if (inner.startsWith("L") && inner.endsWith(";")) {
                c = componentType(inner.substring(1, inner.length() - 1));
            } else if (inner.startsWith("[")) {
                c = componentType(inner);
            } else {
                c = switch (inner) {
                    case "Z" -> boolean.class;
                    case "B" -> byte.class;
                    case "S" -> short.class;
                    case "C" -> char.class;
                    case "I" -> int.class;
                    case "J" -> long.class;
                    case "F" -> float.class;
                    case "D" -> double.class;
                    default -> throw new CodecException("malformed message: no array type " + name);
                };
            }
            return c.arrayType();
        }
        Class<?> c = PLAIN_TYPES.get(name);
        if (c != null) {
            return c;
        }
        c = registered.get(name);
        if (c != null) {
            return c;
        }
        throw new CodecException("the value codec refuses an array of " + name + ": arrays carry JDK value types"
                + " and registered records and enums only; allow it with ValueCodec.builder().allow(" + name
                + ".class).build()");
    }

    /** Only arrays whose component is a value type the codec knows: never an arbitrary class. */
    private void checkComponent(Class<?> component) {
        Class<?> c = component;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || PLAIN_TYPES.get(c.getName()) == c) {
            return;
        }
        if (c.isRecord() || c.isEnum()) {
            checkRegistered(c, c.isRecord() ? "record" : "enum");
            return;
        }
        throw new CodecException("the value codec cannot carry arrays of " + component.getName());
    }

    private static Map<String, Class<?>> plainTypes() {
        Map<String, Class<?>> m = new java.util.HashMap<>();
        for (Class<?> c : List.of(Object.class, String.class, Boolean.class, Character.class, Byte.class, Short.class,
                Integer.class, Long.class, Float.class, Double.class, Number.class, BigInteger.class,
                BigDecimal.class, List.class, Map.class, Set.class, Collection.class, Record.class, Enum.class)) {
            m.put(c.getName(), c);
        }
        return Map.copyOf(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueCodec v && v.registered.equals(registered);
    }

    @Override
    public int hashCode() {
        return registered.hashCode();
    }

    @Override
    public String toString() {
        return "ValueCodec" + (registered.isEmpty() ? "" : new java.util.TreeSet<>(registered.keySet()));
    }
}
