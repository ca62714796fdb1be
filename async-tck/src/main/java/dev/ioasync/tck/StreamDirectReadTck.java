package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.DirectBufferPool;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A stream reads its socket straight into its read buffer (a pooled direct buffer while it reads,
 * no scratch copy), and {@link Stream#writeFrom} hands that buffer over to a write queue without a
 * copy when it can: whatever a handler consumes, and however, the bytes arrive whole and in order;
 * between reads a stream holds no direct buffer, and every buffer goes back to the pool.
 */
public abstract class StreamDirectReadTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected StreamDirectReadTck() {
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31 + (i >>> 11));
        }
        return b;
    }

    private static void feed(dev.ioasync.Loop l, PipePair p, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (b.hasRemaining()) {
            if (p.writer().write(b) == 0) {
                l.loopOnce(Duration.ofMillis(10));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out feeding " + bytes.length + " bytes");
            }
        }
    }

    private static void drain(IoHandle reader, ByteArrayOutputStream into) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        int n;
        while ((n = reader.read(b.clear())) > 0) {
            into.write(b.array(), 0, n);
        }
    }

    @Test
    void directRead_anEchoWritingAllMostOrAFewOfItsBytesEchoesEveryByteInOrder() throws Exception {
        long lent = DirectBufferPool.lentBytes();
        int total = 8 << 20;
        byte[] sent = pattern(total, 5);
        List<Stream> servers = new ArrayList<>();
        int[] calls = {0};
        Listener listener = awaitReady(loop.listen("127.0.0.1", 0, s -> {
            servers.add(s);
            s.onRead((st, buf, eof) -> {
                if (!buf.isEmpty()) {
                    int size = buf.size();
                    // all (handed over whole), three quarters (handed over, the rest copied on), a few (copied)
                    int n = switch (calls[0]++ % 3) {
                        case 0 -> size;
                        case 1 -> Math.max(1, size - size / 4);
                        default -> Math.min(size, 1000);
                    };
                    st.writeFrom(buf, n);
                }
                if (eof) {
                    st.closeWhenEmpty();
                }
                return buf.isEmpty() ? ReadResult.WAIT : ReadResult.AGAIN;
            });
        })).get();
        AtomicReference<byte[]> got = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread client = Thread.ofPlatform().name("echo-client").start(() -> {
            try (Socket sock = new Socket("127.0.0.1", listener.port())) {
                Thread writer = Thread.ofPlatform().name("echo-writer").start(() -> {
                    try {
                        OutputStream out = sock.getOutputStream();
                        for (int off = 0; off < total; off += 100_000) {
                            out.write(sent, off, Math.min(100_000, total - off));
                        }
                        sock.shutdownOutput();
                    } catch (IOException e) {
                        failed.set(e);
                    }
                });
                InputStream in = sock.getInputStream();
                got.set(in.readAllBytes());
                writer.join();
            } catch (IOException | InterruptedException e) {
                failed.set(e);
            }
        });
        runUntil(loop, () -> !client.isAlive(), "the client to read its echo");
        assertThat(failed.get()).isNull();
        assertThat(got.get().length).as("bytes echoed").isEqualTo(total);
        assertThat(got.get()).as("every byte, in order").isEqualTo(sent);
        runUntil(loop, () -> servers.get(0).isClosed(), "the server stream to close");
        assertThat(DirectBufferPool.lentBytes()).as("every direct buffer back in the pool").isEqualTo(lent);
        listener.close();
    }

    @Test
    void directRead_writeFromAnotherStreamsBufferMovesItsBytesThroughWhole() throws Exception {
        long lent = DirectBufferPool.lentBytes();
        try (PipePair in = loop.pipe(); PipePair out = loop.pipe()) {
            Stream sink = new Stream(null, out.writer());
            Stream source = new Stream(in.reader(), null).onRead((st, buf, eof) -> {
                if (!buf.isEmpty()) {
                    sink.writeFrom(buf, buf.size());
                }
                return ReadResult.WAIT;
            });
            loop.add(sink).add(source);
            byte[] sent = pattern(3 << 20, 9);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Thread feeder = Thread.ofPlatform().name("feeder").start(() -> {
                try {
                    ByteBuffer b = ByteBuffer.wrap(sent);
                    while (b.hasRemaining()) {
                        if (in.writer().write(b) == 0) {
                            Thread.yield(); // the pipe is full until the loop reads it
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            runUntil(loop, () -> {
                try {
                    drain(out.reader(), got);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return got.size() >= sent.length;
            }, "the bytes to come through");
            feeder.join(WAIT.toMillis());
            assertThat(got.toByteArray()).isEqualTo(sent);
            runUntil(loop, () -> sink.queuedBytes() == 0, "the sink's queue to drain");
            source.closeNow();
            sink.closeNow();
            assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
        }
    }

    @Test
    void directRead_bytesLeftUnconsumedBetweenReadsHoldNoDirectBuffer() throws Exception {
        long lent = DirectBufferPool.lentBytes();
        try (PipePair in = loop.pipe()) {
            Stream s = new Stream(in.reader(), null).readLen(4096).onRead((st, buf, eof) -> ReadResult.WAIT);
            loop.add(s);
            Future<String> line = s.readUntil("\r\n");
            StringBuilder want = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                String part = "part " + i + " " + "y".repeat(i * 37 % 5000) + (i == 99 ? "\r" : "");
                want.append(part);
                feed(loop, in, part.getBytes(StandardCharsets.US_ASCII));
                int expected = want.length();
                runUntil(loop, () -> s.readBuffer().size() == expected, "part " + i + " to be read");
                assertThat(DirectBufferPool.lentBytes()).as("no direct buffer held between reads").isEqualTo(lent);
            }
            assertThat(line.isReady()).isFalse();
            feed(loop, in, "\nafter".getBytes(StandardCharsets.US_ASCII));
            awaitReady(line);
            assertThat(line.get()).isEqualTo(want + "\n");
            runUntil(loop, () -> s.readBuffer().size() == 5, "the bytes after the line");
            assertThat(s.readBuffer().takeAll()).isEqualTo("after".getBytes(StandardCharsets.US_ASCII));
            s.closeNow();
        }
    }

    @Test
    void directRead_aHandlerThatTakesPutsBackAndPeeksSeesEveryByteOnce() throws Exception {
        try (PipePair in = loop.pipe()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Stream s = new Stream(in.reader(), null).onRead((st, buf, eof) -> {
                if (buf.size() >= 3) {
                    byte[] head = buf.take(3);
                    buf.unshift(head);
                    byte[] peeked = buf.peek();
                    byte[] all = buf.takeAll();
                    assertThat(all).isEqualTo(peeked);
                    got.writeBytes(all);
                }
                return ReadResult.WAIT;
            });
            loop.add(s);
            byte[] sent = pattern(1 << 20, 13);
            Thread feeder = Thread.ofPlatform().name("feeder").start(() -> {
                try {
                    ByteBuffer b = ByteBuffer.wrap(sent);
                    while (b.hasRemaining()) {
                        // odd-sized writes: the reads end anywhere in the stream
                        int n = in.writer().write(b.slice(b.position(), Math.min(b.remaining(), 7001)));
                        if (n == 0) {
                            Thread.yield(); // the pipe is full until the loop reads it
                        }
                        b.position(b.position() + n);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            runUntil(loop, () -> got.size() + s.readBuffer().size() >= sent.length, "every byte");
            feeder.join(WAIT.toMillis());
            got.writeBytes(s.readBuffer().takeAll());
            assertThat(got.toByteArray()).isEqualTo(sent);
            assertThat(drainLoopErrors()).isEmpty();
            s.closeNow();
        }
    }
}
