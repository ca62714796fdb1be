package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.io.PipePair;
import dev.ioasync.protocol.LineProtocol;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocols over stream transports, and moving a protocol to another transport. */
public abstract class ProtocolTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ProtocolTck() {
    }

    private static void feed(PipePair p, String s) throws IOException {
        p.writer().write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String drain(PipePair p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        StringBuilder sb = new StringBuilder();
        while (p.reader().read(b.clear()) > 0) {
            sb.append(StandardCharsets.UTF_8.decode(b.flip()));
        }
        return sb.toString();
    }

    @Test
    void protocol_lineProtocolReadsAndWritesLines() throws Exception {
        try (PipePair in = loop.pipe(); PipePair out = loop.pipe()) {
            List<String> lines = new ArrayList<>();
            LineProtocol proto = new LineProtocol().onLine(lines::add);
            proto.transport(new Stream(in.reader(), out.writer()));
            loop.add(proto);
            feed(in, "one\r\ntwo\nthr");
            runUntil(loop, () -> lines.size() == 2, "two lines");
            proto.writeLine("reply");
            runUntil(loop, () -> proto.transport().queuedBytes() == 0, "the reply to be written");
            assertThat(drain(out)).isEqualTo("reply\r\n"); // IO::Async::Protocol::LineStream writes CRLF
            feed(in, "ee");
            in.writer().close();
            runUntil(loop, () -> lines.size() == 3, "the last line at EOF");
            assertThat(lines).containsExactly("one", "two", "three");
        }
    }

    @Test
    void protocol_canBeMovedToAnotherTransport() throws Exception {
        try (PipePair a = loop.pipe(); PipePair b = loop.pipe(); PipePair sink = loop.pipe()) {
            List<String> lines = new ArrayList<>();
            LineProtocol proto = new LineProtocol().onLine(lines::add);
            Stream first = new Stream(a.reader(), sink.writer());
            proto.transport(first);
            loop.add(proto);
            feed(a, "from a\n");
            runUntil(loop, () -> lines.size() == 1, "a line from the first transport");
            Stream second = new Stream(b.reader(), null);
            proto.transport(second);
            assertThat(first.parent()).isNull();
            assertThat(first.isClosed()).as("a released transport is not closed").isFalse();
            assertThat(second.parent()).isSameAs(proto);
            feed(b, "from b\n");
            feed(a, "ignored\n");
            runUntil(loop, () -> lines.size() == 2, "a line from the second transport");
            loop.loopOnce(java.time.Duration.ofMillis(20));
            assertThat(lines).containsExactly("from a", "from b");
            first.close();
        }
    }

    @Test
    void protocol_onClosedRunsWhenTheTransportCloses() throws Exception {
        try (PipePair in = loop.pipe()) {
            boolean[] closed = {false};
            LineProtocol proto = new LineProtocol();
            proto.onClosed(() -> closed[0] = true);
            proto.transport(new Stream(in.reader(), null));
            loop.add(proto);
            in.writer().close();
            runUntil(loop, () -> closed[0], "on_closed after the transport closed at EOF");
            assertThat(proto.transport()).isNull();
            assertThat(proto.writeLine("nowhere").failure().category()).isEqualTo("closed");
        }
    }
}
