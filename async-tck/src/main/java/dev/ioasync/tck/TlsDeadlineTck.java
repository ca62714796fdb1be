package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import dev.ioasync.stream.TlsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS handshake deadline (on by default, 10 s): a peer that never completes its handshake is
 * dropped at the deadline with category {@code tls} and the message {@code handshake timed out},
 * on the server, the client and an upgrade; a listener bounds the handshakes under way.
 */
public abstract class TlsDeadlineTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected TlsDeadlineTck() {
    }

    private static final Duration DEADLINE = Duration.ofMillis(300);

    private TestCertificates certs;
    private final List<SocketHandle> held = new ArrayList<>();

    @BeforeEach
    void makeCertificates() throws Exception {
        certs = TestCertificates.get();
    }

    @AfterEach
    void closeHeld() throws IOException {
        for (SocketHandle h : held) {
            h.close();
        }
    }

    private static void echoLines(Stream stream) {
        stream.onRead((s, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                s.write(line);
            }
            return ReadResult.WAIT;
        });
    }

    /** A plain client that says nothing; records when the server drops it. */
    private Stream silentClient(int port, List<Long> droppedAt) {
        Stream s = awaitReady(loop.connect("127.0.0.1", port)).get();
        s.onRead((st, buf, eof) -> {
            buf.clear();
            return ReadResult.WAIT;
        }).onReadEof(() -> droppedAt.add(System.nanoTime()));
        loop.add(s);
        return s;
    }

    /** A listener that accepts and holds sockets, never saying a word. */
    private Listener silentServer() {
        return awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(held::add), 0)).get();
    }

    @Test
    void tlsDeadline_silentClientsAreDroppedAtTheDeadlineWhileARealClientCompletes() {
        // long enough for a real handshake on a loaded machine (a cold JSSE takes a few hundred ms)
        Duration deadline = Duration.ofSeconds(2);
        Listener server = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h)
                .tls(TlsOptions.of(certs.server())).tlsHandshakeTimeout(deadline)
                .onStream(TlsDeadlineTck::echoLines), 0)).get();
        long start = System.nanoTime();
        List<Long> droppedAt = new ArrayList<>();
        List<Stream> silent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            silent.add(silentClient(server.port(), droppedAt));
        }
        runUntil(loop, () -> server.acceptedCount() == 20, "the silent clients to be accepted");

        Stream real = awaitReady(loop.connect("localhost", Integer.toString(server.port()),
                ConnectOptions.DEFAULTS.withTls(TlsOptions.of(certs.client())))).get();
        loop.add(real);
        real.write("a real client\n");
        assertThat(awaitReady(real.readLine()).get()).isEqualTo("a real client\n");

        runUntil(loop, () -> droppedAt.size() == 20, "every silent client to be dropped");
        assertThat(droppedAt).as("none dropped before the deadline")
                .allMatch(t -> t - start >= deadline.toNanos());
        assertThat(silent).allMatch(Stream::isClosed);
        assertThat(server.pendingHandshakes()).isZero();
        assertThat(real.isClosed()).as("the real client is served on").isFalse();
        real.write("still\n");
        assertThat(awaitReady(real.readLine()).get()).isEqualTo("still\n");
        real.closeNow();
    }

    @Test
    void tlsDeadline_aServerHandshakeThatTimesOutFailsWithTlsAndClosesTheSocket() {
        List<Future<Stream>> handshakes = new ArrayList<>();
        List<SocketHandle> raws = new ArrayList<>();
        Listener server = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(raw -> {
            raws.add(raw);
            handshakes.add(Tls.server(loop, raw, TlsOptions.of(certs.server()).withHandshakeTimeout(DEADLINE)));
        }), 0)).get();
        List<Long> droppedAt = new ArrayList<>();
        silentClient(server.port(), droppedAt);
        runUntil(loop, () -> handshakes.size() == 1 && handshakes.get(0).isReady(), "the handshake to time out");
        Future<Stream> f = handshakes.get(0);
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure().category()).isEqualTo("tls");
        assertThat(f.failure().getMessage()).isEqualTo("handshake timed out");
        assertThat(raws.get(0).isOpen()).as("the socket is closed").isFalse();
        runUntil(loop, () -> droppedAt.size() == 1, "the client to see the connection closed");
    }

    @Test
    void tlsDeadline_aClientHandshakeAgainstASilentServerTimesOut() {
        Listener server = silentServer();
        Future<Stream> f = awaitReady(loop.connect("localhost", Integer.toString(server.port()),
                ConnectOptions.DEFAULTS.withTls(TlsOptions.of(certs.client()).withHandshakeTimeout(DEADLINE))));
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure().category()).isEqualTo("tls");
        assertThat(f.failure().getMessage()).isEqualTo("handshake timed out");
    }

    @Test
    void tlsDeadline_anUpgradeThatTimesOutClosesTheStream() {
        Listener server = silentServer();
        Stream client = awaitReady(loop.connect("127.0.0.1", server.port())).get();
        loop.add(client.onRead((s, b, e) -> ReadResult.WAIT));
        Future<Stream> up = awaitReady(Tls.upgrade(client, TlsOptions.of(certs.client()).withHandshakeTimeout(DEADLINE),
                true, "localhost"));
        assertThat(up.isFailed()).isTrue();
        assertThat(up.failure().category()).isEqualTo("tls");
        assertThat(up.failure().getMessage()).isEqualTo("handshake timed out");
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void tlsDeadline_aListenerBoundsTheHandshakesUnderWay() {
        Listener server = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h)
                .tls(TlsOptions.of(certs.server())).tlsHandshakeTimeout(DEADLINE).maxPendingHandshakes(2)
                .onStream(TlsDeadlineTck::echoLines), 0)).get();
        List<Long> droppedAt = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            silentClient(server.port(), droppedAt);
        }
        runUntil(loop, () -> server.pendingHandshakes() == 2, "two handshakes under way");
        for (int i = 0; i < 5; i++) {
            loop.loopOnce(Duration.ofMillis(10));
        }
        assertThat(server.acceptedCount()).as("the third waits in the backlog").isEqualTo(2);
        assertThat(server.pendingHandshakes()).isLessThanOrEqualTo(2);
        runUntil(loop, () -> server.acceptedCount() == 3, "the third to be accepted once one ended");
        runUntil(loop, () -> droppedAt.size() == 3, "all three to be dropped");
        assertThat(server.pendingHandshakes()).isZero();
    }

    @Test
    void tlsDeadline_isTenSecondsByDefaultAndZeroTurnsItOff() {
        TlsOptions o = TlsOptions.of(certs.server());
        assertThat(o.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10)).isEqualTo(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        assertThat(new TlsOptions(certs.server(), null, true).handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.withHandshakeTimeout(Duration.ZERO).handshakeTimeout()).isZero();
        assertThat(o.withServerName("x").withHostnameVerification(false).withHandshakeTimeout(DEADLINE))
                .isEqualTo(new TlsOptions(certs.server(), "x", false, DEADLINE));
        assertThatThrownBy(() -> o.withHandshakeTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshake timeout");
        assertThatThrownBy(() -> o.withHandshakeTimeout(null)).hasMessageContaining("handshakeTimeout");
        Listener l = silentServer();
        assertThatThrownBy(() -> l.tlsHandshakeTimeout(null)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> l.maxPendingHandshakes(-1)).hasMessageContaining("-1");
    }
}
