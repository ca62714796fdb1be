package dev.ioasync.bench.manyconn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoLoadTest {

    private ServerSocket ss;

    /** A thread-per-connection echo server on loopback, plain java.net. */
    @BeforeEach
    void echoServer() throws IOException {
        ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Socket s = ss.accept();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException e) {
                            // the client closed
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        ss.close();
    }

    private InetSocketAddress server() {
        return new InetSocketAddress("127.0.0.1", ss.getLocalPort());
    }

    @Test
    void percentilesAreTakenFromTheSortedRoundTrips() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = (i + 1) * 1000L;
        }
        EchoLoad.Outcome o = new EchoLoad.Outcome(1, 100, 100, 0, ns, new long[1]);
        assertThat(o.percentileUs(50)).isEqualTo(50.0);
        assertThat(o.percentileUs(99)).isEqualTo(99.0);
        assertThat(new EchoLoad.Outcome(1, 0, 0, 0, new long[0], new long[1]).percentileUs(99)).isNaN();
    }

    @Test
    void openLoopCountsEveryEchoOfAFewConnections() throws Exception {
        EchoLoad.Outcome o;
        int[] midway = {0};
        try (EchoLoad load = new EchoLoad(server(), 3)) {
            o = load.run(0.5, 20, () -> midway[0]++);
        }
        assertThat(midway[0]).isEqualTo(1);
        assertThat(o.sent()).isBetween(20L, 31L);
        assertThat(o.received()).isEqualTo(o.sent());
        assertThat(o.closed()).isZero();
        assertThat(o.latenciesNs()).hasSize((int) o.sent());
    }

    @Test
    void closedLoopKeepsOneMessageInFlightPerConnectionAndTimesOnlyAfterTheWarmUp() throws Exception {
        EchoLoad.Outcome o;
        try (EchoLoad load = new EchoLoad(server(), 4)) {
            o = load.runClosedLoop(0.2, 1);
        }
        assertThat(o.closed()).isZero();
        assertThat(o.received()).isEqualTo(o.sent());
        assertThat(o.echoesPerSecond()).hasSize(1);
        assertThat(o.echoesPerSecond()[0]).isPositive();
        // echoes of the warm-up are counted as received but not timed; the last 4 in flight are
        // timed but come after the measured second
        long timed = o.latenciesNs().length;
        assertThat(timed).isBetween(o.echoesPerSecond()[0], o.echoesPerSecond()[0] + 4).isLessThan(o.received());
    }
}
