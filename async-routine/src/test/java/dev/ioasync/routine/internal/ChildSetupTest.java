package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.SerializationCodec;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The setup a parent sends its child JVM: written by hand for what the project knows (no Java
 * serialization stream in it), with only the user's own objects Java-serialized, and read back
 * the same.
 */
class ChildSetupTest {

    /** A registered record of a {@link ValueCodec}. */
    record Point(int x, int y) {
    }

    private static final Wire WIRE = new Wire(List.of(RawBytesCodec.INSTANCE, ValueCodec.DEFAULT), List.of(100, 200),
            List.of(ValueCodec.builder().allow(Point.class).build()), List.of(300), ValueCodec.DEFAULT, 400);

    @Test
    void aClassNamedFunctionWorkerTravelsWithoutJavaSerialization() throws Exception {
        ChildSetup sent = new ChildSetup("r1", new FunctionWorkerBody(
                new ClassNamedFunction(AotCache.TrainingAdd.class.getName()), ValueCodec.DEFAULT, true, 7), WIRE);
        byte[] payload = sent.encode();
        assertThat(containsSerializationStream(payload)).as("a Java serialization stream in the payload").isFalse();

        ChildSetup got = ChildSetup.decode(payload);
        assertThat(got.id()).isEqualTo("r1");
        FunctionWorkerBody body = (FunctionWorkerBody) got.code();
        assertThat(body.code()).isInstanceOf(ClassNamedFunction.class);
        assertThat(((ClassNamedFunction) body.code()).className()).isEqualTo(AotCache.TrainingAdd.class.getName());
        assertThat(body.code().apply(2, 3)).isEqualTo(5);
        assertThat(body.argsCodec()).isSameAs(ValueCodec.DEFAULT);
        assertThat(body.exitOnDie()).isTrue();
        assertThat(body.maxCalls()).isEqualTo(7);
        assertWire(got.wire());
    }

    @Test
    void aLambdaFunctionIsJavaSerializedAloneAndRunsAfterTheTrip() throws Exception {
        int base = 40;
        FunctionCode add = args -> base + (Integer) args[0];
        ChildSetup got = ChildSetup.decode(new ChildSetup("r2",
                new FunctionWorkerBody(add, RawBytesCodec.INSTANCE, false, 0), WIRE).encode());
        FunctionWorkerBody body = (FunctionWorkerBody) got.code();
        assertThat(body.code().apply(2)).isEqualTo(42);
        assertThat(body.argsCodec()).isSameAs(RawBytesCodec.INSTANCE);
        assertThat(body.exitOnDie()).isFalse();
        assertThat(body.maxCalls()).isZero();
        assertWire(got.wire());
    }

    @Test
    void routineCodeByClassAndByLambdaAndAUsersCodecTravel() throws Exception {
        ChildSetup named = ChildSetup.decode(new ChildSetup("r3", new ClassNamedCode("a.B"), WIRE).encode());
        assertThat(named.code()).isEqualTo(new ClassNamedCode("a.B"));

        RoutineCode lambda = ctx -> "ran";
        Codec users = SerializationCodec.allowing("java.lang.*");
        Wire wire = new Wire(List.of(users), List.of(5), List.of(), List.of(), users, 6);
        ChildSetup got = ChildSetup.decode(new ChildSetup("r4", lambda, wire).encode());
        assertThat(got.code().run(null)).isEqualTo("ran");
        assertThat(got.wire().inCodecs().get(0)).isInstanceOf(SerializationCodec.class);
        assertThat(got.wire().resultCodec()).isInstanceOf(SerializationCodec.class);
        assertThat(got.wire().inLimits()).containsExactly(5);
        assertThat(got.wire().outCodecs()).isEmpty();
        assertThat(got.wire().resultLimit()).isEqualTo(6);
    }

    @Test
    void codeThatCannotBeSerializedIsRefusedByTheParentWithTheReason() {
        Object notSerializable = new Object();
        RoutineCode captures = ctx -> notSerializable.toString();
        assertThatThrownBy(() -> new ChildSetup("r5", captures, WIRE).encode())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PROCESS model needs code named by class or a serializable lambda");
    }

    @Test
    void aPayloadThatIsNotASetupIsRefusedWithAClearError() throws IOException {
        assertThatThrownBy(() -> ChildSetup.decode(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IOException.class).hasMessageContaining("not a routine setup")
                .hasMessageContaining("same version");

        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(ChildSetup.MAGIC);
            out.writeUTF("r6");
            out.writeByte(99);
        }
        assertThatThrownBy(() -> ChildSetup.decode(b.toByteArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown code tag 99");

        byte[] good = new ChildSetup("r7", new ClassNamedCode("a.B"), WIRE).encode();
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> ChildSetup.decode(cut)).isInstanceOf(IOException.class);
    }

    @Test
    void theChildReadsItsSetupFromTheFirstFrameAndRefusesAnyOtherFirstFrame() throws Exception {
        byte[] setup = new ChildSetup("r8", new ClassNamedCode("a.B"), WIRE).encode();
        assertThat(ChildMain.readSetup(frames(Frames.frame(Frames.SETUP, 0, setup))).id()).isEqualTo("r8");
        assertThat(ChildMain.readSetup(frames(new byte[0]))).as("end of stream before the setup").isNull();
        assertThatThrownBy(() -> ChildMain.readSetup(frames(Frames.frame(Frames.MESSAGE, 0, new byte[1]))))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("no setup frame");
    }

    private static DataInputStream frames(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static void assertWire(Wire w) {
        assertThat(w.inCodecs()).hasSize(2);
        assertThat(w.inCodecs().get(0)).isSameAs(RawBytesCodec.INSTANCE);
        assertThat(w.inCodecs().get(1)).isSameAs(ValueCodec.DEFAULT);
        assertThat(w.inLimits()).containsExactly(100, 200);
        assertThat(((ValueCodec) w.outCodecs().get(0)).allowed()).containsExactly(Point.class);
        assertThat(w.outLimits()).containsExactly(300);
        assertThat(w.resultCodec()).isSameAs(ValueCodec.DEFAULT);
        assertThat(w.resultLimit()).isEqualTo(400);
    }

    /** {@return whether the bytes hold the magic number a Java serialization stream starts with} */
    private static boolean containsSerializationStream(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xAC && (b[i + 1] & 0xFF) == 0xED) {
                return true;
            }
        }
        return false;
    }
}
