package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.protocol.LineProtocol;
import dev.ioasync.stream.ReadBuffer;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.StreamException;
import dev.ioasync.testkit.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A stream survives a hostile peer with its default limits: bounded reads (category
 * {@code read-limit}), bounded writes ({@code write-limit}), a bounded line length, scans linear in
 * the bytes read, idle timeouts, and fatal JVM errors that are never turned into stream errors.
 */
public abstract class StreamLimitsTck extends ManualClockTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected StreamLimitsTck() {
    }

    /** Writes all of {@code bytes} into a pipe, running {@code l} while the pipe is full. */
    private static void feed(Loop l, PipePair p, byte[] bytes, java.util.function.BooleanSupplier stop) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (b.hasRemaining() && !stop.getAsBoolean()) {
            if (p.writer().write(b) == 0) {
                l.loopOnce(Duration.ofMillis(10));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out feeding " + bytes.length + " bytes");
            }
        }
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    // ------------------------------------------------------------------ read limit

    @Test
    void limits_a200MegabyteLineWithoutNewlineEndsInReadLimitWithTheBufferBounded() throws Exception {
        List<Stream> servers = new ArrayList<>();
        List<Future<String>> reads = new ArrayList<>();
        Listener listener = awaitReady(loop.listen("127.0.0.1", 0, s -> {
            servers.add(s);
            reads.add(s.readUntil("\n"));
        })).get();
        AtomicLong sent = new AtomicLong();
        Thread attacker = Thread.ofPlatform().name("attacker").start(() -> {
            byte[] chunk = filled(1 << 20, 'x');
            try (Socket sock = new Socket("127.0.0.1", listener.port())) {
                OutputStream out = sock.getOutputStream();
                for (int i = 0; i < 200; i++) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // the server dropped the connection: what this test wants
            }
        });
        int[] most = {0};
        runUntil(loop, () -> {
            if (!servers.isEmpty()) {
                most[0] = Math.max(most[0], servers.get(0).readBuffer().size());
            }
            return !reads.isEmpty() && reads.get(0).isReady();
        }, "the 200 MB line to end in read-limit");
        Future<String> line = reads.get(0);
        assertThat(line.isFailed()).as("the read future failed").isTrue();
        assertThat(line.failure().category()).isEqualTo("read-limit");
        assertThat(servers.get(0).isClosed()).isTrue();
        assertThat(servers.get(0).readBuffer().size()).as("the bytes are let go").isZero();
        assertThat(most[0]).as("bytes held at most").isLessThanOrEqualTo(Stream.DEFAULT_READ_LIMIT + 64 * 1024);
        runUntil(loop, () -> !attacker.isAlive(), "the attacker to see the connection dropped");
        assertThat(sent.get()).as("the server stopped taking bytes long before 200 MB").isLessThan(200L << 20);
        List<Throwable> errors = drainLoopErrors();
        assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class,
                e -> assertThat(e.category()).isEqualTo("read-limit"));

        // nothing else on the loop was touched: the listener serves the next client
        Stream next = awaitReady(loop.connect("127.0.0.1", listener.port())).get();
        loop.add(next.onRead((s, b, e) -> ReadResult.WAIT));
        next.write("hello\n");
        runUntil(loop, () -> reads.size() == 2 && reads.get(1).isReady(), "the next client's line");
        assertThat(reads.get(1).get()).isEqualTo("hello\n");
        next.closeNow();
    }

    @Test
    void limits_theReadLimitIsSettableAndGoesToOnReadErrorThenCloses() throws Exception {
        try (PipePair in = loop.pipe(); PipePair other = loop.pipe()) {
            List<Throwable> errors = new ArrayList<>();
            Future<byte[]> pending = null;
            Stream s = new Stream(in.reader(), null).readLimit(64 * 1024).onRead((st, b, e) -> ReadResult.WAIT)
                    .onReadError(errors::add);
            Stream bystander = new Stream(other.reader(), null).onRead((st, b, e) -> ReadResult.WAIT);
            loop.add(s).add(bystander);
            pending = s.readExactly(1 << 20);
            assertThat(s.readLimit()).isEqualTo(64 * 1024);
            feed(loop, in, filled(256 * 1024, 'y'), s::isClosed);
            runUntil(loop, s::isClosed, "the stream to close at its read limit");
            assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class, e -> {
                assertThat(e.category()).isEqualTo("read-limit");
                assertThat(e.getMessage()).contains("read limit of 65536 bytes");
            });
            assertThat(pending.isFailed()).isTrue();
            assertThat(pending.failure().category()).isEqualTo("read-limit");
            // the other stream on the loop reads on
            Future<String> line = bystander.readUntil("\n");
            feed(loop, other, "still here\n".getBytes(StandardCharsets.UTF_8), () -> false);
            assertThat(awaitReady(line).get()).isEqualTo("still here\n");
            assertThat(bystander.isClosed()).isFalse();
        }
    }

    @Test
    void limits_withoutOnReadErrorTheReadLimitGoesToTheErrorHandlers() throws Exception {
        try (PipePair in = loop.pipe()) {
            List<Throwable> errors = new ArrayList<>();
            Stream s = new Stream(in.reader(), null).readLimit(32 * 1024).onRead((st, b, e) -> ReadResult.WAIT);
            s.onError((e, source) -> errors.add(e));
            loop.add(s);
            feed(loop, in, filled(128 * 1024, 'z'), s::isClosed);
            runUntil(loop, s::isClosed, "the stream to close at its read limit");
            assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class,
                    e -> assertThat(e.category()).isEqualTo("read-limit"));
        }
    }

    @Test
    void limits_theDefaultReadLimitIs16MiBAndZeroTurnsItOff() {
        Stream s = new Stream();
        assertThat(s.readLimit()).isEqualTo(16 << 20);
        assertThat(s.readLimit(0).readLimit()).isZero();
        assertThat(s.writeLimit()).isEqualTo(64L << 20);
    }

    // ------------------------------------------------------------------ line length and scanning

    @Test
    void limits_aLineProtocolLineLongerThanTheMaximumFailsWithReadLimit() throws Exception {
        try (PipePair in = loop.pipe()) {
            List<String> lines = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            LineProtocol proto = new LineProtocol().onLine(lines::add);
            assertThat(proto.maxLineLength()).isEqualTo(64 * 1024);
            Stream t = new Stream(in.reader(), null).onReadError(errors::add);
            proto.transport(t);
            loop.add(proto);
            feed(loop, in, "short\r\n".getBytes(StandardCharsets.UTF_8), () -> false);
            runUntil(loop, () -> lines.size() == 1, "the short line");
            feed(loop, in, filled(70 * 1024, 'q'), t::isClosed);
            runUntil(loop, t::isClosed, "the transport to close on the long line");
            assertThat(lines).containsExactly("short");
            assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class,
                    e -> assertThat(e.category()).isEqualTo("read-limit"));
        }
    }

    @Test
    void limits_aCompleteLineLongerThanTheMaximumFailsAndALongerMaximumAcceptsIt() throws Exception {
        try (PipePair a = loop.pipe(); PipePair b = loop.pipe()) {
            List<Throwable> errors = new ArrayList<>();
            LineProtocol strict = new LineProtocol().maxLineLength(1024);
            Stream ta = new Stream(a.reader(), null).onReadError(errors::add);
            strict.transport(ta);
            List<String> lines = new ArrayList<>();
            LineProtocol loose = new LineProtocol().maxLineLength(128 * 1024).onLine(lines::add);
            loose.transport(new Stream(b.reader(), null));
            loop.add(strict).add(loose);
            byte[] line = (new String(filled(2048, 'w'), StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII);
            feed(loop, a, line, ta::isClosed);
            runUntil(loop, ta::isClosed, "the strict transport to close");
            assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class,
                    e -> assertThat(e.category()).isEqualTo("read-limit"));
            feed(loop, b, filled(100 * 1024, 'v'), () -> false);
            feed(loop, b, "\n".getBytes(StandardCharsets.US_ASCII), () -> false);
            runUntil(loop, () -> lines.size() == 1, "the 100 KiB line");
            assertThat(lines.get(0)).hasSize(100 * 1024);
        }
    }

    @Test
    void limits_findingALineLooksOnlyAtNewBytesSoALongLineCostsLinearTime() {
        // 8192 appends of 4 KiB: a scan from the start each time would look at 128 G bytes
        assertTimeoutPreemptively(WAIT, () -> {
            ReadBuffer b = new ReadBuffer();
            byte[] chunk = filled(4096, 'a');
            for (int i = 0; i < 8192; i++) {
                b.append(chunk);
                assertThat(b.takeLine(StandardCharsets.US_ASCII)).isNull();
            }
            b.append("end\nnext".getBytes(StandardCharsets.US_ASCII));
            assertThat(b.takeLine(StandardCharsets.US_ASCII)).hasSize(8192 * 4096 + 4).endsWith("end\n");
            assertThat(b.takeLine(StandardCharsets.US_ASCII)).isNull();
            b.unshift("back\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(b.takeLine(StandardCharsets.US_ASCII)).as("bytes put back are looked at").isEqualTo("back\n");
        });
    }

    @Test
    void limits_readUntilFindsADelimiterSplitAcrossReads() throws Exception {
        try (PipePair in = loop.pipe()) {
            Stream s = new Stream(in.reader(), null).onRead((st, b, e) -> ReadResult.WAIT);
            loop.add(s);
            Future<String> head = s.readUntil("\r\n\r\n");
            feed(loop, in, "GET / HTTP/1.0\r\n\r".getBytes(StandardCharsets.US_ASCII), () -> false);
            runUntil(loop, () -> s.readBuffer().size() == 17, "the first part");
            assertThat(head.isReady()).isFalse();
            feed(loop, in, "\nbody".getBytes(StandardCharsets.US_ASCII), () -> false);
            assertThat(awaitReady(head).get()).isEqualTo("GET / HTTP/1.0\r\n\r\n");
            assertThat(s.readBuffer().peekString(StandardCharsets.US_ASCII)).isEqualTo("body");
        }
    }

    // ------------------------------------------------------------------ write limit

    @Test
    void limits_aWriterIgnoringWatermarksTowardANonReadingPeerGetsWriteLimit() {
        List<SocketHandle> held = new ArrayList<>();
        Listener listener = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(held::add), 0)).get();
        Stream c = awaitReady(loop.connect("127.0.0.1", listener.port())).get();
        int[] stops = {0};
        loop.add(c.onRead((s, b, e) -> ReadResult.WAIT).onWriteableStop(() -> stops[0]++));
        byte[] mib = filled(1 << 20, 'm');
        List<Future<Void>> accepted = new ArrayList<>();
        Future<Void> refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Future<Void> w = c.write(mib);
            if (w.isFailed()) {
                refused = w;
            } else {
                accepted.add(w);
            }
        }
        assertThat(refused).as("a write was refused").isNotNull();
        assertThat(refused.failure().category()).isEqualTo("write-limit");
        assertThat(accepted).hasSize(64);
        assertThat(c.queuedBytes()).isEqualTo(64L << 20);
        assertThat(stops[0]).as("the watermark event ran once, as before").isEqualTo(1);
        assertThat(c.isClosed()).isFalse();
        loop.loopOnce(Duration.ZERO);
        assertThat(accepted).noneMatch(Future::isFailed);
        // off, the same write is queued
        Future<Void> more = c.writeLimit(0).write(mib);
        assertThat(more.isFailed()).isFalse();
        c.closeNow();
        assertThat(accepted).as("written, or failed by the close").allMatch(Future::isReady);
        held.forEach(h -> {
            try {
                h.close();
            } catch (IOException ignored) {
                // test clean-up
            }
        });
    }

    // ------------------------------------------------------------------ idle timeouts

    @Test
    void limits_readIdleFiresAfterTheTimeoutWithoutReadsAndAgainEachPeriod() throws Exception {
        try (PipePair in = manual.pipe()) {
            List<String> events = new ArrayList<>();
            int[] reads = {0};
            Stream s = new Stream(in.reader(), null).onRead((st, b, e) -> {
                b.clear();
                reads[0]++;
                return ReadResult.WAIT;
            }).readIdleTimeout(Duration.ofMillis(200)).onReadIdle(() -> events.add("read-idle"));
            manual.add(s);
            clock.advance(Duration.ofMillis(150));
            feed(manual, in, "x".getBytes(StandardCharsets.US_ASCII), () -> false);
            runUntil(manual, () -> reads[0] == 1, "the read");
            clock.advance(Duration.ofMillis(150));
            manual.loopOnce(Duration.ZERO);
            assertThat(events).as("150 ms after the read: not idle").isEmpty();
            clock.advance(Duration.ofMillis(60));
            runUntil(manual, () -> events.size() == 1, "read idle 210 ms after the read");
            clock.advance(Duration.ofMillis(200));
            runUntil(manual, () -> events.size() == 2, "read idle again a period later");
            s.onReadIdle(s::close);
            clock.advance(Duration.ofMillis(200));
            runUntil(manual, s::isClosed, "the idle handler to close the stream");
            assertThat(events).hasSize(2);
        }
    }

    @Test
    void limits_writeIdleFiresWhenNothingWasWrittenForTheTimeout() throws Exception {
        try (PipePair out = manual.pipe()) {
            List<String> events = new ArrayList<>();
            Stream s = new Stream(null, out.writer()).writeIdleTimeout(Duration.ofMillis(200))
                    .onWriteIdle(() -> events.add("write-idle"));
            manual.add(s);
            clock.advance(Duration.ofMillis(150));
            Future<Void> w = s.write("x");
            runUntil(manual, w::isReady, "the write");
            clock.advance(Duration.ofMillis(150));
            manual.loopOnce(Duration.ZERO);
            assertThat(events).isEmpty();
            clock.advance(Duration.ofMillis(60));
            runUntil(manual, () -> events.size() == 1, "write idle");
            s.writeIdleTimeout(Duration.ZERO);
            clock.advance(Duration.ofSeconds(5));
            manual.loopOnce(Duration.ZERO);
            assertThat(events).as("off again").hasSize(1);
            s.closeNow();
        }
    }

    @Test
    void limits_idleTimeoutsAreOffByDefault() {
        Stream s = new Stream();
        assertThat(s.stats()).containsEntry("readBuffered", 0);
        s.readIdleTimeout(Duration.ZERO).writeIdleTimeout(Duration.ZERO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.readIdleTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read idle timeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.writeIdleTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("write idle timeout");
    }

    // ------------------------------------------------------------------ fatal errors

    /** Runs {@link #loop} until a fatal error comes out of it or reaches its handler; returns it. */
    private Throwable fatalOutOfTheLoop() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (loopErrors.isEmpty()) {
            try {
                loop.loopOnce(Duration.ofMillis(20));
            } catch (VirtualMachineError e) {
                return e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no fatal error came out of the loop");
            }
        }
        return drainLoopErrors().get(0);
    }

    @Test
    void limits_aFatalErrorInOnReadIsNeverAStreamError() throws Exception {
        try (PipePair in = loop.pipe()) {
            StackOverflowError fatal = new StackOverflowError("test: fatal error in on_read");
            List<Object> streamErrors = new ArrayList<>();
            Stream s = new Stream(in.reader(), null).onRead((st, b, e) -> {
                throw fatal;
            }).onReadError(streamErrors::add);
            s.onError((e, source) -> streamErrors.add(e));
            loop.add(s);
            feed(loop, in, "x".getBytes(StandardCharsets.US_ASCII), () -> false);
            assertThat(fatalOutOfTheLoop()).isSameAs(fatal);
            assertThat(streamErrors).as("no stream error event").isEmpty();
            assertThat(s.isClosed()).isFalse();
            // the stream's state is intact: with a sane handler it reads on
            List<String> seen = new ArrayList<>();
            s.onRead((st, b, e) -> {
                seen.add(b.takeString(b.size(), StandardCharsets.US_ASCII));
                return ReadResult.WAIT;
            });
            feed(loop, in, "y".getBytes(StandardCharsets.US_ASCII), () -> false);
            runUntil(loop, () -> !seen.isEmpty(), "the next read");
            assertThat(String.join("", seen)).isEqualTo("xy");
        }
    }

    @Test
    void limits_aFatalErrorInAWriteGeneratorIsNeverAWriteFailure() throws Exception {
        try (PipePair out = loop.pipe()) {
            OutOfMemoryError fatal = new OutOfMemoryError("test: fatal error in a write generator");
            List<Object> streamErrors = new ArrayList<>();
            Stream s = new Stream(null, out.writer()).onWriteError(streamErrors::add);
            s.onError((e, source) -> streamErrors.add(e));
            loop.add(s);
            Future<Void> w = s.write(() -> {
                throw fatal;
            });
            assertThat(fatalOutOfTheLoop()).isSameAs(fatal);
            assertThat(streamErrors).isEmpty();
            assertThat(w.isFailed()).as("not failed as an ordinary generator error").isFalse();
            assertThat(s.isClosed()).isFalse();
            s.closeNow();
        }
    }
}
