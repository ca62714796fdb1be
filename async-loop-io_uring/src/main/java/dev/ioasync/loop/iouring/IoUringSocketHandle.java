package dev.ioasync.loop.iouring;

import dev.ioasync.io.CompletionWriteHandle;
import dev.ioasync.loop.unix.NativeSocketHandle;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;

/**
 * A stream socket of the io_uring backend that reads by completion while an io_uring loop watches
 * it (see {@link CompletionReads}): {@link #read} hands out what the pending receive brought, in
 * order, and reads the socket itself only when no receive is pending or was ever made. While such
 * a loop watches it, it also offers {@link CompletionWriteHandle}: a {@link dev.ioasync.stream.Stream}
 * then hands its queued buffers over to be sent by completion ({@link CompletionWrites}); a direct
 * {@link #write} goes straight to the socket, as on epoll.
 *
 * <p>Closing withdraws the pending receive before the descriptor is closed. Bytes received into
 * the buffer and not read are still unread input: as close(2) does with unread input in the
 * kernel, closing then resets the connection ({@code SO_LINGER} 0), so the peer sees the same as on
 * epoll. Reading is for the loop thread of the watching loop (as {@link dev.ioasync.stream.Stream}
 * does); any thread may close.
 */
final class IoUringSocketHandle extends NativeSocketHandle implements CompletionWriteHandle {

    private volatile CompletionReads reads;
    /** The watch of the loop whose poller completes this socket's writes, or {@code null}. */
    private volatile IoUringWatch writeWatch;
    private volatile CompletionWrites writes;

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

    /** An io_uring loop with completion on watches this socket ({@code w}), or stops ({@code null} for {@code old}). */
    void writesWatchedBy(IoUringWatch w, IoUringWatch old) {
        if (w == null && writeWatch != old) {
            return;
        }
        writeWatch = w;
        CompletionWrites c = writes;
        IoUringWatch on = w != null ? w : old;
        if (c != null && !c.isDetached() && c.poller() == on.iouringPoller()) {
            c.watchedBy(w);
        }
    }

    /** {@return whether a send of this socket is in flight on {@code poller}} (its watch then arms no {@code POLLOUT}) */
    boolean sendingOn(IoUringPoller poller) {
        CompletionWrites c = writes;
        return c != null && c.poller() == poller && c.sending();
    }

    /** The watch on {@code poller} wants WRITE: a completed send not yet taken is reported at the next poll. */
    void writeWanted(IoUringPoller poller) {
        CompletionWrites c = writes;
        if (c != null && c.poller() == poller && !c.isDetached() && c.inFlight() && !c.sending()) {
            c.watchedBy(writeWatch);
        }
    }

    @Override
    public boolean canSubmitWrite() {
        IoUringWatch w = writeWatch;
        if (w == null || !isConnected() || !w.isValid()) {
            return false;
        }
        IoUringPoller p = w.iouringPoller();
        if (!p.isExecutorThread(Thread.currentThread())) {
            return false;
        }
        CompletionWrites c = writes;
        if (c == null || c.poller() != p) {
            if (c != null && c.inFlight()) {
                return false; // still sending on the loop it came from
            }
            if (c != null) {
                c.closing();
            }
            try {
                c = CompletionWrites.open(p, this);
            } catch (IOException | RuntimeException e) {
                return false; // Netty refused a registration: write directly
            }
            writes = c;
            c.watchedBy(w);
        }
        return c.isIdle();
    }

    @Override
    public boolean writeInFlight() {
        CompletionWrites c = writes;
        return c != null && c.inFlight();
    }

    @Override
    public long submitWrite(ByteBuffer[] srcs, int offset, int length) {
        if (!canSubmitWrite()) {
            throw new IllegalStateException("cannot submit a write to " + this
                    + ": it is not watched by an io_uring loop on this thread that completes writes, or a write is in flight");
        }
        return writes.submit(srcs, offset, length);
    }

    @Override
    public long writeResult() throws IOException {
        CompletionWrites c = writes;
        if (c == null) {
            throw new IllegalStateException("no write was submitted to " + this);
        }
        return c.result();
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
        CompletionWrites w = writes;
        if (w != null && isOpen()) {
            w.closing(); // a send in flight is withdrawn; its buffers stay reachable until its completion
        }
        super.close();
    }
}
