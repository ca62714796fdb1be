package dev.ioasync.routine.internal;

import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

/**
 * What a spare child JVM ({@link SpareChildren}) does while it waits for its setup: the work every
 * child does first (reading a serialized setup with a lambda in it, the value codec, framing), on
 * made-up values, so that the classes are loaded and linked before a routine needs them.
 *
 * <p>Thread rules: the child's main thread, before it reads the setup.
 */
final class SpareWarmUp {

    private SpareWarmUp() {
    }

    static void run() {
        try {
            FunctionCode add = args -> (Integer) args[0] + (Integer) args[1];
            Wire wire = new Wire(List.of(RawBytesCodec.INSTANCE, ValueCodec.DEFAULT), List.of(1 << 20, 1 << 20),
                    List.of(ValueCodec.DEFAULT), List.of(1 << 20), ValueCodec.DEFAULT, 1 << 20);
            ChildSetup setup = new ChildSetup("warm-up", new FunctionWorkerBody(add, ValueCodec.DEFAULT, false, 0), wire);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(b)) {
                out.writeObject(setup);
            }
            ChildSetup back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
                back = (ChildSetup) in.readObject();
            }
            FunctionWorkerBody body = (FunctionWorkerBody) back.code();
            Object[] args = (Object[]) ValueCodec.DEFAULT.decode(ValueCodec.DEFAULT.encode(new Object[] {1, 2}));
            Object r = body.code().apply(args);
            byte[] frame = Frames.frame(Frames.MESSAGE, 0, ValueCodec.DEFAULT.encode(new Object[] {"r", r,
                    Map.of("k", List.of(1L, 2.0, "s"))}));
            if (frame.length == 0) {
                throw new IllegalStateException("empty frame");
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            System.err.println("ioasync routine spare child: warm-up failed (harmless): " + e);
        } catch (Exception e) {
            System.err.println("ioasync routine spare child: warm-up failed (harmless): " + e);
        }
    }
}
