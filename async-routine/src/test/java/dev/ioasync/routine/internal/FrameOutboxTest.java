package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.spi.LoopProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loop's frame writer on a real non-blocking loop pipe: frames coalesce into few writes, a
 * full pipe takes part and the rest waits (no write blocks), and the reader gets every frame,
 * big ones included, whole and in order.
 */
class FrameOutboxTest {

    static Stream<String> backends() {
        return Loop.providers().stream().filter(LoopProvider::isAvailable).map(LoopProvider::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void framesCoalesceAndAFullPipeNeverBlocksNorLosesAFrame(String backend) throws IOException {
        try (Loop loop = Loop.create(backend); PipePair pipe = loop.pipe()) {
            FrameOutbox outbox = new FrameOutbox(1);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int size = i == 150 ? 1 << 20 : i % 17 * 41;
                byte[] p = new byte[size];
                java.util.Arrays.fill(p, (byte) i);
                outbox.add(Frames.MESSAGE, i % 3, p);
                sent.add(i % 3 + "/" + size + "/" + i);
            }
            FrameParser parser = new FrameParser((kind, channel) -> Frames.MAX_PAYLOAD);
            List<String> got = new ArrayList<>();
            ByteBuffer in = ByteBuffer.allocate(16 << 10);
            int partialRounds = 0;
            boolean done = false;
            for (int round = 0; round < 10_000 && !(done && got.size() == sent.size()); round++) {
                done = outbox.writeTo(pipe.writer());
                if (!done) {
                    partialRounds++;
                }
                int n;
                while ((n = pipe.reader().read(in)) > 0) {
                    in.flip();
                    parser.feed(in, (kind, ch, payload) -> got.add(ch + "/" + payload.length + "/"
                            + (payload.length == 0 ? "x" : payload[0] & 0xFF)));
                    in.clear();
                }
            }
            assertThat(partialRounds).as("the 1 MiB frame fills the pipe: the outbox keeps the rest").isPositive();
            assertThat(outbox.isEmpty()).isTrue();
            assertThat(got).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                String[] s = sent.get(i).split("/");
                String[] g = got.get(i).split("/");
                assertThat(g[0] + "/" + g[1]).as("frame %d", i).isEqualTo(s[0] + "/" + s[1]);
                if (!"0".equals(s[1])) {
                    assertThat(Integer.parseInt(g[2])).as("frame %d's bytes", i).isEqualTo(Integer.parseInt(s[2]) & 0xFF);
                }
            }
        }
    }

    /** Counts the writes that reach a handle. */
    private static final class CountingHandle implements IoHandle {
        final IoHandle inner;
        int writes;

        CountingHandle(IoHandle inner) {
            this.inner = inner;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            writes++;
            return inner.write(src);
        }

        @Override
        public boolean isReadable() {
            return inner.isReadable();
        }

        @Override
        public boolean isWritable() {
            return inner.isWritable();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        @Override
        public String backend() {
            return inner.backend();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aHundredSmallFramesLeaveWithOneWrite(String backend) throws IOException {
        try (Loop loop = Loop.create(backend); PipePair pipe = loop.pipe()) {
            FrameOutbox outbox = new FrameOutbox(1);
            for (int i = 0; i < 100; i++) {
                outbox.add(Frames.MESSAGE, 0, new byte[] {(byte) i, 2, 3});
            }
            CountingHandle out = new CountingHandle(pipe.writer());
            assertThat(outbox.writeTo(out)).isTrue();
            assertThat(out.writes).isEqualTo(1);
            ByteBuffer in = ByteBuffer.allocate(4096);
            assertThat(pipe.reader().read(in)).isEqualTo(100 * (Frames.HEADER + 3));
        }
    }
}
