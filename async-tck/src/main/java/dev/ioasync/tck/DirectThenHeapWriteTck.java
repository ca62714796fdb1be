package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A stream whose queue holds a direct buffer and then a heap buffer, toward a peer that reads only
 * once the first is gone: every byte arrives, in order, and both writes are done. On io_uring with
 * completion writes the direct buffer is sent by completion and the heap one with write(2), which
 * meets {@code EAGAIN}: the loop must then wait for write-readiness although the stream's WRITE
 * interest never changed (docs/io_uring.md, pitfall 17). Every backend runs it.
 */
public abstract class DirectThenHeapWriteTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected DirectThenHeapWriteTck() {
    }

    private static final int DIRECT = 64 * 1024;
    private static final int HEAP = 8 << 20; // more than loopback buffers hold: write(2) meets EAGAIN

    private static byte at(long i) {
        return (byte) (i * 131 + (i >>> 9));
    }

    @Test
    void directThenHeap_towardALateReaderEveryByteArrivesInOrder() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Stream client = awaitReady(loop.connect("127.0.0.1", listener.getLocalPort())).get();
            try (Socket peer = listener.accept()) {
                client.onRead((s, buf, eof) -> ReadResult.WAIT);
                loop.add(client);
                ByteBuffer direct = ByteBuffer.allocateDirect(DIRECT);
                for (int i = 0; i < DIRECT; i++) {
                    direct.put(at(i));
                }
                direct.flip();
                byte[] heap = new byte[HEAP];
                for (int i = 0; i < HEAP; i++) {
                    heap[i] = at(DIRECT + (long) i);
                }
                Future<Void> first = client.write(direct);
                Future<Void> second = client.write(ByteBuffer.wrap(heap));
                runUntil(loop, first::isReady, "the direct write to be done while the peer reads nothing");
                assertThat(first.isDone()).isTrue();
                assertThat(second.isReady()).as("the heap write waits for the peer").isFalse();
                CompletableFuture<Long> checked = CompletableFuture.supplyAsync(() -> readAndCheck(peer, DIRECT + HEAP));
                runUntil(loop, () -> second.isReady() && checked.isDone(), "the heap write to be done and every byte read");
                assertThat(second.isDone()).isTrue();
                assertThat(checked.get()).as("bytes that arrived out of order or wrong").isZero();
                client.closeNow();
            }
        }
    }

    /** Reads {@code total} bytes; {@return how many differed from {@link #at}} */
    private static long readAndCheck(Socket peer, long total) {
        long bad = 0;
        long got = 0;
        byte[] b = new byte[64 * 1024];
        try {
            peer.setSoTimeout((int) WAIT.toMillis());
            InputStream in = peer.getInputStream();
            while (got < total) {
                int n = in.read(b);
                if (n < 0) {
                    throw new IOException("end of stream after " + got + " of " + total + " bytes");
                }
                for (int i = 0; i < n; i++) {
                    if (b[i] != at(got + i)) {
                        bad++;
                    }
                }
                got += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bad;
    }
}
