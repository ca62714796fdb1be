package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.io.PipePair;
import dev.ioasync.net.Listener;
import dev.ioasync.protocol.LineProtocol;
import dev.ioasync.stream.ReadHandler;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stream behaviours that must match IO::Async: read watermark events, a popped handler returning
 * to the one before, CRLF lines, refused reads and writes without the handle, a stream reused
 * after closing, {@code close_read}/{@code close_write}, named null arguments.
 */
public abstract class StreamFidelityTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected StreamFidelityTck() {
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

    private static void feed(PipePair p, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            p.writer().write(b);
        }
    }

    private static String drain(PipePair p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        StringBuilder sb = new StringBuilder();
        int n;
        while ((n = p.reader().read(b.clear())) > 0) {
            sb.append(StandardCharsets.UTF_8.decode(b.flip()));
        }
        return sb.toString();
    }

    private String awaitOutput(PipePair p, String expected) throws IOException {
        StringBuilder got = new StringBuilder();
        runUntil(loop, () -> {
            try {
                got.append(drain(p));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return got.length() >= expected.length();
        }, "output " + expected);
        return got.toString();
    }

    // ------------------------------------------------------------------ read watermarks

    @Test
    void fidelity_theLowReadWatermarkFiresOnlyOnceConsumptionBringsTheBufferDownToIt() throws Exception {
        List<String> events = new ArrayList<>();
        int[] keep = {Integer.MAX_VALUE};
        Stream s = new Stream(in.reader(), null).readWatermarks(100, 50).onRead((st, b, eof) -> {
            if (b.size() > keep[0]) {
                b.skip(b.size() - keep[0]);
            }
            return ReadResult.WAIT;
        });
        s.onReadHighWatermark(n -> events.add("high")).onReadLowWatermark(n -> events.add("low:" + n));
        loop.add(s);
        feed(in, "x".repeat(150));
        runUntil(loop, () -> events.contains("high"), "the high watermark");
        // the handler makes no progress, so reading resumes: that is not the low watermark
        runUntil(loop, () -> !s.isReadPaused(), "reading to resume");
        assertThat(events).as("nothing consumed: no low watermark").containsExactly("high");
        keep[0] = 60;
        feed(in, "y");
        runUntil(loop, () -> s.readBuffer().size() == 60, "consumption down to 60");
        assertThat(events).as("60 is above the low mark").containsExactly("high");
        keep[0] = 40;
        feed(in, "z");
        runUntil(loop, () -> events.size() == 2, "the low watermark");
        assertThat(events).containsExactly("high", "low:40");
    }

    // ------------------------------------------------------------------ on_read contract

    @Test
    void fidelity_aReplacementHandlerThatPopsWithAnEmptyBufferReturnsToTheOuterHandler() throws Exception {
        List<String> calls = new ArrayList<>();
        ReadHandler inner = (st, b, eof) -> {
            calls.add("inner:" + b.size());
            b.clear();
            return ReadResult.POP;
        };
        boolean[] replaced = {false};
        Stream s = new Stream(in.reader(), null).onRead((st, b, eof) -> {
            calls.add("outer:" + b.size());
            if (!replaced[0]) {
                replaced[0] = true;
                return ReadResult.replaceWith(inner);
            }
            b.clear();
            return ReadResult.WAIT;
        });
        loop.add(s);
        feed(in, "abc");
        runUntil(loop, () -> calls.size() == 3, "three calls");
        assertThat(calls).containsExactly("outer:3", "inner:3", "outer:0");
    }

    @Test
    void fidelity_aPushedHandlerThatPopsWithAnEmptyBufferReturnsToTheMainHandler() throws Exception {
        List<String> calls = new ArrayList<>();
        Stream s = new Stream(in.reader(), null).onRead((st, b, eof) -> {
            calls.add("main:" + b.size());
            return ReadResult.WAIT;
        });
        loop.add(s);
        s.pushOnRead((st, b, eof) -> {
            if (b.size() < 2) {
                return ReadResult.WAIT;
            }
            calls.add("pushed:" + b.size());
            b.skip(2);
            return ReadResult.POP;
        });
        feed(in, "ab");
        runUntil(loop, () -> calls.size() == 2, "the main handler after the pop");
        assertThat(calls).containsExactly("pushed:2", "main:0");
    }

    // ------------------------------------------------------------------ LineStream

    @Test
    void fidelity_writeLineEndsLinesWithCrlfAndReadingAcceptsBoth() throws Exception {
        List<String> lines = new ArrayList<>();
        LineProtocol proto = new LineProtocol().onLine(lines::add);
        proto.transport(new Stream(in.reader(), out.writer()));
        loop.add(proto);
        proto.writeLine("first");
        proto.writeLine("second");
        assertThat(awaitOutput(out, "first\r\nsecond\r\n")).isEqualTo("first\r\nsecond\r\n");
        feed(in, "dos\r\nunix\nlast");
        runUntil(loop, () -> lines.size() == 2, "two lines");
        in.writer().close();
        runUntil(loop, () -> lines.size() == 3, "the last line at end of file");
        assertThat(lines).containsExactly("dos", "unix", "last");
    }

    // ------------------------------------------------------------------ missing handles

    @Test
    void fidelity_aWriteToAStreamWithNoWriteHandleFailsAtOnce() {
        Stream s = new Stream(in.reader(), null).onRead((st, b, eof) -> ReadResult.WAIT);
        Future<Void> before = s.write("x");
        assertThat(before.isFailed()).isTrue();
        assertThat(before.failure().getMessage()).contains("no write handle");
        loop.add(s);
        Future<Void> after = s.write("y".getBytes(StandardCharsets.UTF_8));
        assertThat(after.isFailed()).isTrue();
        assertThat(after.failure().category()).isEqualTo("write");
        // a stream with no handles yet, outside a loop, queues until it is given them
        Stream later = new Stream();
        Future<Void> queued = later.write("z");
        assertThat(queued.isReady()).isFalse();
        later.handles(null, out.writer());
        loop.add(later);
        awaitReady(queued);
        assertThat(queued.isDone()).isTrue();
    }

    @Test
    void fidelity_aReadFromAStreamWithNoReadHandleFailsAtOnce() {
        Stream s = new Stream(null, out.writer());
        loop.add(s);
        Future<String> line = s.readLine();
        assertThat(line.isFailed()).isTrue();
        assertThat(line.failure().getMessage()).contains("no read handle");
        assertThat(s.readExactly(3).isFailed()).isTrue();
        assertThat(s.readAtMost(3).isFailed()).isTrue();
        assertThat(s.readUntilEof().isFailed()).isTrue();
    }

    // ------------------------------------------------------------------ reuse

    @Test
    void fidelity_aStreamGivenNewHandlesAfterCloseWhenEmptyWritesAgain() throws Exception {
        Stream s = new Stream(null, out.writer());
        loop.add(s);
        s.write("one");
        s.closeWhenEmpty();
        runUntil(loop, s::isClosed, "the stream to close");
        try (PipePair next = loop.pipe()) {
            s.handles(null, next.writer());
            loop.add(s);
            Future<Void> w = s.write("two");
            assertThat(w.isFailed()).as("not refused as closing").isFalse();
            awaitReady(w);
            assertThat(w.isDone()).isTrue();
            assertThat(drain(next)).isEqualTo("two");
            s.closeNow();
        }
    }

    @Test
    void fidelity_aStreamTakenOutWhileClosingAndAddedAgainWritesAgain() throws Exception {
        Stream s = new Stream(null, out.writer());
        loop.add(s);
        s.write(new byte[1 << 20]); // more than the pipe holds: closing waits
        s.closeWhenEmpty();
        assertThat(s.write("refused").isFailed()).isTrue();
        loop.remove(s);
        loop.add(s);
        Future<Void> w = s.write("accepted");
        assertThat(w.isFailed()).isFalse();
        s.closeNow();
    }

    // ------------------------------------------------------------------ close_read, close_write

    @Test
    void fidelity_closeReadAndCloseWriteCloseOneSideThenTheWhole() throws Exception {
        Stream s = new Stream(in.reader(), out.writer()).onRead((st, b, eof) -> ReadResult.WAIT);
        loop.add(s);
        Future<String> pending = s.readLine();
        s.closeRead();
        assertThat(s.readHandle()).isNull();
        assertThat(in.reader().isOpen()).isFalse();
        assertThat(s.isClosed()).isFalse();
        assertThat(pending.isFailed()).isTrue();
        assertThat(pending.failure().category()).isEqualTo("closed");
        Future<Void> w = s.write("still writing");
        assertThat(awaitOutput(out, "still writing")).isEqualTo("still writing");
        assertThat(w.isDone()).isTrue();
        s.closeWrite();
        assertThat(out.writer().isOpen()).isFalse();
        assertThat(s.isClosed()).as("no handle left: closed").isTrue();
    }

    @Test
    void fidelity_closeWriteOnASocketLetsThePeerSeeEndOfFileAndStillReads() {
        List<Stream> servers = new ArrayList<>();
        Listener l = awaitReady(loop.listen("127.0.0.1", 0, s -> {
            servers.add(s);
            s.onRead((st, b, eof) -> ReadResult.WAIT);
            s.readUntilEof().onDone(bytes -> s.write("got " + bytes.length + "\n"));
            s.closeOnReadEof(false);
        })).get();
        Stream c = awaitReady(loop.connect("127.0.0.1", l.port())).get();
        loop.add(c.onRead((st, b, eof) -> ReadResult.WAIT));
        c.write("12345");
        Future<String> answer = c.readLine();
        awaitReady(c.write(""));
        c.closeWrite();
        assertThat(c.isClosed()).isFalse();
        assertThat(awaitReady(answer).get()).isEqualTo("got 5\n");
        c.closeRead();
        assertThat(c.isClosed()).isTrue();
        servers.forEach(Stream::closeNow);
    }

    // ------------------------------------------------------------------ null arguments

    @Test
    void fidelity_nullArgumentsAreRefusedNamingTheParameter() {
        Stream s = new Stream(in.reader(), out.writer()).onRead((st, b, eof) -> ReadResult.WAIT);
        assertThatThrownBy(() -> s.write((byte[]) null)).hasMessageContaining("data");
        assertThatThrownBy(() -> s.write((String) null)).hasMessageContaining("text");
        assertThatThrownBy(() -> s.write((ByteBuffer) null)).hasMessageContaining("data");
        assertThatThrownBy(() -> s.readUntil((String) null)).hasMessageContaining("delimiter");
        assertThatThrownBy(() -> s.fail(null)).hasMessageContaining("error");
        assertThatThrownBy(() -> Tls.server(null, null, null)).hasMessageContaining("loop");
        assertThatThrownBy(() -> new LineProtocol().writeLine(null)).hasMessageContaining("line");
        var d = loop.datagram(new InetSocketAddress("127.0.0.1", 0));
        assertThatThrownBy(() -> d.send(null, new InetSocketAddress("127.0.0.1", 9))).hasMessageContaining("data");
        d.close();
    }
}
