package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.SerializationCodec;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    record Point(int x, long y, String label) {
    }

    record Nested(Point p, List<Point> more, Colour c) {
    }

    enum Colour { RED, GREEN }

    record Checked(int positive) {
        Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("not positive");
            }
        }
    }

    static final class Plain implements Serializable {
        private static final long serialVersionUID = 1L;
        int x = 7;
    }

    /** Counts what {@link Trap} runs: it must stay 0, since no codec here registers Trap. */
    static final AtomicInteger TRAP_RAN = new AtomicInteger();

    /** A record nobody registers: its static initializer and constructor count themselves. */
    record Trap(int x) {
        static {
            TRAP_RAN.incrementAndGet();
        }

        Trap {
            TRAP_RAN.incrementAndGet();
        }
    }

    private final ValueCodec codec = ValueCodec.builder().allow(Point.class, Nested.class, Colour.class,
            Checked.class).build();

    private Object roundTrip(Object v) {
        return codec.decode(codec.encode(v));
    }

    @Test
    void scalarsKeepTheirTypes() {
        for (Object v : new Object[] {null, true, false, 1, -1, Integer.MIN_VALUE, Long.MAX_VALUE, 3.5, 2.5f,
                (short) -3, (byte) 7, 'x', "héllo ✓", "", new BigInteger("123456789012345678901234567890"),
                new BigDecimal("-12.3400")}) {
            assertThat(roundTrip(v)).isEqualTo(v);
            if (v != null) {
                assertThat(roundTrip(v)).isInstanceOf(v.getClass());
            }
        }
    }

    @Test
    void collectionsArraysRecordsEnumsNested() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2, 3));
        m.put("a", Map.of("x", Set.of("y")));
        assertThat(roundTrip(m)).isEqualTo(m);
        assertThat(List.<Object>copyOf(((Map<?, ?>) roundTrip(m)).keySet())).containsExactly("b", "a");
        assertThat((byte[]) roundTrip(new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
        assertThat((int[]) roundTrip(new int[] {4, 5})).containsExactly(4, 5);
        assertThat((double[]) roundTrip(new double[] {1.5})).containsExactly(1.5);
        assertThat((String[]) roundTrip(new String[] {"a", null})).containsExactly("a", null);
        assertThat((Object[]) roundTrip(new Object[] {1, "two", null})).containsExactly(1, "two", null);
        assertThat((String[][]) roundTrip(new String[][] {{"a"}, {"b", "c"}})).isDeepEqualTo(
                new String[][] {{"a"}, {"b", "c"}});
        Nested n = new Nested(new Point(1, 2, "p"), List.of(new Point(3, 4, null)), Colour.GREEN);
        assertThat(roundTrip(n)).isEqualTo(n);
        assertThat((Point[]) roundTrip(new Point[] {new Point(1, 1, "a")})).containsExactly(new Point(1, 1, "a"));
        assertThat(roundTrip(Colour.RED)).isSameAs(Colour.RED);
    }

    @Test
    void unsupportedTypesAreClearErrors() {
        assertThatThrownBy(() -> codec.encode(new AtomicInteger(1))).isInstanceOf(CodecException.class)
                .hasMessageContaining("java.util.concurrent.atomic.AtomicInteger");
        assertThatThrownBy(() -> codec.encode(new Plain())).isInstanceOf(CodecException.class)
                .hasMessageContaining("Plain");
        assertThatThrownBy(() -> codec.encode(new Thread[0])).isInstanceOf(CodecException.class)
                .hasMessageContaining("arrays of java.lang.Thread");
    }

    @Test
    void malformedAndTruncatedInputFailsClearly() {
        byte[] good = codec.encode(List.of("abc", 1, Map.of("k", 2)));
        for (int cut = 0; cut < good.length; cut++) {
            byte[] part = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> codec.decode(part)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("truncated");
        }
        assertThatThrownBy(() -> codec.decode(new byte[] {99})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown tag 99");
        // a list claiming two billion elements in four bytes: refused without allocating them
        assertThatThrownBy(() -> codec.decode(new byte[] {12, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7}))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
        byte[] stray = Arrays.copyOf(codec.encode(1), 3);
        assertThatThrownBy(() -> codec.decode(stray)).isInstanceOf(CodecException.class)
                .hasMessageContaining("stray");
    }

    @Test
    void decodingOnlyBuildsRecordsAndEnumsAndRunsRecordValidation() {
        byte[] checked = codec.encode(new Checked(5));
        // flip the component to -5 (zigzag 9): the canonical constructor refuses it
        checked[checked.length - 1] = 9;
        assertThatThrownBy(() -> codec.decode(checked)).isInstanceOf(CodecException.class)
                .hasMessageContaining("not positive");
        byte[] recordOfThread = codec.encode(new Point(1, 1, "a"));
        String text = new String(recordOfThread, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(Point.class.getName(), "java.lang.Thread$Builde");
        assertThatThrownBy(() -> codec.decode(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> ValueCodec.DEFAULT.decode(codec.encode(Colour.RED)))
                .isInstanceOf(CodecException.class).hasMessageContaining(Colour.class.getName())
                .hasMessageContaining("ValueCodec.builder().allow(");
        assertThat(ValueCodec.builder().allow(Colour.class).build().decode(codec.encode(Colour.RED)))
                .isSameAs(Colour.RED);
    }

    @Test
    void anUnregisteredRecordIsRefusedWithoutItsStaticInitializerOrConstructorRunning() {
        byte[] name = Trap.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // RECORD tag, the class name, 1 component, INT 5 (zigzag 10): what a hostile child could write
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(14);
        b.write(name.length);
        b.writeBytes(name);
        b.write(1);
        b.write(3);
        b.write(10);
        byte[] bytes = b.toByteArray();
        for (ValueCodec c : List.of(ValueCodec.DEFAULT, codec)) {
            assertThatThrownBy(() -> c.decode(bytes)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("record class " + Trap.class.getName())
                    .hasMessageContaining("not registered")
                    .hasMessageContaining("ValueCodec.builder().allow(" + Trap.class.getName() + ".class)");
        }
        // an array typed by it, and the same name as an enum
        byte[] array = new byte[name.length + 4];
        array[0] = 16;
        array[1] = (byte) name.length;
        System.arraycopy(name, 0, array, 2, name.length);
        array[name.length + 2] = 0;
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(array, name.length + 3)))
                .isInstanceOf(CodecException.class).hasMessageContaining("refuses an array of " + Trap.class.getName());
        byte[] asEnum = bytes.clone();
        asEnum[0] = 15;
        assertThatThrownBy(() -> codec.decode(asEnum)).isInstanceOf(CodecException.class)
                .hasMessageContaining("enum class " + Trap.class.getName());
        assertThat(TRAP_RAN).as("Trap's static initializer and constructor never ran").hasValue(0);
    }

    @Test
    void plainValuesNeedNoRegistrationButRecordsAndEnumsDoAtTheSender() {
        assertThat(ValueCodec.DEFAULT.decode(ValueCodec.DEFAULT.encode(List.of(1, "a", Map.of("k", 2.5)))))
                .isEqualTo(List.of(1, "a", Map.of("k", 2.5)));
        assertThatThrownBy(() -> ValueCodec.DEFAULT.encode(new Point(1, 2, "p"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("record class " + Point.class.getName()).hasMessageContaining("not registered");
        assertThatThrownBy(() -> ValueCodec.DEFAULT.encode(List.of(Colour.RED))).isInstanceOf(CodecException.class)
                .hasMessageContaining("enum class " + Colour.class.getName());
        assertThatThrownBy(() -> ValueCodec.DEFAULT.encode(new Point[0])).isInstanceOf(CodecException.class)
                .hasMessageContaining(Point.class.getName());
        assertThatThrownBy(() -> ValueCodec.builder().allow(Plain.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a record nor an enum");
        assertThatThrownBy(() -> ValueCodec.builder().allow((Class<?>) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("classes[0]");
        assertThat(codec.allowed()).contains(Point.class, Colour.class);
    }

    @Test
    void serializationOnlyWithAnAllowList() {
        SerializationCodec allowed = SerializationCodec.allowing(Plain.class.getName());
        assertThat(((Plain) allowed.decode(allowed.encode(new Plain()))).x).isEqualTo(7);
        assertThat(allowed.decode(allowed.encode(List.of(1, "a")))).isEqualTo(List.of(1, "a"));
        SerializationCodec strict = SerializationCodec.allowing("com.example.*");
        assertThatThrownBy(() -> strict.decode(strict.encode(new Plain()))).isInstanceOf(CodecException.class)
                .hasMessageContaining("allow-list");
        assertThatThrownBy(() -> strict.decode(new byte[] {1, 2, 3})).isInstanceOf(CodecException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> SerializationCodec.allowing("!*")).isInstanceOf(IllegalArgumentException.class);
    }
}
