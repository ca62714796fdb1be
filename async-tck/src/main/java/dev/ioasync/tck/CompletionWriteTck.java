package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stream writes that a backend which completes writes itself (io_uring's sends, offered through
 * {@link dev.ioasync.io.CompletionWriteHandle}) must keep exactly as a readiness backend does:
 * every byte in order with each write's future and {@code on_flush} in queue order (across
 * partial sends), {@code closeWhenEmpty} waiting for what is in flight, and {@code closeNow}
 * failing the rest as {@code closed} with the loop going on. On backends without the capability the same tests hold.
 */
public abstract class CompletionWriteTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected CompletionWriteTck() {
    }

    private static final int CHUNK = 64 * 1024;

    private static byte expected(long offset) {
        return (byte) ((offset * 151 + (offset >>> 11)) & 0xff);
    }

    private static byte[] chunk(long start, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = expected(start + i);
        }
        return b;
    }

    /** A server whose accepted streams count and check what they read; {@code eofs} counts ends of stream. */
    private Listener checkingServer(long[] received, long[] mismatches, int[] eofs) {
        return awaitReady(loop.listen("127.0.0.1", 0, stream -> stream.onRead((s, buf, eof) -> {
            for (byte b : buf.takeAll()) {
                if (b != expected(received[0]++)) {
                    mismatches[0]++;
                }
            }
            if (eof) {
                eofs[0]++;
                s.closeNow();
            }
            return ReadResult.WAIT;
        }))).get();
    }

    private Stream connect(int port) {
        return awaitReady(loop.connect("127.0.0.1", port)).get();
    }

    @Test
    void completionWrite_aLongQueueArrivesInOrderWithFuturesAndFlushesInQueueOrder() {
        long[] received = {0};
        long[] mismatches = {0};
        int[] eofs = {0};
        Listener server = checkingServer(received, mismatches, eofs);
        Stream client = connect(server.port());
        client.onRead((s, buf, eof) -> ReadResult.WAIT);
        loop.add(client);
        List<Integer> flushed = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        List<Future<Void>> futures = new ArrayList<>();
        int writes = 160; // 10 MiB: more than loopback takes at once, so sends are partial
        long total = 0;
        for (int i = 0; i < writes; i++) {
            int id = i;
            int size = i % 3 == 0 ? CHUNK : 1 + (i * 7919) % CHUNK; // whole and odd sizes
            Future<Void> f = client.write(chunk(total, size), null, () -> flushed.add(id));
            f.onDone(v -> done.add(id));
            futures.add(f);
            total += size;
        }
        long want = total;
        runUntil(loop, () -> received[0] >= want && futures.stream().allMatch(Future::isReady), "every byte read, every write done");
        assertThat(received[0]).isEqualTo(total);
        assertThat(mismatches[0]).isZero();
        assertThat(futures).allMatch(Future::isDone);
        assertThat(flushed).isSorted().hasSize(writes);
        assertThat(done).isSorted().hasSize(writes);
        client.closeNow();
    }

    @Test
    void completionWrite_closeWhenEmptyWaitsForWhatIsInFlight() {
        long[] received = {0};
        long[] mismatches = {0};
        int[] eofs = {0};
        Listener server = checkingServer(received, mismatches, eofs);
        Stream client = connect(server.port());
        client.onRead((s, buf, eof) -> ReadResult.WAIT);
        boolean[] closed = {false};
        client.onClosed(() -> closed[0] = true);
        loop.add(client);
        long total = 0;
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) { // 4 MiB
            futures.add(client.write(chunk(total, CHUNK)));
            total += CHUNK;
        }
        client.closeWhenEmpty();
        long want = total;
        runUntil(loop, () -> eofs[0] == 1 && closed[0], "the server read to end of stream and the client closed");
        assertThat(received[0]).isEqualTo(want);
        assertThat(mismatches[0]).isZero();
        assertThat(futures).allMatch(Future::isDone);
    }

    @Test
    void completionWrite_closeNowFailsWhatIsQueuedAsClosedAndTheLoopGoesOn() throws IOException {
        // a listening socket that never accepts: the kernel connects, nobody reads, the client's queue stays full
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Stream client = connect(silent.getLocalPort());
            client.onRead((s, buf, eof) -> ReadResult.WAIT);
            loop.add(client);
            List<Future<Void>> futures = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < 256; i++) { // 16 MiB: more than the kernel buffers hold
                futures.add(client.write(chunk(total, CHUNK)));
                total += CHUNK;
            }
            runUntil(loop, () -> futures.get(0).isReady(), "the first write sent");
            client.closeNow();
            assertThat(futures).allMatch(Future::isReady);
            Future<Void> last = futures.get(futures.size() - 1);
            assertThat(last.isFailed()).isTrue();
            assertThat(last.failure().category()).isEqualTo("closed");
        }
        long[] received = {0};
        long[] mismatches = {0};
        int[] eofs = {0};
        Listener other = checkingServer(received, mismatches, eofs);
        Stream next = connect(other.port());
        next.onRead((s, buf, eof) -> ReadResult.WAIT);
        loop.add(next);
        awaitReady(next.write(chunk(0, 1000)));
        runUntil(loop, () -> received[0] == 1000, "a new stream's bytes");
        assertThat(mismatches[0]).isZero();
        next.closeNow();
    }
}
