package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a stream queues goes out in gathering writes ({@link IoHandle#write(ByteBuffer[], int, int)},
 * one {@code writev} per flush) with the IO::Async::Stream contract unchanged: bytes in order,
 * {@code on_write} counts per write, futures and {@code on_flush} in queue order and each only when
 * its own bytes are written, {@code write_len} as the most one system call takes.
 */
public abstract class StreamGatherWriteTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected StreamGatherWriteTck() {
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    /** Reads what is in the pipe now. */
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

    // ------------------------------------------------------------ the handle's gathering write

    @Test
    void gather_aHandleWritesHeapDirectAndReadOnlyBuffersInOrderAndMovesTheirPositions() throws Exception {
        try (PipePair p = loop.pipe()) {
            ByteBuffer heap = ByteBuffer.wrap("heap,".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer direct = ByteBuffer.allocateDirect(7).put("direct,".getBytes(StandardCharsets.US_ASCII)).flip();
            ByteBuffer readOnly = ByteBuffer.allocateDirect(9).put("read-only".getBytes(StandardCharsets.US_ASCII))
                    .flip().asReadOnlyBuffer();
            ByteBuffer skipped = ByteBuffer.wrap("not this".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer[] srcs = {skipped, heap, ByteBuffer.allocate(0), direct, readOnly, skipped};
            long n = p.writer().write(srcs, 1, 4);
            assertThat(n).isEqualTo(5 + 7 + 9);
            assertThat(heap.hasRemaining()).isFalse();
            assertThat(direct.hasRemaining()).isFalse();
            assertThat(readOnly.hasRemaining()).isFalse();
            assertThat(skipped.position()).isZero();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            drain(p.reader(), got);
            assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("heap,direct,read-only");
            assertThatThrownBy(() -> p.writer().write(srcs, 4, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void gather_aShortGatheringWriteMovesThePositionsByExactlyWhatTheReaderGets() throws Exception {
        try (PipePair p = loop.pipe()) {
            List<byte[]> parts = new ArrayList<>();
            List<ByteBuffer> bufs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] part = pattern(16 * 1024 + i, i); // more than any pipe holds
                parts.add(part);
                bufs.add(i % 2 == 0 ? ByteBuffer.wrap(part) : ByteBuffer.allocateDirect(part.length).put(part).flip());
            }
            ByteBuffer[] srcs = bufs.toArray(ByteBuffer[]::new);
            long offered = Arrays.stream(srcs).mapToLong(ByteBuffer::remaining).sum();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long written = 0;
            int first = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (written < offered) {
                long n = p.writer().write(srcs, first, srcs.length - first);
                written += n;
                if (n > 0 && written < offered) {
                    long onTheWay = Arrays.stream(srcs).mapToLong(b -> b.position()).sum();
                    assertThat(onTheWay).isEqualTo(written); // positions say exactly what went
                }
                while (first < srcs.length && !srcs[first].hasRemaining()) {
                    first++;
                }
                drain(p.reader(), got);
                assertThat(System.nanoTime() - deadline).as("time left to write").isNegative();
            }
            drain(p.reader(), got);
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            parts.forEach(want::writeBytes);
            assertThat(got.toByteArray()).isEqualTo(want.toByteArray());
        }
    }

    @Test
    void gather_theDefaultWritesEachBufferAndStopsAtTheFirstShortWrite() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        IoHandle fivePerCall = new IoHandle() {
            @Override
            public int read(ByteBuffer dst) {
                throw new UnsupportedOperationException("write-only");
            }

            @Override
            public int write(ByteBuffer src) {
                int n = Math.min(5, src.remaining());
                for (int i = 0; i < n; i++) {
                    sink.write(src.get());
                }
                return n;
            }

            @Override
            public boolean isReadable() {
                return false;
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
                return "test";
            }
        };
        ByteBuffer a = ByteBuffer.wrap("abcd".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap("efghijk".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer c = ByteBuffer.wrap("lmn".getBytes(StandardCharsets.US_ASCII));
        assertThat(fivePerCall.write(new ByteBuffer[] {a, b, c}, 0, 3)).isEqualTo(4 + 5);
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("abcdefghi");
        assertThat(b.remaining()).isEqualTo(2);
        assertThat(c.position()).isZero();
    }

    // ------------------------------------------------------------ the stream's write queue

    @Test
    void gather_manyQueuedWritesArriveWholeAndInOrderWithTheirCallbacksInQueueOrder() throws Exception {
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer());
            loop.add(s);
            List<String> events = new ArrayList<>();
            long[] counted = new long[300];
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < counted.length; i++) {
                int k = i;
                byte[] part = pattern(1 + (i * 997) % 3000, i); // 300 writes, 1 byte to 3 KB each
                want.writeBytes(part);
                Future<Void> f = switch (i % 3) {
                    case 0 -> s.write(part, n -> counted[k] += n, () -> events.add("flush" + k));
                    case 1 -> s.writeOwned(ByteBuffer.wrap(part), n -> counted[k] += n, () -> events.add("flush" + k));
                    default -> s.writeOwned(ByteBuffer.allocateDirect(part.length).put(part).flip(),
                            n -> counted[k] += n, () -> events.add("flush" + k));
                };
                f.onDone(v -> events.add("future" + k));
                futures.add(f);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            runUntil(loop, () -> {
                try {
                    drain(p.reader(), got);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return futures.stream().allMatch(Future::isDone);
            }, "every write");
            drain(p.reader(), got);
            assertThat(got.toByteArray()).isEqualTo(want.toByteArray());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < counted.length; i++) {
                expected.add("future" + i);
                expected.add("flush" + i);
                assertThat(counted[i]).as("on_write total of write %d", i).isEqualTo(1 + (i * 997) % 3000);
            }
            assertThat(events).containsExactlyElementsOf(expected);
            assertThat(s.queuedBytes()).isZero();
            s.closeNow();
        }
    }

    @Test
    void gather_eachFutureIsDoneOnlyWhenItsOwnBytesAreWrittenWhileThePeerIsSlow() throws Exception {
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer());
            loop.add(s);
            int parts = 64;
            int size = 7000; // not a divisor of a pipe's capacity: some writes are left half written
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                futures.add(s.write(pattern(size, i)));
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + WAIT.toNanos();
            int partial = 0;
            while (!futures.get(parts - 1).isDone()) {
                loop.loopOnce(Duration.ofMillis(5));
                // everything written so far is in the pipe: read it all, then compare
                drain(p.reader(), got);
                int done = (int) futures.stream().filter(Future::isDone).count();
                assertThat(futures.subList(0, done)).allMatch(Future::isDone);
                assertThat((long) done * size).as("bytes of the done writes").isLessThanOrEqualTo(got.size());
                assertThat((long) (done + 1) * size).as("a pending write has bytes left").isGreaterThan(got.size());
                if (got.size() % size != 0) {
                    partial++;
                }
                assertThat(System.nanoTime() - deadline).as("time left").isNegative();
            }
            drain(p.reader(), got);
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            for (int i = 0; i < parts; i++) {
                want.writeBytes(pattern(size, i));
            }
            assertThat(got.toByteArray()).isEqualTo(want.toByteArray());
            assertThat(partial).as("times a write was left half written").isPositive();
            s.closeNow();
        }
    }

    @Test
    void gather_writeLenBoundsEachSystemCallAndEveryByteStillArrives() throws Exception {
        try (PipePair p = loop.pipe()) {
            Stream s = new Stream(null, p.writer()).writeLen(100);
            loop.add(s);
            List<Integer> counts = new ArrayList<>();
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                byte[] part = pattern(30 + i, i);
                want.writeBytes(part);
                futures.add(s.write(part, counts::add, null));
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            runUntil(loop, () -> futures.stream().allMatch(Future::isDone), "every write");
            drain(p.reader(), got);
            assertThat(got.toByteArray()).isEqualTo(want.toByteArray());
            assertThat(counts).allMatch(n -> n > 0 && n <= 100);
            assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(want.size());
            s.closeNow();
        }
    }

    @Test
    void gather_aWriteWhoseBytesWentOutIsNeverReportedFailedWhenAnEarlierFlushClosesTheStream() throws Exception {
        List<Stream> accepted = new ArrayList<>();
        Listener listener = awaitReady(loop.listen("127.0.0.1", 0, accepted::add)).get();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean[] eof = {false};
        Stream client = awaitReady(loop.connect("127.0.0.1", listener.port())).get();
        client.onRead((st, buf, e) -> {
            got.writeBytes(buf.takeAll());
            eof[0] |= e;
            return ReadResult.WAIT;
        });
        loop.add(client);
        runUntil(loop, () -> accepted.size() == 1, "the accept");
        Stream server = accepted.get(0);
        Future<Void> first = server.write("first;".getBytes(StandardCharsets.US_ASCII), null, server::closeNow);
        Future<Void> secondWrite = server.write("second;");
        Future<Void> third = server.write("third;");
        runUntil(loop, () -> eof[0], "end of file at the client");
        assertThat(first.isDone()).isTrue();
        String text = got.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith("first;");
        // whatever the client got was reported written; whatever it did not get was reported failed
        assertThat(secondWrite.isDone()).isEqualTo(text.contains("second;"));
        assertThat(third.isDone()).isEqualTo(text.contains("third;"));
        assertThat(secondWrite.isReady() && third.isReady()).isTrue();
        if (!text.contains("second;")) {
            assertThat(secondWrite.failure().category()).isEqualTo("closed");
        }
        listener.close();
        client.closeNow();
    }
}
