package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.stream.DirectBufferPool;
import dev.ioasync.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who owns the bytes of a write: {@code write(byte[])}, {@code write(String)} and
 * {@code write(ByteBuffer)} copy them at once (into a pooled direct buffer of the loop thread, so
 * the caller may reuse its array); {@link Stream#writeOwned(ByteBuffer)} takes the caller's buffer
 * without a copy until its future is ready. The pool gets every buffer back, whether the bytes were
 * written or the stream closed with them queued, and keeps a bounded amount.
 */
public abstract class StreamOwnedWriteTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected StreamOwnedWriteTck() {
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 13);
        }
        return b;
    }

    private static int drain(IoHandle reader, ByteArrayOutputStream into) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        int total = 0;
        int n;
        while ((n = reader.read(b.clear())) > 0) {
            into.write(b.array(), 0, n);
            total += n;
        }
        return total;
    }

    /** Runs the loop, reading the pipe, until every future is ready; returns what was read. */
    private byte[] runReading(PipePair p, List<Future<Void>> futures) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        runUntil(loop, () -> {
            try {
                drain(p.reader(), got);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return futures.stream().allMatch(Future::isReady);
        }, "every write");
        drain(p.reader(), got);
        return got.toByteArray();
    }

    @Test
    void owned_writeOfAnArrayOrBufferCopiesAtOnceSoTheCallerMayReuseIt() throws Exception {
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer());
            loop.add(s);
            byte[] array = "array".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer buffer = ByteBuffer.allocateDirect(6).put("buffer".getBytes(StandardCharsets.US_ASCII)).flip();
            byte[] big = pattern(DirectBufferPool.MAX_SIZE + 10, 3); // past the pool's largest: copied into the heap
            byte[] bigCopy = big.clone();
            List<Future<Void>> futures = new ArrayList<>();
            futures.add(s.write(array));
            futures.add(s.write(buffer));
            futures.add(s.write(big));
            Arrays.fill(array, (byte) '!');
            buffer.put(0, (byte) '!');
            Arrays.fill(big, (byte) '!');
            assertThat(buffer.position()).as("write(ByteBuffer) leaves the caller's position").isZero();
            byte[] got = runReading(p, futures);
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.writeBytes("arraybuffer".getBytes(StandardCharsets.US_ASCII));
            want.writeBytes(bigCopy);
            assertThat(got).isEqualTo(want.toByteArray());
            assertThat(futures).allMatch(Future::isDone);
            s.closeNow();
        }
    }

    @Test
    void owned_writeOwnedSendsTheCallersBuffersWithoutACopyAndMovesThemToTheirLimit() throws Exception {
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer());
            loop.add(s);
            ByteBuffer shared = ByteBuffer.allocateDirect(40 * 1024).put(pattern(40 * 1024, 7)).flip();
            ByteBuffer heap = ByteBuffer.wrap(pattern(1000, 9), 10, 500);
            List<ByteBuffer> handed = new ArrayList<>();
            List<Future<Void>> futures = new ArrayList<>();
            int[] written = {0};
            boolean[] flushed = {false};
            for (int i = 0; i < 5; i++) {
                ByteBuffer dup = shared.asReadOnlyBuffer();
                handed.add(dup);
                futures.add(s.writeOwned(dup));
            }
            handed.add(heap);
            futures.add(s.writeOwned(heap, n -> written[0] += n, () -> flushed[0] = true));
            byte[] got = runReading(p, futures);
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                want.writeBytes(pattern(40 * 1024, 7));
            }
            want.write(pattern(1000, 9), 10, 500);
            assertThat(got).isEqualTo(want.toByteArray());
            assertThat(futures).allMatch(Future::isDone);
            assertThat(handed).allMatch(b -> !b.hasRemaining());
            assertThat(shared.position()).as("the shared buffer itself is untouched").isZero();
            assertThat(written[0]).isEqualTo(500);
            assertThat(flushed[0]).isTrue();
            s.closeNow();
        }
    }

    @Test
    void owned_theSameBufferHandedToManyStreamsAsDuplicatesReachesEachOne() throws Exception {
        ByteBuffer shared = ByteBuffer.allocateDirect(10_000).put(pattern(10_000, 1)).flip().asReadOnlyBuffer();
        List<PipePair> pipes = new ArrayList<>();
        List<Future<Void>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                PipePair p = loop.pipe();
                pipes.add(p);
                Stream s = new Stream(null, p.writer());
                loop.add(s);
                futures.add(s.writeOwned(shared.duplicate()));
                futures.add(s.writeOwned(shared.duplicate()));
            }
            for (PipePair p : pipes) {
                byte[] got = runReading(p, futures);
                ByteArrayOutputStream want = new ByteArrayOutputStream();
                want.writeBytes(pattern(10_000, 1));
                want.writeBytes(pattern(10_000, 1));
                assertThat(got).isEqualTo(want.toByteArray());
            }
        } finally {
            for (PipePair p : pipes) {
                p.close();
            }
        }
    }

    @Test
    void owned_theBuffersOfWrittenChunksGoBackToThePoolWhichKeepsABoundedAmount() throws Exception {
        long lentBefore = DirectBufferPool.lentBytes();
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer());
            loop.add(s);
            List<Future<Void>> futures = new ArrayList<>();
            byte[] chunk = pattern(64 * 1024, 5);
            for (int i = 0; i < 200; i++) { // 12.5 MiB through the pool, more than it may keep
                futures.add(s.write(chunk));
            }
            assertThat(DirectBufferPool.lentBytes()).isGreaterThan(lentBefore);
            byte[] got = runReading(p, futures);
            assertThat(got).hasSize(200 * chunk.length);
            assertThat(futures).allMatch(Future::isDone);
            assertThat(DirectBufferPool.lentBytes()).isEqualTo(lentBefore);
            assertThat(DirectBufferPool.retainedBytes()).isBetween(1L, DirectBufferPool.MAX_RETAINED);
            s.closeNow();
        }
    }

    @Test
    void owned_closingAStreamWithWritesQueuedGivesTheirBuffersBackAndFailsThem() throws Exception {
        long lentBefore = DirectBufferPool.lentBytes();
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer());
            loop.add(s);
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // 2.5 MiB: far more than a pipe holds, so most stay queued
                futures.add(s.write(pattern(64 * 1024, i)));
            }
            futures.add(s.write("text stays in the heap"));
            runUntil(loop, () -> futures.get(0).isDone(), "the first write");
            assertThat(s.queuedBytes()).isPositive();
            assertThat(DirectBufferPool.lentBytes()).isGreaterThan(lentBefore);
            s.closeNow();
            assertThat(DirectBufferPool.lentBytes()).isEqualTo(lentBefore);
            assertThat(futures.get(futures.size() - 1).failure().category()).isEqualTo("closed");
            assertThat(futures.stream().filter(Future::isFailed).count()).isPositive();
            assertThat(futures).allMatch(Future::isReady);
        }
    }

    @Test
    void owned_aFailedWriteGivesItsBufferBackToo() throws Exception {
        long lentBefore = DirectBufferPool.lentBytes();
        PipePair p = loop.pipe();
        Stream s = new Stream(null, p.writer());
        s.onWriteError(e -> { });
        loop.add(s);
        p.reader().close();
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(s.write(pattern(1000, i)));
        }
        runUntil(loop, () -> futures.stream().allMatch(Future::isReady), "the writes to fail");
        assertThat(futures).allMatch(Future::isFailed);
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lentBefore);
        s.closeNow();
        p.close();
    }

    @Test
    void owned_writeFromMovesBytesOfAReadBufferToTheWriteQueueAndARefusedOneLeavesThem() throws Exception {
        try (PipePair in = loop.pipe(); PipePair out = loop.pipe()) {
            Stream echo = new Stream(in.reader(), out.writer()).writeLimit(100_000);
            List<Future<Void>> futures = new ArrayList<>();
            List<Integer> leftAfterRefusal = new ArrayList<>();
            boolean[] big = {false};
            echo.onRead((s, buf, eof) -> {
                if (big[0]) {
                    if (buf.size() >= 150_000) { // over the write limit: refused, and nothing taken
                        int before = buf.size();
                        Future<Void> refused = s.writeFrom(buf, buf.size());
                        assertThat(refused.failure().category()).isEqualTo("write-limit");
                        leftAfterRefusal.add(buf.size() - before);
                        buf.clear();
                    }
                    return dev.ioasync.stream.ReadResult.WAIT;
                }
                if (buf.size() > 3) {
                    futures.add(s.writeFrom(buf, 3)); // three at a time, the rest stays
                    return dev.ioasync.stream.ReadResult.AGAIN;
                }
                return dev.ioasync.stream.ReadResult.WAIT;
            });
            loop.add(echo);
            ByteBuffer msg = ByteBuffer.wrap("abcdefghijklm".getBytes(StandardCharsets.US_ASCII));
            while (msg.hasRemaining()) {
                in.writer().write(msg);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            runUntil(loop, () -> {
                try {
                    drain(out.reader(), got);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return got.size() == 12;
            }, "the echo");
            assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("abcdefghijkl");
            assertThat(echo.readBuffer().size()).isEqualTo(1);
            assertThat(futures).hasSize(4).allMatch(Future::isDone);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> echo.writeFrom(echo.readBuffer(), 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            big[0] = true;
            ByteBuffer b = ByteBuffer.wrap(pattern(150_000, 4));
            runUntil(loop, () -> {
                try {
                    in.writer().write(b);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return !leftAfterRefusal.isEmpty();
            }, "the refused write");
            assertThat(leftAfterRefusal).containsExactly(0);
            echo.closeNow();
        }
    }

    @Test
    void owned_aWriteOverTheWriteLimitCopiesNothing() throws Exception {
        long lentBefore = DirectBufferPool.lentBytes();
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer()).writeLimit(1000);
            loop.add(s);
            Future<Void> refused = s.write(new byte[2000]);
            assertThat(refused.failure().category()).isEqualTo("write-limit");
            Future<Void> refusedOwned = s.writeOwned(ByteBuffer.allocate(2000));
            assertThat(refusedOwned.failure().category()).isEqualTo("write-limit");
            assertThat(DirectBufferPool.lentBytes()).isEqualTo(lentBefore);
            s.closeNow();
        }
    }
}
