package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Low-level readiness: {@code watchIo}, {@code unwatchIo} and {@code pipe}. */
public abstract class IoWatchTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected IoWatchTck() {
    }

    private static int write(IoHandle h, String s) throws IOException {
        return h.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String readAll(IoHandle h) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        StringBuilder sb = new StringBuilder();
        int n;
        while ((n = h.read(buf)) > 0) {
            buf.flip();
            sb.append(StandardCharsets.UTF_8.decode(buf));
            buf.clear();
        }
        return sb.toString();
    }

    @Test
    void io_pipeIsNonBlockingAndEmptyReadsReturnZero() throws Exception {
        try (PipePair p = loop.pipe()) {
            assertThat(p.reader().isReadable()).isTrue();
            assertThat(p.reader().isWritable()).isFalse();
            assertThat(p.writer().isWritable()).isTrue();
            assertThat(p.reader().read(ByteBuffer.allocate(16))).isZero();
            assertThat(p.reader().backend()).isEqualTo(provider().name());
        }
    }

    @Test
    void io_readReadyAfterAWriteFromAnotherThread() throws Exception {
        try (PipePair p = loop.pipe()) {
            List<String> got = new ArrayList<>();
            loop.watchIo(p.reader(), () -> {
                try {
                    got.add(readAll(p.reader()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, null);
            Thread writer = new Thread(() -> {
                try {
                    write(p.writer(), "hello");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            runUntil(loop, () -> String.join("", got).equals("hello"), "the bytes written by another thread");
            writer.join(WAIT.toMillis());
        }
    }

    @Test
    void io_readinessIsLevelTriggeredUntilTheDataIsRead() throws Exception {
        try (PipePair p = loop.pipe()) {
            write(p.writer(), "abc");
            int[] calls = {0};
            loop.watchIo(p.reader(), () -> calls[0]++, null);
            runUntil(loop, () -> calls[0] >= 3, "three read-ready calls while unread data stays");
            loop.unwatchIo(p.reader());
            assertThat(readAll(p.reader())).isEqualTo("abc");
        }
    }

    @Test
    void io_anEmptyPipeIsWriteReady() throws Exception {
        try (PipePair p = loop.pipe()) {
            boolean[] writable = {false};
            loop.watchIo(p.writer(), null, () -> writable[0] = true);
            runUntil(loop, () -> writable[0], "write-ready on an empty pipe");
            loop.unwatchIo(p.writer());
        }
    }

    @Test
    void io_aFullPipeIsNotWriteReadyUntilDrained() throws Exception {
        try (PipePair p = loop.pipe()) {
            ByteBuffer chunk = ByteBuffer.allocate(65536);
            long total = 0;
            int n;
            while ((n = p.writer().write(chunk.clear())) > 0) {
                total += n;
            }
            assertThat(total).isPositive();
            int[] writable = {0};
            loop.watchIo(p.writer(), null, () -> writable[0]++);
            loop.loopOnce(Duration.ofMillis(50));
            assertThat(writable[0]).isZero();
            ByteBuffer sink = ByteBuffer.allocate(1 << 20);
            long drained = 0;
            while (drained < total) {
                int r = p.reader().read(sink.clear());
                if (r <= 0) {
                    break;
                }
                drained += r;
            }
            runUntil(loop, () -> writable[0] > 0, "write-ready after the reader drained the pipe");
        }
    }

    @Test
    void io_unwatchThenWatchAgain() throws Exception {
        try (PipePair p = loop.pipe()) {
            int[] calls = {0};
            Runnable onRead = () -> calls[0]++;
            write(p.writer(), "x");
            loop.watchIo(p.reader(), onRead, null);
            runUntil(loop, () -> calls[0] > 0, "first read-ready");
            loop.unwatchIo(p.reader());
            assertThat(loop.watchedHandles()).isZero();
            int before = calls[0];
            loop.loopOnce(Duration.ofMillis(20));
            assertThat(calls[0]).isEqualTo(before);
            loop.watchIo(p.reader(), onRead, null);
            runUntil(loop, () -> calls[0] > before, "read-ready after watching again");
            loop.unwatchIo(p.reader());
        }
    }

    @Test
    void io_unwatchingOneDirectionKeepsTheOther() throws Exception {
        try (PipePair p = loop.pipe()) {
            // a pipe end is one-directional, so watch two handles and drop one direction of interest
            int[] writes = {0};
            loop.watchIo(p.writer(), null, () -> writes[0]++);
            loop.unwatchIo(p.writer(), true, false); // only read: write interest stays
            runUntil(loop, () -> writes[0] > 0, "write-ready after unwatching read only");
            loop.unwatchIo(p.writer(), false, true);
            assertThat(loop.watchedHandles()).isZero();
        }
    }

    @Test
    void io_peerCloseReportsReadReadyAndEndOfStream() throws Exception {
        try (PipePair p = loop.pipe()) {
            int[] result = {Integer.MIN_VALUE};
            loop.watchIo(p.reader(), () -> {
                try {
                    result[0] = p.reader().read(ByteBuffer.allocate(16));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, null);
            p.writer().close();
            runUntil(loop, () -> result[0] == -1, "end of stream after the writer closed");
            loop.unwatchIo(p.reader());
        }
    }

    @Test
    void io_aCallbackThatUnwatchesAnotherReadyHandleInTheSameIterationIsSafe() throws Exception {
        try (PipePair a = loop.pipe(); PipePair b = loop.pipe()) {
            write(a.writer(), "a");
            write(b.writer(), "b");
            List<String> calls = new ArrayList<>();
            Runnable both = () -> {
                loop.unwatchIo(a.reader());
                loop.unwatchIo(b.reader());
            };
            loop.watchIo(a.reader(), () -> {
                calls.add("a");
                both.run();
            }, null);
            loop.watchIo(b.reader(), () -> {
                calls.add("b");
                both.run();
            }, null);
            runUntil(loop, () -> !calls.isEmpty(), "one of two ready pipes");
            loop.loopOnce(Duration.ofMillis(20));
            // whichever ran first unwatched the other before its recorded event was dispatched
            assertThat(calls).hasSize(1);
            assertThat(loop.watchedHandles()).isZero();
        }
    }

    @Test
    void io_aHandleClosedWhileWatchedIsDroppedWithoutSpinning() throws Exception {
        PipePair p = loop.pipe();
        int[] calls = {0};
        loop.watchIo(p.reader(), () -> calls[0]++, null);
        p.reader().close();
        loop.loopOnce(Duration.ZERO);
        long t0 = System.nanoTime();
        loop.loopOnce(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(calls[0]).isZero();
        loop.unwatchIo(p.reader());
        assertThat(loop.watchedHandles()).isZero();
        p.writer().close();
    }

    @Test
    void io_aHandleClosedByItsOwnCallbackIsDroppedCleanly() throws Exception {
        PipePair p = loop.pipe();
        write(p.writer(), "bye");
        int[] calls = {0};
        loop.watchIo(p.reader(), () -> {
            calls[0]++;
            try {
                p.reader().close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, null);
        runUntil(loop, () -> calls[0] > 0, "the read callback");
        loop.loopOnce(Duration.ofMillis(30));
        loop.loopOnce(Duration.ofMillis(30));
        assertThat(calls[0]).isEqualTo(1);
        loop.unwatchIo(p.reader());
        p.writer().close();
    }

    @Test
    void io_watchingAfterUnwatchInTheSameIterationWorks() throws Exception {
        try (PipePair p = loop.pipe()) {
            write(p.writer(), "x");
            int[] second = {0};
            loop.watchIo(p.reader(), () -> {
                loop.unwatchIo(p.reader());
                loop.watchIo(p.reader(), () -> second[0]++, null);
            }, null);
            runUntil(loop, () -> second[0] > 0, "the replacement callback");
            loop.unwatchIo(p.reader());
        }
    }

    @Test
    void io_watchingAHandleOfAnotherBackendOrTheWrongDirectionIsRefused() throws Exception {
        IoHandle foreign = new IoHandle() {
            @Override
            public int read(ByteBuffer dst) {
                return 0;
            }

            @Override
            public int write(ByteBuffer src) {
                return 0;
            }

            @Override
            public boolean isReadable() {
                return true;
            }

            @Override
            public boolean isWritable() {
                return true;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }

            @Override
            public String backend() {
                return "elsewhere";
            }
        };
        assertThatThrownBy(() -> loop.watchIo(foreign, () -> { }, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elsewhere").hasMessageContaining(provider().name());
        try (PipePair p = loop.pipe()) {
            assertThatThrownBy(() -> loop.watchIo(p.writer(), () -> { }, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write-only");
            assertThatThrownBy(() -> loop.watchIo(p.reader(), null, () -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
        }
        PipePair closed = loop.pipe();
        closed.close();
        assertThatThrownBy(() -> loop.watchIo(closed.reader(), () -> { }, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closed");
        assertThat(loop.watchedHandles()).isZero();
    }
}
