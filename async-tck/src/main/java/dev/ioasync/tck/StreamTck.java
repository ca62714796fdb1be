package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.io.PipePair;
import dev.ioasync.stream.ReadBuffer;
import dev.ioasync.stream.ReadHandler;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IO::Async::Stream over a pipe: the on_read contract, read futures, the write queue, closing. */
public abstract class StreamTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected StreamTck() {
    }

    private PipePair in;
    private PipePair out;

    @BeforeEach
    void openPipes() {
        in = loop.pipe();
        out = loop.pipe();
    }

    @AfterEach
    void closePipes() throws IOException {
        in.close();
        out.close();
    }

    /** A stream reading {@code in} and writing {@code out}. */
    private Stream stream() {
        return new Stream(in.reader(), out.writer());
    }

    private void feed(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            in.writer().write(b);
        }
    }

    private String drainOut() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        StringBuilder sb = new StringBuilder();
        while (out.reader().read(b.clear()) > 0) {
            sb.append(StandardCharsets.UTF_8.decode(b.flip()));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------ on_read contract

    @Test
    void stream_waitKeepsUnconsumedBytesForTheNextCall() throws Exception {
        List<String> seen = new ArrayList<>();
        Stream s = stream().onRead((st, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                seen.add(line.strip());
            }
            return ReadResult.WAIT;
        });
        loop.add(s);
        feed("one\ntw");
        runUntil(loop, () -> seen.size() == 1, "the first line");
        assertThat(s.readBuffer().size()).isEqualTo(2);
        feed("o\nthree\n");
        runUntil(loop, () -> seen.size() == 3, "the rest");
        assertThat(seen).containsExactly("one", "two", "three");
    }

    @Test
    void stream_againCallsTheHandlerAgainAtOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        loop.add(stream().onRead((st, buf, eof) -> {
            String line = buf.takeLine(StandardCharsets.UTF_8);
            if (line == null) {
                return ReadResult.WAIT;
            }
            seen.add(line.strip());
            return ReadResult.AGAIN; // one line per call
        }));
        feed("a\nb\nc\n");
        runUntil(loop, () -> seen.size() == 3, "three lines");
        assertThat(seen).containsExactly("a", "b", "c");
    }

    @Test
    void stream_replaceWithCallsTheNewHandlerNowAndPopReturnsToThePrevious() throws Exception {
        List<String> seen = new ArrayList<>();
        ReadHandler body = (st, buf, eof) -> {
            if (buf.size() < 4) {
                return ReadResult.WAIT;
            }
            seen.add("body:" + buf.takeString(4, StandardCharsets.UTF_8));
            return ReadResult.POP;
        };
        loop.add(stream().onRead((st, buf, eof) -> {
            String line = buf.takeLine(StandardCharsets.UTF_8);
            if (line == null) {
                return ReadResult.WAIT;
            }
            seen.add("head:" + line.strip());
            return line.startsWith("BODY") ? ReadResult.replaceWith(body) : ReadResult.AGAIN;
        }));
        feed("x\nBODY\nabcdy\n");
        runUntil(loop, () -> seen.size() == 4, "header, body, header");
        assertThat(seen).containsExactly("head:x", "head:BODY", "body:abcd", "head:y");
    }

    @Test
    void stream_atEofTheHandlerSeesEofOnTheSameDataThenReadEofThenClosed() throws Exception {
        List<String> events = new ArrayList<>();
        Stream s = stream().onRead((st, buf, eof) -> {
            events.add("read eof=" + eof + " data=" + buf.peekString(StandardCharsets.UTF_8));
            return ReadResult.WAIT;
        });
        s.onReadEof(() -> events.add("read_eof"));
        s.onClosed(() -> events.add("closed"));
        loop.add(s);
        feed("partial");
        runUntil(loop, () -> events.size() == 1, "the first read");
        in.writer().close();
        runUntil(loop, () -> events.contains("closed"), "close after EOF");
        assertThat(events).containsExactly("read eof=false data=partial", "read eof=true data=partial", "read_eof",
                "closed");
        assertThat(s.isReadEof()).isTrue();
        assertThat(loop.notifiers()).doesNotContain(s);
    }

    @Test
    void stream_aThrowingHandlerIsReportedAndTheStreamGoesOn() throws Exception {
        List<String> seen = new ArrayList<>();
        Stream s = stream().onRead((st, buf, eof) -> {
            String line = buf.takeLine(StandardCharsets.UTF_8);
            if (line != null && line.startsWith("bad")) {
                throw new IllegalArgumentException("cannot parse " + line.strip());
            }
            if (line != null) {
                seen.add(line.strip());
            }
            return ReadResult.WAIT;
        });
        List<Throwable> errors = new ArrayList<>();
        s.onError((e, src) -> errors.add(e));
        loop.add(s);
        feed("bad1\n");
        runUntil(loop, () -> errors.size() == 1, "the error");
        feed("good\n");
        runUntil(loop, () -> seen.contains("good"), "the next line");
        assertThat(errors.get(0)).hasRootCauseMessage("cannot parse bad1");
    }

    @Test
    void stream_streamsOfOneLoopKeepTheirOwnBytesWhenAHandlerRunsTheLoopNested() throws Exception {
        // every stream of a loop thread reads through one shared buffer: a nested loop in one
        // stream's handler, reading another stream with another read_len, must not mix their bytes
        PipePair other = loop.pipe();
        try {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            Stream sb = new Stream(other.reader(), null).readLen(16).onRead((st, buf, eof) -> {
                b.append(buf.takeString(buf.size(), StandardCharsets.UTF_8));
                return ReadResult.WAIT;
            });
            boolean[] nested = {false};
            Stream sa = stream().readLen(4096).onRead((st, buf, eof) -> {
                a.append(buf.takeString(buf.size(), StandardCharsets.UTF_8));
                if (!nested[0]) {
                    nested[0] = true;
                    ByteBuffer bs = ByteBuffer.wrap("b".repeat(1000).getBytes(StandardCharsets.UTF_8));
                    try {
                        while (bs.hasRemaining()) {
                            other.writer().write(bs);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    runUntil(loop, () -> b.length() == 1000, "the other stream's bytes, in a nested loop");
                }
                return ReadResult.WAIT;
            });
            loop.add(sb);
            loop.add(sa);
            feed("a".repeat(48 * 1024));
            runUntil(loop, () -> a.length() == 48 * 1024, "this stream's bytes");
            assertThat(nested[0]).isTrue();
            assertThat(a.toString()).matches("a+");
            assertThat(b.toString()).isEqualTo("b".repeat(1000));
        } finally {
            other.close();
        }
    }

    // ------------------------------------------------------------ read futures

    @Test
    void stream_readFuturesCompleteAtOnceWhenTheDataIsBuffered() throws Exception {
        Stream s = stream();
        loop.add(s);
        feed("hello\nworld");
        runUntil(loop, () -> s.readBuffer().size() == 11, "buffered data");
        Future<String> line = s.readUntil("\n");
        assertThat(line.isDone()).isTrue();
        assertThat(line.get()).isEqualTo("hello\n");
        Future<byte[]> five = s.readExactly(5);
        assertThat(new String(five.get(), StandardCharsets.UTF_8)).isEqualTo("world");
    }

    @Test
    void stream_readFuturesQueueInCallOrderBeforeTheMainHandler() throws Exception {
        List<String> main = new ArrayList<>();
        Stream s = stream().onRead((st, buf, eof) -> {
            main.add(buf.takeString(buf.size(), StandardCharsets.UTF_8));
            return ReadResult.WAIT;
        });
        loop.add(s);
        Future<String> first = s.readUntil("\n");
        Future<byte[]> second = s.readExactly(3);
        Future<String> third = s.readUntil(Pattern.compile("[0-9]+;"));
        feed("line\nabc12");
        runUntil(loop, second::isReady, "the second read");
        assertThat(first.get()).isEqualTo("line\n");
        assertThat(new String(second.get(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(third.isReady()).isFalse();
        feed("34;rest");
        runUntil(loop, () -> !main.isEmpty(), "the main handler after the futures");
        assertThat(third.get()).isEqualTo("1234;");
        assertThat(main).containsExactly("rest");
    }

    @Test
    void stream_readAtMostAndReadUntilEof() throws Exception {
        Stream s = stream();
        loop.add(s);
        Future<byte[]> some = s.readAtMost(3);
        feed("abcdef");
        assertThat(new String(awaitReady(some).get(), StandardCharsets.UTF_8)).isEqualTo("abc");
        Future<byte[]> rest = s.readUntilEof();
        feed("gh");
        loop.loopOnce(java.time.Duration.ofMillis(20));
        assertThat(rest.isReady()).isFalse();
        in.writer().close();
        assertThat(new String(awaitReady(rest).get(), StandardCharsets.UTF_8)).isEqualTo("defgh");
    }

    @Test
    void stream_readFuturesPendingAtEofGetWhatIsLeftThenNull() throws Exception {
        Stream s = stream();
        loop.add(s);
        Future<String> line = s.readUntil("\n");
        Future<byte[]> after = s.readExactly(10);
        feed("no newline");
        in.writer().close();
        assertThat(awaitReady(line).get()).isEqualTo("no newline");
        assertThat(awaitReady(after).get()).isEmpty();
        assertThat(awaitReady(s.closedFuture()).isDone()).isTrue();
    }

    @Test
    void stream_aCancelledReadFutureGivesWayToTheNext() throws Exception {
        Stream s = stream();
        loop.add(s);
        Future<String> cancelled = s.readUntil("\n");
        Future<byte[]> next = s.readExactly(2);
        cancelled.cancel();
        feed("ok");
        assertThat(new String(awaitReady(next).get(), StandardCharsets.UTF_8)).isEqualTo("ok");
    }

    // ------------------------------------------------------------ writing

    @Test
    void stream_twoWritesThenCloseWhenEmptyRunInTheIoAsyncOrder() throws Exception {
        List<String> order = new ArrayList<>();
        Stream s = stream();
        s.onOutgoingEmpty(() -> order.add("outgoing_empty"));
        s.onClosed(() -> order.add("closed"));
        loop.add(s);
        s.write("first\n".getBytes(StandardCharsets.UTF_8), null, () -> order.add("flush1"))
                .onDone(v -> order.add("future1"));
        s.write("second\n", null, () -> order.add("flush2"))
                .onDone(v -> order.add("future2"));
        s.closeWhenEmpty();
        runUntil(loop, () -> order.contains("closed"), "the close");
        assertThat(order).containsExactly("future1", "flush1", "future2", "flush2", "outgoing_empty", "closed");
        assertThat(drainOut()).isEqualTo("first\nsecond\n");
    }

    @Test
    void stream_writesAreQueuedBeforeTheStreamIsAddedAndFlushedAfter() throws Exception {
        Stream s = stream();
        Future<Void> f = s.write("early");
        assertThat(f.isReady()).isFalse();
        loop.add(s);
        awaitReady(f);
        assertThat(drainOut()).isEqualTo("early");
    }

    @Test
    void stream_autoflushWritesAtOnce() throws Exception {
        Stream s = stream().autoflush(true);
        loop.add(s);
        Future<Void> f = s.write("now");
        assertThat(f.isDone()).isTrue();
        assertThat(drainOut()).isEqualTo("now");
    }

    @Test
    void stream_onWriteCountsBytesAndGeneratorsAndFuturesAreWrittenInOrder() throws Exception {
        Stream s = stream();
        loop.add(s);
        int[] written = {0};
        s.write("a".getBytes(StandardCharsets.UTF_8), n -> written[0] += n, null);
        int[] calls = {0};
        s.write(() -> calls[0] < 3 ? "g" + calls[0]++ : null);
        Future<Object> later = loop.newFuture();
        Future<Void> fromFuture = s.write(later);
        s.write("z");
        loop.loopOnce(java.time.Duration.ofMillis(20));
        assertThat(drainOut()).isEqualTo("ag0g1g2");
        assertThat(fromFuture.isReady()).isFalse();
        later.done("F");
        runUntil(loop, fromFuture::isReady, "the future's data");
        runUntil(loop, () -> s.queuedBytes() == 0, "the last write");
        assertThat(drainOut()).isEqualTo("Fz");
        assertThat(written[0]).isEqualTo(1);
    }

    @Test
    void stream_aFailedDataFutureFailsItsWrite() {
        Stream s = stream();
        loop.add(s);
        Future<Object> data = loop.newFuture();
        Future<Void> w = s.write(data);
        data.fail("no data", "test");
        runUntil(loop, w::isReady, "the write to fail");
        assertThat(w.failure().category()).isEqualTo("test");
    }

    @Test
    void stream_writingToAClosedPeerFailsEveryPendingWriteAndTheLoopGoesOn() throws Exception {
        Stream s = stream();
        boolean[] writeEof = {false};
        s.onWriteEof(() -> writeEof[0] = true);
        loop.add(s);
        out.reader().close();
        Future<Void> a = s.write("x".repeat(1000));
        Future<Void> b = s.write("y");
        runUntil(loop, () -> a.isReady() && b.isReady(), "both writes to fail");
        assertThat(a.failure().category()).isEqualTo("write");
        assertThat(b.isFailed()).isTrue();
        assertThat(writeEof[0]).isTrue();
        assertThat(s.isClosed()).isTrue();
        Future<Void> after = s.write("z");
        assertThat(after.failure().category()).isEqualTo("closed");
        boolean[] alive = {false};
        loop.later(() -> alive[0] = true);
        loop.loopOnce(java.time.Duration.ZERO);
        assertThat(alive[0]).isTrue();
    }

    @Test
    void stream_closeNowFailsQueuedWritesWithCategoryClosed() {
        Stream s = stream();
        Future<Void> queued = s.write("never");
        loop.add(s);
        s.closeNow();
        assertThat(queued.failure().category()).isEqualTo("closed");
        Future<Void> late = s.write("late");
        assertThat(late.failure().category()).isEqualTo("closed");
    }

    @Test
    void stream_writeHighWatermarkStopsAndStartsWriteable() throws Exception {
        List<String> events = new ArrayList<>();
        Stream s = stream().writeWatermarks(64 * 1024, 16 * 1024);
        s.onWriteableStop(() -> events.add("stop"));
        s.onWriteableStart(() -> events.add("start"));
        loop.add(s);
        byte[] chunk = new byte[32 * 1024];
        List<Future<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            writes.add(s.write(chunk));
        }
        assertThat(events).containsExactly("stop");
        assertThat(s.isWriteable()).isFalse();
        ByteBuffer sink = ByteBuffer.allocate(1 << 20);
        long total = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (total < 16L * chunk.length && System.nanoTime() < deadline) {
            loop.loopOnce(java.time.Duration.ofMillis(5));
            int n;
            while ((n = out.reader().read(sink.clear())) > 0) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(16L * chunk.length);
        assertThat(events).containsExactly("stop", "start");
        assertThat(writes).allMatch(Future::isDone);
    }

    @Test
    void stream_aLaggingHandlerPausesReadingAndNothingIsLost() throws Exception {
        int total = 256 * 1024;
        StringBuilder got = new StringBuilder();
        boolean[] paused = {false};
        Stream s = stream().readWatermarks(32 * 1024, 8 * 1024).onRead((st, buf, eof) -> {
            int n = eof ? buf.size() : Math.min(1024, buf.size()); // at most 1 KiB a call: it lags
            got.append(buf.takeString(n, StandardCharsets.ISO_8859_1));
            return ReadResult.WAIT;
        });
        s.onReadHighWatermark(size -> paused[0] = true);
        loop.add(s);
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Thread writer = new Thread(() -> {
            try {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    if (in.writer().write(b) == 0) {
                        Thread.onSpinWait();
                    }
                }
                in.writer().close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        runUntil(loop, () -> got.length() == total, "all bytes through a lagging handler");
        writer.join(WAIT.toMillis());
        assertThat(paused[0]).isTrue();
        assertThat(got.toString()).isEqualTo(new String(data, StandardCharsets.ISO_8859_1));
    }

    @Test
    void stream_readBufferSearchAndTake() {
        ReadBuffer b = new ReadBuffer();
        b.append("key: value\r\n\r\nbody".getBytes(StandardCharsets.UTF_8));
        assertThat(b.indexOf("\r\n\r\n".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(10);
        assertThat(b.takeLine(StandardCharsets.UTF_8)).isEqualTo("key: value\r\n");
        b.skip(2);
        assertThat(b.peekString(StandardCharsets.UTF_8)).isEqualTo("body");
        b.unshift("re".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(b.takeAll(), StandardCharsets.UTF_8)).isEqualTo("rebody");
        assertThat(b.isEmpty()).isTrue();
    }
}
