package dev.ioasync.loop.iouring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import dev.ioasync.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The poller-level steps the io_uring regression tests share: poll once, poll until a key is reported, a connected pair. */
final class PollerTestKit {

    /** How long {@link #pollUntil} waits. */
    static final long WAIT_NANOS = Duration.ofSeconds(10).toNanos();

    private PollerTestKit() {
    }

    /** Polls {@code p} once; what was reported, attachment to ops. */
    static Map<Object, Integer> pollOnce(Poller p, long timeoutNanos) throws IOException {
        Map<Object, Integer> got = new HashMap<>();
        p.poll(timeoutNanos, (a, ops) -> got.merge(a, ops, (x, y) -> x | y));
        return got;
    }

    /** Polls {@code p} until {@code key} is reported, failing after {@link #WAIT_NANOS}; its ops. */
    static int pollUntil(Poller p, Object key) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            Integer ops = pollOnce(p, Duration.ofMillis(50).toNanos()).get(key);
            if (ops != null) {
                return ops;
            }
        }
        throw new AssertionError("timed out waiting for " + key);
    }

    /** A connected pair of {@code p}'s sockets, [client, server], both added to {@code toClose}; the listener is closed. */
    static SocketHandle[] connectedPair(Poller p, List<AutoCloseable> toClose) throws IOException {
        ListenerHandle l = p.handles().openListener(new InetSocketAddress("127.0.0.1", 0), 0);
        toClose.add(l);
        SocketHandle client = p.handles().openSocket(StandardProtocolFamily.INET);
        toClose.add(client);
        PollRegistration lr = p.register(l, IoOps.READ, "listener");
        if (!client.connect(l.localAddress())) {
            PollRegistration cr = p.register(client, IoOps.WRITE, "connecting");
            pollUntil(p, "connecting");
            assertThat(client.finishConnect()).isTrue();
            cr.cancel();
        }
        pollUntil(p, "listener");
        SocketHandle server = l.accept();
        toClose.add(server);
        lr.cancel();
        l.close();
        return new SocketHandle[] {client, server};
    }
}
