package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ioasync.Future;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stream behaviours that a backend which completes reads itself (io_uring's pending receives, see
 * the SPI's package documentation) must keep exactly as a readiness backend does: every byte in
 * order across buffer sizes, nothing lost while a stream is out of its loop, the peer seeing a
 * close at once, half-close, and no descriptor left after many streams closed with reads and
 * writes in flight. On readiness backends the same tests hold and check the same contract.
 */
public abstract class CompletionIoTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected CompletionIoTck() {
    }

    private static byte expected(long offset) {
        return (byte) ((offset * 131 + (offset >>> 9)) & 0xff);
    }

    private Listener echoServer() {
        return awaitReady(loop.listen("127.0.0.1", 0, stream -> stream.onRead((s, buf, eof) -> {
            if (!buf.isEmpty()) {
                s.write(buf.takeAll());
            }
            if (eof) {
                s.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        }))).get();
    }

    private Stream connect(int port) {
        return awaitReady(loop.connect("127.0.0.1", port)).get();
    }

    @Test
    void completion_bytesOfEverySizeArriveWholeAndInOrder() {
        Listener server = echoServer();
        Stream client = connect(server.port());
        long[] received = {0};
        long[] mismatches = {0};
        client.onRead((s, buf, eof) -> {
            for (byte b : buf.takeAll()) {
                if (b != expected(received[0]++)) {
                    mismatches[0]++;
                }
            }
            return ReadResult.WAIT;
        });
        loop.add(client);
        long total = 0;
        int[] sizes = {1, 7, 4096, 4097, 65536, 65537, 1 << 20, 3, 200_000};
        for (int size : sizes) {
            byte[] chunk = new byte[size];
            for (int i = 0; i < size; i++) {
                chunk[i] = expected(total + i);
            }
            total += size;
            client.write(chunk);
        }
        long want = total;
        runUntil(loop, () -> received[0] >= want, "every byte echoed");
        assertThat(received[0]).isEqualTo(total);
        assertThat(mismatches[0]).isZero();
        client.closeNow();
    }

    @Test
    void completion_aStreamTakenOutOfItsLoopLosesNoByteAndGetsThemWhenAddedBack() {
        Listener server = echoServer();
        Stream client = connect(server.port());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        client.onRead((s, buf, eof) -> {
            got.writeBytes(buf.takeAll());
            return ReadResult.WAIT;
        });
        loop.add(client);
        awaitReady(client.write("one;"));
        runUntil(loop, () -> got.size() == 4, "the first echo");
        loop.remove(client);
        // the server echoes into the client's socket while no loop watches it
        Stream serverSide = (Stream) server.children().get(0);
        serverSide.write("two;");
        Stream other = connect(server.port()); // the loop goes on meanwhile
        loop.add(other);
        awaitReady(other.write("x"));
        other.closeNow();
        loop.add(client);
        awaitReady(client.write("three;"));
        runUntil(loop, () -> got.size() == 14, "the echoes after the stream came back");
        assertThat(got.toString()).isEqualTo("one;two;three;");
        client.closeNow();
    }

    @Test
    void completion_thePeerSeesAnIdleStreamsCloseAtOnce() {
        List<Stream> accepted = new ArrayList<>();
        Listener server = awaitReady(loop.listen("127.0.0.1", 0, stream -> {
            accepted.add(stream);
            stream.onRead((s, buf, eof) -> ReadResult.WAIT);
        })).get();
        Stream client = connect(server.port());
        boolean[] eof = {false};
        client.onRead((s, buf, atEof) -> {
            eof[0] |= atEof;
            return ReadResult.WAIT;
        });
        loop.add(client);
        runUntil(loop, () -> accepted.size() == 1, "the accept");
        loop.loopOnce(java.time.Duration.ZERO); // the server side's read is pending
        accepted.get(0).closeNow();
        runUntil(loop, () -> eof[0], "the client to read end of stream");
        assertThat(client.isReadEof()).isTrue();
    }

    @Test
    void completion_halfCloseDeliversEverythingThenTheAnswer() {
        Listener server = awaitReady(loop.listen("127.0.0.1", 0, stream -> {
            stream.closeOnReadEof(false);
            stream.readUntilEof().onDone(bytes -> stream.write("got " + bytes.length).onDone(v -> stream.closeWhenEmpty()));
        })).get();
        Stream client = connect(server.port());
        client.closeOnReadEof(false);
        loop.add(client);
        byte[] big = new byte[300_000];
        client.write(big);
        client.shutdownWriteWhenEmpty();
        Future<byte[]> answer = awaitReady(client.readUntilEof());
        assertThat(new String(answer.get())).isEqualTo("got 300000");
        client.closeNow();
    }

    @Test
    void completion_manyStreamsClosedWithReadsAndWritesInFlightLeaveNoDescriptor() throws IOException {
        assumeThat(Files.isDirectory(Path.of("/proc/self/fd"))).as("/proc/self/fd lists this process's descriptors")
                .isTrue();
        Listener server = echoServer();
        // warm up: the loop's own descriptors (wake-up, ring) are counted in the baseline
        Stream warm = connect(server.port());
        loop.add(warm);
        awaitReady(warm.write("warm"));
        warm.closeNow();
        runUntil(loop, () -> server.children().isEmpty(), "the warm-up connection to go");
        long before = openDescriptors();
        AtomicInteger closed = new AtomicInteger();
        int connections = 200;
        byte[] chunk = new byte[50_000];
        for (int i = 0; i < connections; i++) {
            int id = i;
            Stream c = connect(server.port());
            c.onRead((s, buf, eof) -> {
                buf.takeAll();
                return ReadResult.WAIT;
            });
            c.onClosed(closed::incrementAndGet);
            loop.add(c);
            c.write(chunk);
            c.write(chunk);
            loop.loopOnce(java.time.Duration.ZERO);
            if (id % 3 == 0) {
                c.closeNow(); // with a write queued and a read pending
            } else if (id % 3 == 1) {
                c.closeWhenEmpty();
            } else {
                loop.loopOnce(java.time.Duration.ZERO);
                c.closeNow();
            }
        }
        runUntil(loop, () -> closed.get() == connections, "every client to close");
        runUntil(loop, () -> server.children().isEmpty(), "the server side of every connection to close");
        runUntil(loop, () -> {
            try {
                return openDescriptors() <= before;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "the descriptors to be released");
        drainLoopErrors();
    }

    private static long openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
