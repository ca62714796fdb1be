package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.FutureFailure;
import dev.ioasync.net.Listener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Blocking-style stream I/O from coros over real loopback sockets (under both mechanisms). */
class CoroStreamTest extends CoroTestBase {

    private Listener listener;

    @AfterEach
    void closeListener() {
        if (listener != null && !listener.isClosed()) {
            loop.remove(listener);
            listener.close();
        }
    }

    private CoroStream serve(Consumer<CoroStream> handler) {
        listener = CoroStream.listen("127.0.0.1", 0, handler);
        return CoroStream.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void anEchoServerWithACoroPerConnection() {
        serve(conn -> {
            String line;
            while ((line = conn.readLine()) != null) {
                conn.write("echo: " + line);
            }
        });
        List<String> got = new ArrayList<>();
        Coro client = Coro.async(() -> {
            CoroStream c = CoroStream.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5));
            for (String l : List.of("one", "two", "three")) {
                c.write(l + "\n");
                got.add(c.readLine());
            }
            c.close();
        });
        client.join(Duration.ofSeconds(10));
        assertThat(got).containsExactly("echo: one\n", "echo: two\n", "echo: three\n");
    }

    @Test
    void twoClientsInterleaveWhileTheLoopThreadNeverBlocks() {
        serve(conn -> {
            String line;
            while ((line = conn.readLine()) != null) {
                Coro.sleep(Duration.ofMillis(2));
                conn.write(line.toUpperCase());
            }
        });
        List<String> got = new ArrayList<>();
        int[] ticks = {0};
        loop.watchTimeAfter(Duration.ofMillis(1), () -> ticks[0]++);
        List<Coro> clients = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            clients.add(Coro.async(() -> {
                CoroStream c = CoroStream.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5));
                for (int i = 0; i < 3; i++) {
                    c.write(name + i + "\n");
                    got.add(c.readLine().strip());
                }
                c.close();
            }));
        }
        for (Coro c : clients) {
            c.join(Duration.ofSeconds(10));
        }
        assertThat(got).containsExactlyInAnyOrder("A0", "A1", "A2", "B0", "B1", "B2");
        assertThat(got.indexOf("A0")).isLessThan(got.indexOf("A1"));
        assertThat(got.indexOf("B1")).isLessThan(got.indexOf("B2"));
        assertThat(ticks[0]).isEqualTo(1); // the timer fired while coros waited on sockets
    }

    @Test
    void readTakesExactlyNOrFewerAtEndOfFile() {
        CoroStream c = serve(conn -> {
            conn.write("ab");
            Coro.sleep(Duration.ofMillis(5));
            conn.write("cdef");
            Coro.sleep(Duration.ofMillis(5));
            conn.write("gh");
        });
        assertThat(text(c.read(4))).isEqualTo("abcd"); // waits across two segments
        assertThat(text(c.read(0))).isEmpty();
        assertThat(text(c.read(10))).isEqualTo("efgh"); // fewer: end of file
        assertThat(c.read(3)).isEmpty();
        assertThat(c.isEof()).isTrue();
        assertThat(c.readLine()).isNull();
        assertThat(c.readAtMost(5)).isEmpty();
    }

    @Test
    void readAtMostReturnsWhatIsThere() {
        CoroStream c = serve(conn -> {
            conn.write("hello");
            conn.readLine(); // wait for the go-ahead
            conn.write("world");
        });
        byte[] first = c.readAtMost(3);
        assertThat(text(first)).isEqualTo("hel");
        assertThat(text(c.readAtMost(100))).isEqualTo("lo");
        c.write("go\n");
        assertThat(text(c.readAtMost(100))).isEqualTo("world");
        assertThat(c.readAtMost(100)).isEmpty();
    }

    @Test
    void readLineReturnsTheUnterminatedRestThenNull() {
        CoroStream c = serve(conn -> conn.write("line 1\nline 2\nno newline"));
        assertThat(c.readLine()).isEqualTo("line 1\n");
        assertThat(c.readLine()).isEqualTo("line 2\n");
        assertThat(c.readLine()).isEqualTo("no newline");
        assertThat(c.readLine()).isNull();
        assertThat(c.readLine()).isNull();
    }

    @Test
    void aTimedOutReadIsWithdrawnAndTakesNothing() {
        Signal go = new Signal();
        CoroStream c = serve(conn -> {
            conn.write("part");
            go.await();
            conn.write("ial\n");
        });
        assertThatThrownBy(() -> c.readLine(Duration.ofMillis(20)))
                .isInstanceOf(CoroTimeoutException.class).hasMessageContaining("readUntil");
        assertThatThrownBy(() -> c.read(10, Duration.ofMillis(10))).isInstanceOf(CoroTimeoutException.class);
        go.send();
        assertThat(c.readLine(Duration.ofSeconds(5))).isEqualTo("partial\n");
    }

    @Test
    void theDefaultTimeoutAppliesToEveryWait() {
        CoroStream c = serve(conn -> conn.readLine());
        assertThat(c.timeout(Duration.ofMillis(10)).timeout()).isEqualTo(Duration.ofMillis(10));
        assertThatThrownBy(c::readLine).isInstanceOf(CoroTimeoutException.class);
        assertThatThrownBy(() -> c.readAtMost(1)).isInstanceOf(CoroTimeoutException.class);
        c.timeout(null);
        c.write("bye\n");
        assertThat(c.readLine()).isNull(); // the server handler returned: its connection closed
    }

    @Test
    void cancellingACoroBlockedInAReadWithdrawsTheRead() {
        Signal go = new Signal();
        CoroStream c = serve(conn -> {
            go.await();
            conn.write("for the second reader\n");
            conn.readLine();
        });
        Coro first = Coro.async(c::readLine);
        Coro.cede(); // first now waits in readLine
        first.cancel("gone");
        assertThat(first.join()).containsExactly("gone");
        go.send();
        assertThat(c.readLine(Duration.ofSeconds(5))).isEqualTo("for the second reader\n");
        c.write("done\n");
    }

    @Test
    void aLargeWriteWaitsUntilItIsHandedOver() {
        int size = 4 << 20;
        long[] received = {0};
        CoroStream c = serve(conn -> {
            byte[] b;
            while ((b = conn.readAtMost(64 * 1024)).length > 0) {
                received[0] += b.length;
                Coro.cede();
            }
        });
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'x');
        c.write(data);
        assertThat(c.stream().queuedBytes()).isZero();
        c.close();
        Coro.sleep(Duration.ofMillis(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (received[0] < size && System.nanoTime() < deadline) {
            Coro.sleep(Duration.ofMillis(5));
        }
        assertThat(received[0]).isEqualTo(size);
    }

    @Test
    void aWriteToAClosedStreamFails() {
        CoroStream c = serve(conn -> { });
        c.close();
        assertThatThrownBy(() -> c.write("late\n")).isInstanceOf(FutureFailure.class).hasMessageContaining("clos");
    }

    @Test
    void aConnectThatFailsThrowsTheFailure() {
        Listener l = CoroStream.listen("127.0.0.1", 0, conn -> { });
        int port = l.port();
        loop.remove(l);
        l.close();
        assertThatThrownBy(() -> CoroStream.connect("127.0.0.1", port, Duration.ofSeconds(5)))
                .isInstanceOf(FutureFailure.class);
    }
}
