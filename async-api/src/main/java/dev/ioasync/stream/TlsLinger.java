package dev.ioasync.stream;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The graceful end of a TLS connection after its stream closed: the write side is shut down
 * (after close_notify), what the peer still sends is read and dropped until it closes too, and
 * the socket is closed then, or after {@link #LIMIT} at the latest. Closing with unread input
 * would make the kernel reset the connection, which can destroy data in flight to the peer.
 */
final class TlsLinger {

    /** The longest a closed TLS stream's socket stays open waiting for the peer. */
    static final Duration LIMIT = Duration.ofSeconds(2);

    private final Loop loop;
    private final SocketHandle socket;
    private final ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
    private Cancellable timer;
    private Cancellable onLoopClose;

    private TlsLinger(Loop loop, SocketHandle socket) {
        this.loop = loop;
        this.socket = socket;
    }

    static void start(Loop loop, SocketHandle socket) {
        TlsLinger l = new TlsLinger(loop, socket);
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            l.finish();
            return;
        }
        l.timer = loop.watchTimeAfter(LIMIT, l::finish);
        l.onLoopClose = loop.onClose(l::finish);
        loop.watchIo(socket, l::drain, null);
    }

    private void drain() {
        try {
            int n;
            while ((n = socket.read(scratch.clear())) > 0) {
                // dropped: the stream is closed
            }
            if (n < 0) {
                finish();
            }
        } catch (IOException e) {
            finish();
        }
    }

    private void finish() {
        if (timer != null) {
            timer.cancel();
        }
        if (onLoopClose != null) {
            onLoopClose.cancel();
        }
        if (!loop.isClosed()) {
            loop.unwatchIo(socket);
        }
        Handle.closeQuietly(socket);
    }
}
