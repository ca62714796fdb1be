package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.observe.LoopMetrics;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import org.junit.jupiter.api.Test;

/**
 * The I/O counters of {@code Loop.metrics()} on every backend, with real sockets and pipes: bytes
 * read and written by streams, connections accepted, read-limit and write-limit hits, errors by
 * category; the same in the loop's MBean; and a loop built with metrics off.
 */
public abstract class LoopIoMetricsTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected LoopIoMetricsTck() {
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private Listener echoServer() {
        return awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onStream(s -> s.onRead((st, buf, eof) -> {
            if (!buf.isEmpty()) {
                st.write(buf.takeAll());
            }
            return ReadResult.WAIT;
        })), 0)).get();
    }

    /** A real echo of N bytes over loopback: the loop counts at least N read and N written each way. */
    @Test
    public void ioMetrics_anEchoOfNBytesCountsThemReadAndWritten() {
        int n = 300_000;
        Listener server = echoServer();
        LoopMetrics before = loop.metrics();
        Stream c = awaitReady(loop.connect("127.0.0.1", server.port())).get();
        loop.add(c.onRead((s, b, e) -> ReadResult.WAIT));
        byte[] data = filled(n);
        Future<byte[]> back = c.readExactly(n);
        c.write(data);
        assertThat(awaitReady(back).get()).isEqualTo(data);
        LoopMetrics after = loop.metrics();
        // the server and the client both run on this loop: each byte is read twice and written twice
        assertThat(after.bytesRead() - before.bytesRead()).isGreaterThanOrEqualTo(2L * n);
        assertThat(after.bytesWritten() - before.bytesWritten()).isGreaterThanOrEqualTo(2L * n);
        assertThat(after.summary()).contains("read " + after.bytesRead() + " B");
        c.closeNow();
    }

    /** Each connection a listener accepts is counted once. */
    @Test
    public void ioMetrics_acceptedConnectionsEqualThoseMade() {
        List<SocketHandle> held = new ArrayList<>();
        Listener server = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(held::add), 0)).get();
        long before = loop.metrics().connectionsAccepted();
        List<Stream> clients = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Stream c = awaitReady(loop.connect("127.0.0.1", server.port())).get();
            loop.add(c.onRead((s, b, e) -> ReadResult.WAIT));
            clients.add(c);
        }
        runUntil(loop, () -> held.size() == 7, "seven connections accepted");
        assertThat(loop.metrics().connectionsAccepted() - before).isEqualTo(7).isEqualTo(server.acceptedCount());
        clients.forEach(Stream::closeNow);
        held.forEach(LoopIoMetricsTck::closeQuietly);
    }

    /**
     * A stream past its read limit counts one read-limit hit and one {@code read-limit} error.
     *
     * @throws IOException when the pipe fails
     */
    @Test
    public void ioMetrics_aReadLimitHitCountsOnce() throws IOException {
        try (PipePair in = loop.pipe()) {
            List<Throwable> errors = new ArrayList<>();
            Stream s = new Stream(in.reader(), null).readLimit(32 * 1024).onRead((st, b, e) -> ReadResult.WAIT);
            s.onError((e, source) -> errors.add(e));
            loop.add(s);
            LoopMetrics before = loop.metrics();
            ByteBuffer b = ByteBuffer.wrap(new byte[128 * 1024]);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (b.hasRemaining() && !s.isClosed() && System.nanoTime() - deadline < 0) {
                if (in.writer().write(b) == 0) {
                    loop.loopOnce(Duration.ofMillis(10));
                }
            }
            runUntil(loop, s::isClosed, "the stream to close at its read limit");
            LoopMetrics after = loop.metrics();
            assertThat(errors).hasSize(1);
            assertThat(after.readLimitHits() - before.readLimitHits()).isEqualTo(1);
            assertThat(after.writeLimitHits()).isEqualTo(before.writeLimitHits());
            assertThat(after.bytesRead() - before.bytesRead()).isGreaterThan(32 * 1024);
        }
    }

    /**
     * A write refused by the write limit counts one write-limit hit; the accepted one none.
     *
     * @throws IOException when the pipe fails
     */
    @Test
    public void ioMetrics_aWriteLimitHitCountsOnce() throws IOException {
        try (PipePair out = loop.pipe()) {
            Stream s = new Stream(null, out.writer()).writeLimit(1024);
            loop.add(s);
            long before = loop.metrics().writeLimitHits();
            Future<Void> refused = s.write(new byte[2048]);
            assertThat(refused.isFailed()).isTrue();
            assertThat(refused.failure().category()).isEqualTo("write-limit");
            assertThat(s.write(new byte[512]).isFailed()).isFalse();
            assertThat(loop.metrics().writeLimitHits() - before).isEqualTo(1);
            s.closeNow();
        }
    }

    /** Errors are counted by category too: what a callback throws is {@code callback}. */
    @Test
    public void ioMetrics_errorsAreCountedByCategory() {
        long before = loop.metrics().errorsByCategory().getOrDefault("callback", 0L);
        loop.later(() -> {
            throw new IllegalStateException("counted");
        });
        runUntil(loop, () -> !loopErrors.isEmpty(), "the error");
        drainLoopErrors();
        assertThat(loop.metrics().errorsByCategory().getOrDefault("callback", 0L) - before).isEqualTo(1);
    }

    /**
     * The MBean shows the I/O counters.
     *
     * @throws Exception when the MBean cannot be read
     */
    @Test
    public void ioMetrics_theMBeanShowsTheCounters() throws Exception {
        String name = "io-metrics-jmx-" + provider().name() + "-" + System.nanoTime();
        try (Loop l = Loop.builder().provider(provider()).name(name).jmx(true).build()) {
            List<SocketHandle> held = new ArrayList<>();
            Listener server = readyOn(l, l.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(held::add), 0));
            Stream c = readyOn(l, l.connect("127.0.0.1", server.port()));
            l.add(c.onRead((s, b, e) -> ReadResult.WAIT));
            runUntil(l, () -> held.size() == 1, "the connection");
            Future<Void> w = c.write(new byte[1000]);
            runUntil(l, w::isReady, "the write");
            l.loopOnce(Duration.ofMillis(1)); // publishes before it sleeps
            MBeanServer server2 = ManagementFactory.getPlatformMBeanServer();
            var on = dev.ioasync.observe.LoopJmx.objectName(name);
            assertThat((Long) server2.getAttribute(on, "ConnectionsAccepted")).isEqualTo(1L);
            assertThat((Long) server2.getAttribute(on, "BytesWritten")).isGreaterThanOrEqualTo(1000L);
            assertThat((Long) server2.getAttribute(on, "ReadLimitHits")).isZero();
            assertThat((Boolean) server2.getAttribute(on, "MetricsEnabled")).isTrue();
            c.closeNow();
            held.forEach(LoopIoMetricsTck::closeQuietly);
        }
    }

    /**
     * A loop built with metrics off keeps no timing counters, and still runs and counts bytes.
     *
     * @throws IOException when the pipe fails
     */
    @Test
    public void ioMetrics_metricsOffKeepsTimingCountersAtZero() throws IOException {
        try (Loop l = Loop.builder().provider(provider()).metrics(false).watchdog(Duration.ZERO).build();
                PipePair p = l.pipe()) {
            assertThat(l.observer().metricsEnabled()).isFalse();
            int[] ran = new int[1];
            for (int i = 0; i < 5; i++) {
                l.later(() -> ran[0]++);
                l.loopOnce(Duration.ZERO);
            }
            l.watchTimeAfter(Duration.ofMillis(1), () -> ran[0]++);
            runUntil(l, () -> ran[0] == 6, "the timer");
            Stream w = new Stream(null, p.writer());
            l.add(w);
            Future<Void> done = w.write(new byte[100]);
            runUntil(l, done::isReady, "the write");
            LoopMetrics m = l.metrics();
            assertThat(m.iterations()).isZero();
            assertThat(m.callbacks()).isZero();
            assertThat(m.busyNanos()).isZero();
            assertThat(m.timerLatenessNanos().count()).isZero();
            assertThat(m.bytesWritten()).isEqualTo(100);
            w.closeNow();
        }
    }

    private static <T> T readyOn(Loop l, Future<T> f) {
        runUntil(l, f::isReady, "a future");
        return f.get();
    }

    private static void closeQuietly(SocketHandle h) {
        try {
            h.close();
        } catch (IOException ignored) {
            // test clean-up
        }
    }
}
