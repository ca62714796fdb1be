package dev.ioasync.loop.iouring;

import dev.ioasync.spi.IoOps;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.Errors;
import io.netty.channel.uring.IoUringIoEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Completion-based writing of one stream socket on one io_uring poller (the engine behind
 * {@link IoUringSocketHandle}'s {@link dev.ioasync.io.CompletionWriteHandle}): the buffers handed
 * over are sent by one {@code IORING_OP_SEND} (one buffer) or {@code IORING_OP_SENDMSG} (a
 * gathering send, {@code MSG_NOSIGNAL}), submitted at the start of the next poll with the
 * loop's other requests; its completion is reported to the core as WRITE-ready, and
 * {@link #result()} then says how many bytes went, or throws the error as write(2) would have.
 *
 * <p>At most one send is in flight. Direct buffers are sent where they are (the caller keeps
 * them, and does not pool them, until the result is taken); the run handed over stops at the
 * first heap buffer, and one that starts with a heap buffer is refused (the caller writes it with
 * write(2), as on epoll): a copy for the kernel would hold a native buffer per connection in
 * flight (see docs/io_uring.md, pitfall 15). The kernel may read the buffers until the
 * completion arrives: closing withdraws the send ({@code ASYNC_CANCEL}) and this keeps every
 * buffer reachable until then.
 *
 * <p>A send is submitted only at the start of a poll ({@link #prepare()}), never from a callback:
 * a request queued but not yet entered names a descriptor number, which a callback could close
 * and the kernel reuse (as for {@link CompletionReads}). Its own Netty registration, which stays
 * until the socket is closed or the poller closes. Loop thread only, except {@link #closing()}.
 */
final class CompletionWrites extends SocketCompletions {

    /** The most buffers one send takes. */
    static final int MAX_IOV = 64;
    private static final short SEND_TAG = 2;
    /** {@code MSG_NOSIGNAL}: EPIPE without a SIGPIPE. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /** {@code struct msghdr} on LP64 Linux (x86_64, aarch64): 56 bytes, then the iovecs. */
    private static final int MSGHDR = 56;

    private static final int IDLE = 0;
    /** Handed over, to be submitted at the next poll. */
    private static final int QUEUED = 1;
    /** In the ring: the kernel may read the buffers. */
    private static final int PENDING = 2;
    /** Completed; {@link #res} waits to be taken. */
    private static final int DONE = 3;

    private IoUringWatch watch;
    private int state = IDLE;
    private int res;
    private long pendingData;
    /** The buffers of the send, kept reachable until its completion. */
    private final ByteBuffer[] held = new ByteBuffer[MAX_IOV];
    private int heldCount;
    /** The msghdr and iovecs of a gathering send, or {@code null}. */
    private ByteBuffer msg;
    private long address;
    private int length;
    private boolean queued;

    private CompletionWrites(IoUringPoller poller, IoUringSocketHandle handle) {
        super(poller, handle);
    }

    /** {@return the engine of {@code handle} on {@code poller}, registered with Netty} */
    static CompletionWrites open(IoUringPoller poller, IoUringSocketHandle handle) throws IOException {
        CompletionWrites c = new CompletionWrites(poller, handle);
        c.register();
        poller.adopt(c);
        return c;
    }

    /** The watch of the socket on this poller (or {@code null}). */
    void watchedBy(IoUringWatch w) {
        watch = w;
        if (w != null && state == DONE) {
            queueLater(); // reported again at the next poll
        }
    }

    /** {@return whether nothing is in flight and nothing waits to be taken} */
    boolean isIdle() {
        return state == IDLE && !detached;
    }

    /** {@return whether a send was handed over and its result not yet taken} */
    boolean inFlight() {
        return state != IDLE;
    }

    /** {@return whether a send is in flight (not yet completed)}: the watch then arms no {@code POLLOUT} */
    boolean sending() {
        return state == QUEUED || state == PENDING;
    }

    /**
     * Takes over {@code srcs[offset .. offset + count)} for one send.
     *
     * @return how many bytes will be sent from the first buffers; 0 when the first is a heap buffer
     */
    long submit(ByteBuffer[] srcs, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, srcs.length);
        if (!isIdle()) {
            throw new IllegalStateException(handle + " has a write in flight");
        }
        int n = Math.min(count, MAX_IOV);
        long total = 0;
        int iov = 0;
        for (int i = 0; i < n; i++) {
            ByteBuffer src = srcs[offset + i];
            int take = src.remaining();
            if (take == 0) {
                continue;
            }
            if (!src.isDirect()) {
                break; // the kernel needs native memory: a heap buffer is written directly (write(2))
            }
            long base = Buffer.memoryAddress(src) + src.position();
            if (iov == 0) {
                address = base;
                length = take;
            } else {
                if (msg == null) {
                    msg = poller.takeMessageBlock();
                }
                if (iov == 1) {
                    putIov(0, address, length);
                }
                putIov(iov, base, take);
            }
            held[heldCount++] = src;
            iov++;
            total += take;
        }
        if (total == 0) {
            release();
            return 0;
        }
        if (iov > 1) {
            long m = Buffer.memoryAddress(msg);
            msg.putLong(0, 0L).putLong(8, 0L).putLong(16, m + MSGHDR).putLong(24, iov).putLong(32, 0L).putLong(40, 0L)
                    .putLong(48, 0L);
            address = m;
            length = -1; // a gathering send
        }
        state = QUEUED;
        queueLater();
        return total;
    }

    private void putIov(int i, long base, int len) {
        msg.putLong(MSGHDR + 16 * i, base).putLong(MSGHDR + 16 * i + 8, len);
    }

    private void queueLater() {
        if (!queued) {
            queued = true;
            poller.sendLater(this);
        }
    }

    /**
     * At the start of a poll: submits the send handed over, or reports a completed one not yet
     * taken (level-triggered) if the watch wants WRITE.
     *
     * @return whether something was reported (the poll must then not block)
     */
    boolean prepare() {
        queued = false;
        if (state == QUEUED) {
            if (detached || !handle.isOpen()) {
                finish(-9 /* EBADF: closed before the send went out */);
                return false;
            }
            int fd = handle.fd().intValue();
            pendingData = registration.submit(length < 0 ? PollRequests.sendmsg(fd, address, MSG_NOSIGNAL, SEND_TAG)
                    : PollRequests.send(fd, address, length, MSG_NOSIGNAL, SEND_TAG));
            state = PENDING;
            return false;
        }
        if (state == DONE && wantsWrite()) {
            watch.reportWrite();
            return true;
        }
        return false;
    }

    private boolean wantsWrite() {
        IoUringWatch w = watch;
        return w != null && w.isValid() && (w.interest() & IoOps.WRITE) != 0;
    }

    /**
     * Takes the completed send's result.
     *
     * @return bytes sent, or -1 while in flight
     * @throws IOException the send's error, as write(2) gives it
     */
    long result() throws IOException {
        if (state != DONE) {
            return state == IDLE ? 0 : -1;
        }
        state = IDLE;
        int r = res;
        IoUringWatch w = watch;
        if (w != null) {
            // While the send was in flight the watch armed no POLLOUT. Whatever the caller does now
            // (hand the rest over, write a heap buffer with write(2) and meet EAGAIN, or nothing),
            // its WRITE interest must again be served by a send or a poll: the watch syncs at the
            // next poll and arms a POLLOUT if no send is then in flight.
            poller.armLater(w);
        }
        if (r > 0) {
            return r;
        }
        if (r == 0) {
            return 0;
        }
        if (r == PollRequests.CANCELED || r == -4 /* EINTR */) {
            return 0; // withdrawn by the kernel: nothing counts as sent, the caller hands it over again
        }
        return Errors.ioResult("write", r); // EAGAIN: 0; else the error write(2) would throw
    }

    private void finish(int result) {
        res = result;
        state = DONE;
        release();
    }

    /** The kernel no longer reads the buffers: let them go, the copy back to the pool. */
    private void release() {
        Arrays.fill(held, 0, heldCount, null);
        heldCount = 0;
        if (msg != null) {
            poller.giveMessageBlock(msg);
            msg = null;
        }
    }

    /** The socket is closed: the send in flight is withdrawn, nothing more is sent. */
    @Override
    void socketClosed() {
        detach();
    }

    /** Withdraws the send in flight and gives up the registration; the buffers go when its completion arrives. */
    @Override
    void detach() {
        if (detached) {
            return;
        }
        detached = true;
        watch = null;
        poller.forget(this);
        IoRegistration r = registration;
        if (state == PENDING) {
            r.submit(PollRequests.cancel(pendingData));
        } else if (state == QUEUED) {
            finish(-9);
        }
        r.cancel(); // Netty keeps it in its table until the send's completion has arrived
    }

    // ------------------------------------------------------------------ Netty's side

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        IoUringIoEvent e = (IoUringIoEvent) event;
        byte op = e.opcode();
        if ((op != PollRequests.SEND && op != PollRequests.SENDMSG) || state != PENDING) {
            return; // a cancel's own result
        }
        finish(e.res());
        if (!detached && wantsWrite()) {
            watch.reportWrite();
        }
    }


    @Override
    public String toString() {
        return "completion writes of " + handle;
    }
}
