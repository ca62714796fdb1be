package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.stream.Stream;
import dev.ioasync.testkit.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connect toward a peer that never answers ends by default: {@code loop.connect(host, port)}
 * and {@link ConnectOptions#DEFAULTS} fail with category {@code timeout} after 30 s (Netty's
 * default), naming the default and how to change it; {@code withTimeout(Duration.ZERO)} keeps
 * IO::Async's behaviour (no timeout of its own). The silent peer is real: a listener on
 * 127.0.0.1 whose backlog is full and that never accepts, so the kernel drops further SYNs; the
 * 30 s pass on a manual clock.
 */
public abstract class ConnectDeadlineTck extends AbstractLoopTck {

    private ListenerHandle silent;
    private final List<Socket> backlog = new ArrayList<>();
    private ManualClock clock;
    private Loop timed;

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ConnectDeadlineTck() {
    }

    @BeforeEach
    void fillABacklog() throws IOException {
        silent = loop.handles().openListener(new InetSocketAddress("127.0.0.1", 0), 1);
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", port());
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            try {
                s.connect(at, 300);
                backlog.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                break;
            }
        }
        clock = new ManualClock();
        timed = newLoop(clock);
    }

    @AfterEach
    void closeAll() throws IOException {
        if (timed != null) {
            timed.close();
        }
        for (Socket s : backlog) {
            s.close();
        }
        silent.close();
    }

    private int port() {
        try {
            return ((InetSocketAddress) silent.localAddress()).getPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void connectDeadline_aDefaultConnectToASilentPeerFailsAfterThirtySeconds() {
        Future<Stream> f = timed.connect("127.0.0.1", port());
        timed.loopOnce(Duration.ofMillis(50));
        clock.advance(ConnectOptions.DEFAULT_TIMEOUT.minusSeconds(1));
        timed.loopOnce(Duration.ZERO);
        assertThat(f.isReady()).as("pending before the deadline").isFalse();
        clock.advance(Duration.ofSeconds(1));
        timed.loopOnce(Duration.ZERO);
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure().category()).isEqualTo("timeout");
        assertThat(f.failure().getMessage()).contains("127.0.0.1:" + port()).contains("PT30S")
                .contains("withTimeout").contains("Duration.ZERO");
        assertThat(timed.watchedHandles()).as("the attempt's socket is closed").isZero();
    }

    @Test
    void connectDeadline_theDefaultOptionsCarryTheSameDeadline() {
        assertThat(ConnectOptions.DEFAULTS.timeout()).isEqualTo(Duration.ofSeconds(30));
        Future<Stream> f = timed.connect("127.0.0.1", Integer.toString(port()), ConnectOptions.DEFAULTS.withTcpNoDelay(true));
        timed.loopOnce(Duration.ofMillis(50));
        clock.advance(Duration.ofSeconds(30));
        timed.loopOnce(Duration.ZERO);
        assertThat(f.failure().category()).isEqualTo("timeout");
    }

    @Test
    void connectDeadline_aZeroTimeoutWaitsAsIoAsyncDoes() {
        Future<Stream> f = timed.connect("127.0.0.1", Integer.toString(port()),
                ConnectOptions.DEFAULTS.withTimeout(Duration.ZERO));
        timed.loopOnce(Duration.ofMillis(50));
        clock.advance(Duration.ofHours(1));
        timed.loopOnce(Duration.ZERO);
        assertThat(f.isReady()).as("no timeout of its own").isFalse();
        f.cancel();
        assertThat(timed.watchedHandles()).isZero();
    }

    @Test
    void connectDeadline_aShorterTimeoutNamesItselfNotTheDefault() {
        Future<Stream> f = timed.connect("127.0.0.1", Integer.toString(port()),
                ConnectOptions.DEFAULTS.withTimeout(Duration.ofSeconds(2)));
        timed.loopOnce(Duration.ofMillis(50));
        clock.advance(Duration.ofSeconds(2));
        timed.loopOnce(Duration.ZERO);
        assertThat(f.failure().category()).isEqualTo("timeout");
        assertThat(f.failure().getMessage()).contains("PT2S").doesNotContain("the default");
    }
}
