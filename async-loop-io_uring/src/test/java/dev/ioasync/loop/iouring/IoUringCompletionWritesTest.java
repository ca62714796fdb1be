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
 * The pitfalls of writing stream sockets by completion ({@code IORING_OP_SEND}/{@code SENDMSG}
 * from the caller's direct buffers, see {@link CompletionWrites} and docs/io_uring.md, pitfalls
 * 13-15): a send goes out only at the next poll and its completion is WRITE-ready, heap buffers are
 * refused, a send in flight is withdrawn by a close and does not hold up the poller's close, and the
 * switch.
 */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class IoUringCompletionWritesTest {

    private static final long WAIT_NANOS = PollerTestKit.WAIT_NANOS;

    private IoUringPoller poller;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() {
        poller = new IoUringPoller(true, true);
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

    private static ByteBuffer direct(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    @Test
    void aSendGoesOutAtTheNextPollAndItsCompletionIsReportedAsWriteReady() throws IOException {
        SocketHandle[] pair = connectedPair();
        IoUringSocketHandle server = (IoUringSocketHandle) pair[1];
        PollRegistration r = poller.register(server, IoOps.READ, "server");
        pollOnce(0);
        assertThat(server.canSubmitWrite()).isTrue();
        ByteBuffer hello = direct("hello");
        assertThat(server.submitWrite(new ByteBuffer[] {hello}, 0, 1)).isEqualTo(5);
        assertThat(server.writeInFlight()).isTrue();
        assertThat(server.canSubmitWrite()).isFalse(); // one at a time
        assertThat(read(pair[0], 16)).isEqualTo("<0>"); // queued, not yet entered: nothing sent
        assertThat(hello.position()).isZero(); // the handle never moves positions
        r.interest(IoOps.READ | IoOps.WRITE);
        assertThat(pollUntil("server") & IoOps.WRITE).isEqualTo(IoOps.WRITE);
        assertThat(server.writeResult()).isEqualTo(5);
        assertThat(server.writeInFlight()).isFalse();
        assertThat(read(pair[0], 16)).isEqualTo("hello");
        assertThat(poller.completionWriters()).isEqualTo(1);
    }

    @Test
    void aGatheringSendSendsEveryBufferInOrder() throws IOException {
        SocketHandle[] pair = connectedPair();
        IoUringSocketHandle server = (IoUringSocketHandle) pair[1];
        poller.register(server, IoOps.READ | IoOps.WRITE, "server");
        pollOnce(0);
        ByteBuffer[] parts = {direct("one;"), direct("two;"), direct("three;")};
        assertThat(server.submitWrite(parts, 0, 3)).isEqualTo(14);
        long deadline = System.nanoTime() + WAIT_NANOS;
        long n;
        while ((n = server.writeResult()) < 0 && System.nanoTime() - deadline < 0) {
            pollOnce(Duration.ofMillis(50).toNanos());
        }
        assertThat(n).isEqualTo(14);
        assertThat(read(pair[0], 64)).isEqualTo("one;two;three;");
    }

    @Test
    void aHeapBufferIsRefusedSoNoNativeCopyIsHeldPerConnection() throws IOException {
        SocketHandle[] pair = connectedPair();
        IoUringSocketHandle server = (IoUringSocketHandle) pair[1];
        poller.register(server, IoOps.READ, "server");
        pollOnce(0);
        ByteBuffer heap = ByteBuffer.wrap("heap".getBytes(StandardCharsets.UTF_8));
        assertThat(server.submitWrite(new ByteBuffer[] {heap}, 0, 1)).isZero();
        assertThat(server.writeInFlight()).isFalse();
        // a run that starts direct stops at the heap buffer
        assertThat(server.submitWrite(new ByteBuffer[] {direct("ab"), heap}, 0, 2)).isEqualTo(2);
    }

    @Test
    void closingWithASendInFlightWithdrawsItAndThePollerClosesWithoutWaiting() throws IOException {
        SocketHandle[] pair = connectedPair();
        IoUringSocketHandle server = (IoUringSocketHandle) pair[1];
        poller.register(server, IoOps.READ | IoOps.WRITE, "server");
        pollOnce(0);
        ByteBuffer fill = ByteBuffer.allocateDirect(1 << 20);
        while (server.write(fill.clear()) > 0) {
            // fill the kernel's buffers: the client never reads
        }
        assertThat(server.submitWrite(new ByteBuffer[] {fill.clear()}, 0, 1)).isEqualTo(1 << 20);
        pollOnce(Duration.ofMillis(20).toNanos()); // submitted: it waits in the kernel for room
        assertThat(server.writeInFlight()).isTrue();
        server.close(); // withdraws the send (pitfall 3: a pending request holds the file)
        pollOnce(Duration.ofMillis(20).toNanos());
        poller.close(); // would wait for ever on a send still pending (pitfall 12)
        assertThat(poller.completionWriters()).isZero();
        poller = new IoUringPoller(true, true); // for close()
    }

    @Test
    void withCompletionOffNoWriteIsHandedOver() throws IOException {
        poller.close();
        poller = new IoUringPoller(false);
        SocketHandle[] pair = connectedPair();
        assertThat(pair[1]).isNotInstanceOf(dev.ioasync.io.CompletionWriteHandle.class); // the stream writes with write(2)
    }
}
