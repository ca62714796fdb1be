package dev.ioasync.loop.iouring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pitfalls of reading stream sockets by completion ({@code IORING_OP_RECV} into the poller's
 * buffers, docs/io_uring.md): a receive instead of a poll, bytes left in the buffer reported again
 * (level-triggered), nothing lost while a socket is unwatched or paused, end of stream and reset
 * read as from read(2), closing with a receive pending (the peer sees it at once, every buffer
 * comes back, no descriptor is left), a closing poller that does not wait, and the switch.
 */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a request left pending can hang a close
class IoUringCompletionReadsTest {

    private static final long WAIT_NANOS = PollerTestKit.WAIT_NANOS;

    private IoUringPoller poller;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() {
        poller = new IoUringPoller(true);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        poller.close();
    }

    private Map<Object, Integer> pollOnce(long timeoutNanos) throws IOException {
        return PollerTestKit.pollOnce(poller, timeoutNanos);
    }

    private int pollUntil(Object key) throws IOException {
        return PollerTestKit.pollUntil(poller, key);
    }

    /** A connected pair of this poller's sockets: [client, server]. */
    private SocketHandle[] connectedPair() throws IOException {
        return PollerTestKit.connectedPair(poller, toClose);
    }

    private static void send(SocketHandle h, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            h.write(b);
        }
    }

    private static String read(SocketHandle h, int max) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(max);
        int n = h.read(b);
        return n <= 0 ? "<" + n + ">" : new String(b.array(), 0, n, StandardCharsets.UTF_8);
    }

    private static long openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void aConnectedSocketReadsByAPendingReceiveAndItsBytesAreHandedOut() throws IOException {
        SocketHandle[] pair = connectedPair();
        assertThat(pair[1]).isInstanceOf(IoUringSocketHandle.class);
        poller.register(pair[1], IoOps.READ, "server");
        assertThat(pollOnce(0)).isEmpty(); // the receive is submitted and pending
        assertThat(poller.completionReaders()).isEqualTo(1);
        assertThat(poller.recvBuffers().outstanding()).isEqualTo(1);
        assertThat(read(pair[1], 16)).isEqualTo("<0>"); // nothing received yet, and no read(2) either
        send(pair[0], "hello");
        assertThat(pollUntil("server")).isEqualTo(IoOps.READ);
        assertThat(read(pair[1], 16)).isEqualTo("hello");
        assertThat(pollOnce(0)).isEmpty(); // handed out: not reported twice; the next receive is pending
        send(pair[0], "again");
        pollUntil("server");
        assertThat(read(pair[1], 16)).isEqualTo("again");
    }

    @Test
    void bytesLeftInTheBufferAreReportedAgainOnEveryPoll() throws IOException {
        SocketHandle[] pair = connectedPair();
        poller.register(pair[1], IoOps.READ, "server");
        send(pair[0], "0123456789");
        pollUntil("server");
        assertThat(read(pair[1], 3)).isEqualTo("012");
        assertThat(pollOnce(Duration.ofSeconds(5).toNanos())).containsEntry("server", IoOps.READ); // at once
        assertThat(read(pair[1], 3)).isEqualTo("345");
        assertThat(pollOnce(0)).containsEntry("server", IoOps.READ);
        assertThat(read(pair[1], 16)).isEqualTo("6789");
        assertThat(pollOnce(0)).isEmpty();
    }

    @Test
    void bytesReceivedWhilePausedOrUnwatchedAreReadLaterInOrder() throws IOException {
        SocketHandle[] pair = connectedPair();
        PollRegistration r = poller.register(pair[1], IoOps.READ, "server");
        pollOnce(0);
        r.interest(IoOps.NONE);
        send(pair[0], "while paused;");
        for (int i = 0; i < 5; i++) {
            assertThat(pollOnce(Duration.ofMillis(20).toNanos())).isEmpty(); // received, not reported
        }
        r.interest(IoOps.READ);
        pollUntil("server");
        assertThat(read(pair[1], 64)).isEqualTo("while paused;");
        pollOnce(0); // the next receive is pending
        r.cancel();
        send(pair[0], "while unwatched;");
        for (int i = 0; i < 5; i++) {
            pollOnce(Duration.ofMillis(20).toNanos()); // the pending receive completes: its bytes are kept
        }
        send(pair[0], "and after");
        poller.register(pair[1], IoOps.READ, "again");
        StringBuilder got = new StringBuilder();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!got.toString().endsWith("after") && System.nanoTime() - deadline < 0) {
            if (pollOnce(Duration.ofMillis(50).toNanos()).containsKey("again")) {
                got.append(read(pair[1], 64));
            }
        }
        assertThat(got.toString()).isEqualTo("while unwatched;and after");
    }

    @Test
    void endOfStreamAndResetReadAsFromReadTwo() throws IOException {
        SocketHandle[] pair = connectedPair();
        poller.register(pair[1], IoOps.READ, "server");
        send(pair[0], "last");
        pair[0].shutdownOutput();
        StringBuilder got = new StringBuilder();
        int n = 0;
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (n != -1 && System.nanoTime() - deadline < 0) {
            pollUntil("server");
            ByteBuffer b = ByteBuffer.allocate(64);
            n = pair[1].read(b);
            got.append(new String(b.array(), 0, Math.max(n, 0), StandardCharsets.UTF_8));
        }
        assertThat(got.toString()).isEqualTo("last");
        assertThat(n).isEqualTo(-1);
        assertThat(read(pair[1], 8)).isEqualTo("<-1>"); // and again

        SocketHandle[] other = connectedPair();
        poller.register(other[1], IoOps.READ, "other");
        pollOnce(0);
        other[0].setOption(StandardSocketOptions.SO_LINGER, 0);
        other[0].close(); // a reset
        pollUntil("other");
        assertThatThrownBy(() -> other[1].read(ByteBuffer.allocate(8))).isInstanceOf(IOException.class)
                .hasMessageContaining("reset");
    }

    @Test
    void closingSocketsWithReceivesPendingShutsThemDownGivesBackEveryBufferAndLeavesNoDescriptor() throws IOException {
        connectedPair(); // the first listener's and poller's own descriptors are counted in
        long before = openDescriptors();
        List<SocketHandle[]> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            SocketHandle[] p = connectedPair();
            poller.register(p[1], IoOps.READ, "server" + i);
            pairs.add(p);
        }
        pollOnce(0);
        for (int i = 0; i < pairs.size(); i += 2) {
            send(pairs.get(i)[0], "unread bytes"); // half of them close with bytes received and not read
        }
        for (int i = 0; i < 5; i++) {
            pollOnce(Duration.ofMillis(10).toNanos());
        }
        for (SocketHandle[] p : pairs) {
            p[1].close();
        }
        for (SocketHandle[] p : pairs) { // each peer sees the end: end of stream, or a reset for unread bytes
            ByteBuffer b = ByteBuffer.allocate(16);
            long deadline = System.nanoTime() + WAIT_NANOS;
            int n = 0;
            while (n != -1 && System.nanoTime() - deadline < 0) {
                try {
                    n = p[0].read(b.clear());
                } catch (IOException reset) {
                    n = -1;
                }
                pollOnce(Duration.ofMillis(5).toNanos());
            }
            assertThat(n).as("the peer sees the close").isEqualTo(-1);
            p[0].close();
        }
        pollOnce(0);
        assertThat(poller.recvBuffers().outstanding()).as("buffers not given back").isZero();
        assertThat(poller.completionReaders()).isZero();
        assertThat(openDescriptors()).isLessThanOrEqualTo(before);
    }

    @Test
    void closingThePollerWithReceivesPendingDoesNotWaitAndKeepsWhatWasReceived() throws IOException {
        SocketHandle[] pair = connectedPair();
        poller.register(pair[1], IoOps.READ, "server");
        send(pair[0], "received before the close");
        pollUntil("server");
        long t0 = System.nanoTime();
        poller.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(150));
        assertThat(pair[1].isOpen()).isTrue();
        assertThat(read(pair[1], 64)).isEqualTo("received before the close"); // then read(2) again
        send(pair[0], "after");
        ByteBuffer b = ByteBuffer.allocate(16);
        long deadline = System.nanoTime() + WAIT_NANOS;
        int n = 0;
        while (n == 0 && System.nanoTime() - deadline < 0) {
            n = pair[1].read(b);
        }
        assertThat(new String(b.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("after");
        poller = new IoUringPoller(true);
    }

    @Test
    void theSwitchTurnsCompletionReadsOff() throws IOException {
        poller.close();
        poller = new IoUringPoller(false);
        SocketHandle[] pair = connectedPair();
        assertThat(pair[1]).isNotInstanceOf(IoUringSocketHandle.class);
        poller.register(pair[1], IoOps.READ, "server");
        send(pair[0], "by readiness");
        pollUntil("server");
        assertThat(poller.completionReaders()).isZero();
        assertThat(read(pair[1], 64)).isEqualTo("by readiness");
    }
}
