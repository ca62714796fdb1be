package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writing toward a peer that reset the connection (IO::Async::Stream's {@code on_write_error}):
 * the write fails its future with category {@code write} and an {@link IOException}, the
 * handler runs once with that exception, and the loop goes on. The peer is a real socket closed
 * with {@code SO_LINGER} 0, so the kernel sends a reset. The kernel may still accept the first
 * write after the reset (it learns of it from the reset that write provokes), so the test keeps
 * writing, one write at a time, each waited for with a bounded timeout, until one fails.
 */
public abstract class WriteToResetPeerTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected WriteToResetPeerTck() {
    }

    private static final int MAX_WRITES = 200;

    @Test
    void resetPeer_aWriteFailsItsFutureWithAWriteErrorAndOnWriteErrorRunsAndTheLoopGoesOn() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Stream client = awaitReady(loop.connect("127.0.0.1", listener.getLocalPort())).get();
            Socket peer = listener.accept(); // the kernel completed the connection: this does not block
            peer.setSoLinger(true, 0);
            peer.close(); // a reset, not a FIN
            List<IOException> writeErrors = new ArrayList<>();
            List<IOException> readErrors = new ArrayList<>();
            client.closeOnReadEof(false); // the reset may reach the read side first: keep the stream for the writes
            client.onRead((s, buf, eof) -> {
                buf.takeAll();
                return ReadResult.WAIT;
            });
            client.onReadError(readErrors::add);
            client.onWriteError(writeErrors::add);
            loop.add(client);
            Future<Void> failed = null;
            for (int i = 0; i < MAX_WRITES && failed == null; i++) {
                Future<Void> f = client.write(new byte[1024]);
                runUntil(loop, f::isReady, "write " + i + " toward the reset peer to be done or fail");
                if (f.isFailed()) {
                    failed = f;
                }
            }
            assertThat(failed).as("a write failed within %d writes after the peer's reset", MAX_WRITES).isNotNull();
            assertThat(failed.failure().category()).isEqualTo("write");
            assertThat(failed.failure().details()).singleElement().isInstanceOf(IOException.class);
            assertThat(writeErrors).as("on_write_error ran once, with the write's exception").singleElement()
                    .isSameAs(failed.failure().details().get(0));
            assertThat(client.isClosed()).as("with on_write_error set, the stream is left to its owner").isFalse();

            boolean[] ran = {false};
            loop.later(() -> ran[0] = true);
            runUntil(loop, () -> ran[0], "the loop to go on after the write error");
            client.closeNow();
            assertThat(client.isClosed()).isTrue();
            assertThat(drainLoopErrors()).isEmpty();
        }
    }
}
