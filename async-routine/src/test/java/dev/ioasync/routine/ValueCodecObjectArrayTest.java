package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The value codec's {@code Object[]} (a Function's arguments and its workers' answers) and short
 * strings: written and read on a short path, with the same bytes as every other array.
 */
class ValueCodecObjectArrayTest {

    private static final ValueCodec CODEC = ValueCodec.DEFAULT;

    @Test
    void anObjectArrayHasTheBytesOfEveryArrayNamedByItsComponent() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        byte[] name = "java.lang.Object".getBytes(StandardCharsets.US_ASCII);
        expected.write(16); // ARRAY
        expected.write(name.length);
        expected.writeBytes(name);
        expected.write(2); // two elements
        expected.write(3); // INT
        expected.write(2); // zigzag(1)
        expected.write(10); // STRING
        expected.write(1);
        expected.write('r');
        assertThat(CODEC.encode(new Object[] {1, "r"})).isEqualTo(expected.toByteArray());
        assertThat((Object[]) CODEC.decode(expected.toByteArray())).containsExactly(1, "r");
    }

    @Test
    void objectArraysRoundTripNestedAndBesideOtherArrays() {
        Object[] value = {"r", new Object[] {null, 2L, "é", "ab"}, new String[] {"x"}, List.of((Object) new Object[0])};
        Object[] back = (Object[]) CODEC.decode(CODEC.encode(value));
        assertThat(back[0]).isEqualTo("r");
        assertThat((Object[]) back[1]).containsExactly(null, 2L, "é", "ab");
        assertThat(back[2]).isInstanceOf(String[].class);
        assertThat((String[]) back[2]).containsExactly("x");
        assertThat((Object[]) ((List<?>) back[3]).get(0)).isEmpty();
    }

    @Test
    void everyOneCharacterStringComesBackEqual() {
        for (char c = 0; c < 300; c++) {
            String s = String.valueOf(c);
            assertThat(CODEC.decode(CODEC.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void aTruncatedObjectArrayIsRefusedWithItsCount() {
        byte[] whole = CODEC.encode(new Object[] {1, 2, 3});
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 4);
        assertThatThrownBy(() -> CODEC.decode(cut)).isInstanceOf(CodecException.class).hasMessageContaining("truncated");
    }
}
