package dev.ioasync.loop.iouring;

import dev.ioasync.spi.IoOps;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.Errors;
import io.netty.channel.uring.IoUringIoEvent;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Completion-based reading of one stream socket on one io_uring poller: while the socket's watch
 * wants {@link IoOps#READ}, an {@code IORING_OP_RECV} is pending into a buffer of the poller's
 * {@link RecvBuffers}; its completion is reported to the core as READ-ready, and
 * {@link IoUringSocketHandle#read} then hands out the received bytes (or end of stream, or the
 * error) instead of calling read(2). No readiness round trip, no read system call.
 *
 * <p>Its own Netty registration (io_uring has no per-descriptor state, so a socket may have two),
 * which stays until the socket is closed or the poller closes, so that no completion is ever
 * lost: a completion that arrives while the socket is not watched keeps its bytes for the next
 * read.
 *
 * <p>A receive is submitted only at the start of a poll ({@link #prepare()}, from
 * {@link IoUringPoller#beforeRun()}), right before Netty enters the ring, never from a callback:
 * a request queued in the submission ring but not yet entered names a descriptor number, which a
 * callback could close and the kernel reuse for another socket. Closing withdraws the receive
 * ({@code ASYNC_CANCEL}); its buffer goes back to the pool only when its completion has arrived.
 * Loop thread only, except {@link #closing()}.
 */
final class CompletionReads extends SocketCompletions {

    private static final short RECV_TAG = 1;

    private final RecvBuffers buffers;
    /** The watch of this socket on {@link #poller}, or {@code null}. */
    private IoUringWatch watch;
    /** The buffer of the pending receive, or of bytes not yet handed out; else {@code null}. */
    private RecvBuffers.Chunk chunk;
    private int pos;
    private int end;
    private boolean pending;
    private long pendingData;
    private boolean eof;
    /** A negative errno that the next read throws, or 0. */
    private int error;
    private boolean big;
    /** The socket is closed: bytes that still arrive are dropped. */
    private boolean socketClosed;
    private boolean queued;

    private CompletionReads(IoUringPoller poller, IoUringSocketHandle handle) {
        super(poller, handle);
        this.buffers = poller.recvBuffers();
    }

    /** {@return the engine of {@code handle} on {@code poller}, registered with Netty} */
    static CompletionReads open(IoUringPoller poller, IoUringSocketHandle handle) throws IOException {
        CompletionReads c = new CompletionReads(poller, handle);
        c.register();
        poller.adopt(c);
        return c;
    }

    /** The watch of the socket on this poller starts (or stops, {@code null}). */
    void watchedBy(IoUringWatch w) {
        watch = w;
        if (w != null) {
            wanted();
        }
    }

    /** The watch's interest now includes READ, or may: a receive or a report at the next poll. */
    void wanted() {
        if (!queued && !detached) {
            queued = true;
            poller.prepareLater(this);
        }
    }

    private boolean wantsRead() {
        IoUringWatch w = watch;
        return w != null && w.isValid() && (w.interest() & IoOps.READ) != 0;
    }

    private boolean hasNews() {
        return end > pos || eof || error != 0;
    }

    /**
     * At the start of a poll: reports what a read would find now (level-triggered, as epoll) or
     * submits a receive, if the watch wants to read.
     *
     * @return whether something was reported (the poll must then not block)
     */
    boolean prepare() {
        queued = false;
        if (detached || !wantsRead()) {
            return false;
        }
        if (hasNews()) {
            watch.reportRead();
            return true;
        }
        if (!pending && handle.isOpen()) {
            if (chunk == null) {
                chunk = buffers.take(big);
            }
            pos = 0;
            end = 0;
            pending = true;
            pendingData = registration.submit(PollRequests.recv(handle.fd().intValue(), chunk.address, chunk.capacity(),
                    RECV_TAG));
        }
        return false;
    }

    /**
     * Hands out received bytes.
     *
     * @return bytes copied, 0 when none now, -1 at end of stream; -2 when nothing was received
     *     and no receive is pending (the caller reads the socket itself)
     */
    int read(ByteBuffer dst) throws IOException {
        if (end > pos) {
            int n = Math.min(dst.remaining(), end - pos);
            ByteBuffer src = chunk.buffer;
            dst.put(src.limit(pos + n).position(pos));
            src.clear();
            pos += n;
            if (pos == end) {
                pos = 0;
                end = 0;
                if (!pending) {
                    buffers.give(chunk);
                    chunk = null;
                }
            }
            wanted(); // again: the rest is reported, or the next receive submitted
            return n;
        }
        if (error != 0) {
            int e = error;
            error = 0;
            eof = true; // as read(2) after a reset: end of stream
            return Errors.ioResult("read", e);
        }
        if (eof) {
            return -1;
        }
        return pending ? 0 : -2;
    }

    /** {@return whether bytes were received and not handed out} (closing then resets the connection, as close(2) does) */
    boolean hasUnreadBytes() {
        return end > pos;
    }

    /** The socket is closed: the receive is withdrawn, what it received and nobody read is dropped. */
    @Override
    void socketClosed() {
        socketClosed = true;
        pos = 0;
        end = 0;
        detach();
        if (!pending && chunk != null) {
            buffers.give(chunk);
            chunk = null;
        }
    }

    /** No more receives (bytes already received are still handed out); the pending one is withdrawn. */
    @Override
    void detach() {
        if (detached) {
            return;
        }
        detached = true;
        watch = null;
        poller.forget(this);
        IoRegistration r = registration;
        if (pending) {
            r.submit(PollRequests.cancel(pendingData));
        }
        r.cancel(); // Netty keeps it in its table until the receive's completion has arrived
        if (!pending && chunk != null && end <= pos) {
            buffers.give(chunk);
            chunk = null;
        }
    }

    // ------------------------------------------------------------------ Netty's side

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        IoUringIoEvent e = (IoUringIoEvent) event;
        if (e.opcode() != PollRequests.RECV || !pending) {
            return; // a cancel's own result
        }
        pending = false;
        int res = e.res();
        if (res > 0) {
            pos = 0;
            end = res;
            big = res == chunk.capacity() || (big && res > RecvBuffers.SMALL);
        } else {
            buffers.give(chunk);
            chunk = null;
            if (res == 0) {
                eof = true;
            } else if (res != PollRequests.CANCELED && res != Errors.ERRNO_EAGAIN_NEGATIVE && res != -4 /* EINTR */) {
                error = res;
            }
        }
        if (detached) {
            if (socketClosed) {
                pos = 0;
                end = 0;
            }
            if (end <= pos && chunk != null) {
                buffers.give(chunk);
                chunk = null;
            }
            return;
        }
        if (hasNews() && wantsRead()) {
            watch.reportRead();
        } else if (!hasNews()) {
            wanted(); // withdrawn by the kernel, or nothing: receive again at the next poll
        }
    }

    @Override
    public String toString() {
        return "completion reads of " + handle;
    }
}
