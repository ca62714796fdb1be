package dev.ioasync.bench.manyconn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class EchoLoadTest {

    @Test
    void percentilesAreTakenFromTheSortedRoundTrips() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = (i + 1) * 1000L;
        }
        EchoLoad.Outcome o = new EchoLoad.Outcome(1, 100, 100, 0, ns);
        assertThat(o.percentileUs(50)).isEqualTo(50.0);
        assertThat(o.percentileUs(99)).isEqualTo(99.0);
        assertThat(new EchoLoad.Outcome(1, 0, 0, 0, new long[0]).percentileUs(99)).isNaN();
    }

    @Test
    void countsEveryEchoOfAFewConnections() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread echo = Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    try {
                        Socket s = ss.accept();
                        Thread.ofPlatform().daemon().start(() -> {
                            try (s) {
                                s.getInputStream().transferTo(s.getOutputStream());
                            } catch (java.io.IOException e) {
                                // the client closed
                            }
                        });
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            EchoLoad.Outcome o;
            int[] midway = {0};
            try (EchoLoad load = new EchoLoad(new InetSocketAddress("127.0.0.1", ss.getLocalPort()), 3)) {
                o = load.run(0.5, 20, () -> midway[0]++);
            }
            assertThat(midway[0]).isEqualTo(1);
            assertThat(o.sent()).isBetween(20L, 31L);
            assertThat(o.received()).isEqualTo(o.sent());
            assertThat(o.closed()).isZero();
            assertThat(o.latenciesNs()).hasSize((int) o.sent());
            echo.interrupt();
        }
    }
}
