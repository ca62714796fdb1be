package dev.ioasync.loop.iouring;

import dev.ioasync.loop.unix.NativeSocketHandle;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;

/**
 * A stream socket of the io_uring backend that reads by completion while an io_uring loop watches
 * it (see {@link CompletionReads}): {@link #read} hands out what the pending receive brought, in
 * order, and reads the socket itself only when no receive is pending or was ever made. Writes go
 * straight to the socket, as on epoll.
 *
 * <p>Closing withdraws the pending receive before the descriptor is closed. Bytes received into
 * the buffer and not read are still unread input: as close(2) does with unread input in the
 * kernel, closing then resets the connection ({@code SO_LINGER} 0), so the peer sees the same as on
 * epoll. Reading is for the loop thread of the watching loop (as {@link dev.ioasync.stream.Stream}
 * does); any thread may close.
 */
final class IoUringSocketHandle extends NativeSocketHandle {

    private volatile CompletionReads reads;

    IoUringSocketHandle(Socket socket, String backend, String kind, boolean connected) {
        super(socket, backend, kind, connected);
    }

    /**
     * {@return this socket's completion reads on {@code poller}, made on first use; {@code null}
     * when it is not connected or another poller reads it (then the poller watches by readiness)}
     */
    CompletionReads completionReads(IoUringPoller poller) throws IOException {
        CompletionReads c = reads;
        if (c != null && !c.isDetached()) {
            if (c.poller() == poller) {
                return c;
            }
            c.closing(); // moved to another loop: the old one withdraws its receive
            return null;
        }
        if (c != null || !isConnected()) {
            return null; // once detached, readiness: what the old receive brought is read first
        }
        c = CompletionReads.open(poller, this);
        reads = c;
        return c;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        CompletionReads c = reads;
        if (c != null && isOpen()) {
            if (!dst.hasRemaining()) {
                return 0;
            }
            int n = c.read(dst);
            if (n != -2) {
                return n;
            }
        }
        return super.read(dst);
    }

    @Override
    public void close() throws IOException {
        CompletionReads c = reads;
        if (c != null && isOpen()) {
            if (c.hasUnreadBytes() && c.poller().isExecutorThread(Thread.currentThread())) {
                try {
                    setOption(StandardSocketOptions.SO_LINGER, 0); // unread input: reset, as close(2) would
                } catch (IOException | RuntimeException e) {
                    // closing anyway
                }
            }
            c.closing();
        }
        super.close();
    }
}
