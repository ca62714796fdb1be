package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Listener;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import dev.ioasync.process.Process;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.TlsOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The I/O JFR events, seen by a {@link RecordingStream} with real children, sockets and pipes:
 * {@code dev.ioasync.ChildExit}, {@code dev.ioasync.TlsHandshake} (ok, failed, timed out) and
 * {@code dev.ioasync.LimitHit} (read and write limits).
 */
public abstract class IoJfrTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected IoJfrTck() {
    }

    private static final String CHILD_EXIT = "dev.ioasync.ChildExit";
    private static final String TLS = "dev.ioasync.TlsHandshake";
    private static final String LIMIT = "dev.ioasync.LimitHit";

    private RecordingStream recording;
    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    private final List<SocketHandle> held = new ArrayList<>();

    @BeforeEach
    void record() throws InterruptedException {
        recording = new RecordingStream();
        for (String type : List.of(CHILD_EXIT, TLS, LIMIT)) {
            recording.enable(type);
            recording.onEvent(type, events::add);
        }
        recording.setMaxAge(Duration.ofMinutes(1));
        CountDownLatch started = new CountDownLatch(1);
        recording.onFlush(started::countDown);
        recording.startAsync();
        assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the recording started").isTrue();
    }

    @AfterEach
    void stopRecording() {
        recording.close();
        for (SocketHandle h : held) {
            try {
                h.close();
            } catch (IOException ignored) {
                // test clean-up
            }
        }
    }

    /** Runs the loop until an event of {@code type} matching {@code which} arrives (the stream flushes about once a second). */
    private RecordedEvent await(String type, Predicate<RecordedEvent> which) {
        long deadline = System.nanoTime() + WAIT.toNanos() * 2;
        while (System.nanoTime() - deadline < 0) {
            for (RecordedEvent e : events) {
                if (e.getEventType().getName().equals(type) && which.test(e)) {
                    return e;
                }
            }
            loop.loopOnce(Duration.ofMillis(50));
        }
        throw new AssertionError("no " + type + " event came; got " + events);
    }

    /** A child killed by a signal and one that exits with a code each give a ChildExit event. */
    @Test
    public void jfr_childExitsAreRecordedWithPidStatusCommandAndRunTime() {
        Process sleeper = loop.openProcess(Command.of("sleep", "60"));
        long pid = sleeper.pid();
        awaitReady(sleeper.kill("TERM"));
        assertThat(awaitReady(sleeper.exitFuture()).get()).isEqualTo(ExitStatus.killed(15));
        RecordedEvent killed = await(CHILD_EXIT, e -> e.getLong("pid") == pid);
        assertThat(killed.getInt("signal")).isEqualTo(15);
        assertThat(killed.getInt("exitCode")).isEqualTo(-1);
        assertThat(killed.getString("status")).isEqualTo("killed by signal 15");
        assertThat(killed.getString("command")).contains("sleep").contains("60");
        assertThat(killed.getDuration("ran")).isPositive();

        Process three = loop.openProcess(Command.shell("exit 3"));
        long pid3 = three.pid();
        assertThat(awaitReady(three.exitFuture()).get()).isEqualTo(ExitStatus.exited(3));
        RecordedEvent exited = await(CHILD_EXIT, e -> e.getLong("pid") == pid3);
        assertThat(exited.getInt("exitCode")).isEqualTo(3);
        assertThat(exited.getInt("signal")).isZero();
        assertThat(exited.getString("status")).isEqualTo("exit 3");
    }

    private Listener tlsEchoServer(TestCertificates certs) {
        return awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).tls(TlsOptions.of(certs.server()))
                .onStream(s -> s.onRead((st, buf, eof) -> {
                    String line;
                    while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                        st.write(line);
                    }
                    return ReadResult.WAIT;
                })), 0)).get();
    }

    /**
     * A handshake that completes is recorded on both sides as {@code ok}; one against a server
     * that speaks no TLS as {@code failed}; one against a silent server as {@code timed-out}.
     *
     * @throws Exception when the test certificates cannot be made
     */
    @Test
    public void jfr_tlsHandshakesAreRecordedWithTheirOutcome() throws Exception {
        TestCertificates certs = TestCertificates.get();
        String loopName = loop.metrics().loop();
        Listener server = tlsEchoServer(certs);
        Stream c = awaitReady(loop.connect("localhost", Integer.toString(server.port()),
                ConnectOptions.DEFAULTS.withTls(TlsOptions.of(certs.client())))).get();
        loop.add(c);
        c.write("hello\n");
        assertThat(awaitReady(c.readLine()).get()).isEqualTo("hello\n");
        // only this loop's events, and the client's by the server's port: nothing else in the JVM can match
        RecordedEvent client = await(TLS, e -> loopName.equals(e.getString("loop")) && e.getString("role").equals("client")
                && e.getString("peer").endsWith(":" + server.port()));
        RecordedEvent serverSide = await(TLS, e -> loopName.equals(e.getString("loop"))
                && e.getString("role").equals("server") && e.getString("outcome").equals("ok"));
        assertThat(client.getString("outcome")).isEqualTo("ok");
        assertThat(client.getDuration("took")).isPositive();
        assertThat(serverSide.getString("reason")).isEmpty();
        c.closeNow();

        // a server that answers in plain text: the client's engine refuses it
        Listener plain = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onStream(s -> {
            s.onRead((st, buf, eof) -> {
                buf.clear();
                return ReadResult.WAIT;
            });
            s.write("HTTP/1.0 400 this is no TLS server\r\n\r\n".repeat(20));
        }), 0)).get();
        Future<Stream> refused = awaitReady(loop.connect("localhost", Integer.toString(plain.port()),
                ConnectOptions.DEFAULTS.withTls(TlsOptions.of(certs.client()))));
        assertThat(refused.isFailed()).isTrue();
        RecordedEvent failed = await(TLS, e -> loopName.equals(e.getString("loop"))
                && e.getString("peer").endsWith(":" + plain.port()));
        assertThat(failed.getString("outcome")).isEqualTo("failed");
        assertThat(failed.getString("reason")).isNotEmpty();

        // a server that accepts and says nothing: the client's deadline passes
        Listener silent = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(held::add), 0)).get();
        Future<Stream> late = awaitReady(loop.connect("localhost", Integer.toString(silent.port()),
                ConnectOptions.DEFAULTS.withTls(TlsOptions.of(certs.client()).withHandshakeTimeout(Duration.ofMillis(300)))));
        assertThat(late.failure().getMessage()).isEqualTo("handshake timed out");
        RecordedEvent timedOut = await(TLS, e -> loopName.equals(e.getString("loop"))
                && e.getString("peer").endsWith(":" + silent.port()));
        assertThat(timedOut.getString("outcome")).isEqualTo("timed-out");
        assertThat(timedOut.getDuration("took")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    /**
     * A read limit and a write limit hit each give a LimitHit event with the kind, the limit and the stream.
     *
     * @throws IOException when the pipes fail
     */
    @Test
    public void jfr_limitHitsAreRecorded() throws IOException {
        try (PipePair in = loop.pipe(); PipePair out = loop.pipe()) {
            Stream reader = new Stream(in.reader(), null).readLimit(16 * 1024).onRead((st, b, e) -> ReadResult.WAIT)
                    .onReadError(e -> { });
            reader.name("limited-reader");
            Stream writer = new Stream(null, out.writer()).writeLimit(1000);
            writer.name("limited-writer");
            loop.add(reader).add(writer);
            ByteBuffer b = ByteBuffer.wrap(new byte[64 * 1024]);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (b.hasRemaining() && !reader.isClosed() && System.nanoTime() - deadline < 0) {
                if (in.writer().write(b) == 0) {
                    loop.loopOnce(Duration.ofMillis(10));
                }
            }
            runUntil(loop, reader::isClosed, "the reader to close at its limit");
            Future<Void> refused = writer.write(new byte[1500]);
            assertThat(refused.isFailed()).isTrue();
            assertThat(refused.failure().category()).isEqualTo("write-limit"); // observed: no unobserved-failure report
            RecordedEvent read = await(LIMIT, e -> e.getString("stream").contains("limited-reader"));
            assertThat(read.getString("kind")).isEqualTo("read-limit");
            assertThat(read.getLong("limit")).isEqualTo(16 * 1024);
            assertThat(read.getLong("amount")).isGreaterThan(16 * 1024);
            assertThat(read.getString("stream")).contains("limited-reader");
            RecordedEvent write = await(LIMIT, e -> e.getString("stream").contains("limited-writer"));
            assertThat(write.getString("kind")).isEqualTo("write-limit");
            assertThat(write.getLong("limit")).isEqualTo(1000);
            assertThat(write.getLong("amount")).isEqualTo(1500);
            assertThat(write.getString("stream")).contains("limited-writer");
            assertThat(write.getString("loop")).isEqualTo(loop.metrics().loop());
            writer.closeNow();
        }
    }
}
