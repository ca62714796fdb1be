package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The native memory a loop holds for many connections at once: receiving into 2,000 connections
 * of one loop, all streaming together, costs a bounded amount of direct memory (the JVM's
 * {@code direct} buffer pool, {@link BufferPoolMXBean}), not a large buffer per connection. A
 * backend that receives by completion (io_uring) holds a buffer per pending receive: past a
 * per-loop budget those are small (docs/io_uring.md).
 */
public abstract class ConnectionMemoryTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ConnectionMemoryTck() {
    }

    private static final int CONNECTIONS = 2000;
    private static final int BYTES_EACH = 128 * 1024;
    private static final int CHUNK = 16 * 1024;
    /**
     * The bound: 4 KiB for each of the 4,000 ends (an idle receive), 8 MiB of large receive
     * buffers (io_uring's default budget), 24 MiB for the rest (the loop's scratch and pools).
     * Without the budget io_uring would hold 64 KiB per streaming end: 125 MiB for 2,000.
     */
    private static final long BOUND = 2L * CONNECTIONS * 4096 + (8L << 20) + (24L << 20);

    private static BufferPoolMXBean direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst()
                .orElseThrow(() -> new AssertionError("this JVM has no \"direct\" buffer pool bean"));
    }

    @Test
    void memory_2000ConnectionsStreamingAtOnceHoldBoundedDirectMemory() {
        BufferPoolMXBean direct = direct();
        long[] received = new long[CONNECTIONS];
        int[] finished = {0};
        List<Stream> servers = new ArrayList<>();
        int[] accepted = {0};
        Listener listener = awaitReady(loop.listen("127.0.0.1", 0, stream -> {
            int id = accepted[0]++;
            servers.add(stream);
            stream.onRead((s, buf, eof) -> {
                received[id] += buf.takeAll().length;
                if (received[id] == BYTES_EACH) {
                    finished[0]++;
                }
                return ReadResult.WAIT;
            });
        })).get();
        long base = direct.getMemoryUsed();
        long peak = base;
        List<Stream> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            long[] sent = {0};
            loop.connect("127.0.0.1", listener.port()).onDone(stream -> {
                clients.add(stream);
                stream.onRead((s, buf, eof) -> ReadResult.WAIT);
                loop.add(stream);
                stream.write(() -> { // heap chunks, one at a time: only the receiving side holds memory
                    if (sent[0] >= BYTES_EACH) {
                        return null;
                    }
                    sent[0] += CHUNK;
                    return new byte[CHUNK];
                });
            }).onFail(f -> {
                throw new AssertionError("a client could not connect: " + f.getMessage());
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (finished[0] < CONNECTIONS && System.nanoTime() - deadline < 0) {
            loop.loopOnce(Duration.ofMillis(100));
            peak = Math.max(peak, direct.getMemoryUsed());
        }
        assertThat(finished[0]).as("connections that received all their bytes").isEqualTo(CONNECTIONS);
        assertThat(peak - base).as("direct memory taken while %d connections streamed at once (bound %d bytes)",
                CONNECTIONS, BOUND).isLessThanOrEqualTo(BOUND);
        for (Stream s : clients) {
            s.closeNow();
        }
        for (Stream s : servers) {
            s.closeNow();
        }
        assertThat(drainLoopErrors()).isEmpty();
    }
}
