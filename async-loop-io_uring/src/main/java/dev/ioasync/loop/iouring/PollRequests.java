package dev.ioasync.loop.iouring;

import io.netty.channel.uring.IoUringIoOps;

/**
 * The io_uring requests the backend submits through Netty's {@code IoRegistration.submit}: a
 * one-shot {@code IORING_OP_POLL_ADD}, a completion read {@code IORING_OP_RECV}, the completion
 * writes {@code IORING_OP_SEND} and {@code IORING_OP_SENDMSG}, and the
 * {@code IORING_OP_ASYNC_CANCEL} that withdraws any of them.
 * Netty's own factories for them are package-private, so they are built with
 * {@link IoUringIoOps}'s public constructor (the one taking a {@code long} user data), field by field as liburing's
 * {@code io_uring_prep_poll_add}, {@code io_uring_prep_recv} and {@code io_uring_prep_cancel64}
 * fill the SQE.
 */
final class PollRequests {

    /** {@code IORING_OP_POLL_ADD}: the kernel ABI's opcode. */
    static final byte POLL_ADD = 6;
    /** {@code IORING_OP_RECV}: the kernel ABI's opcode. */
    static final byte RECV = 27;
    /** {@code IORING_OP_SEND}: the kernel ABI's opcode. */
    static final byte SEND = 26;
    /** {@code IORING_OP_SENDMSG}: the kernel ABI's opcode. */
    static final byte SENDMSG = 9;
    /** {@code IORING_OP_ASYNC_CANCEL}: the kernel ABI's opcode. */
    static final byte ASYNC_CANCEL = 14;
    /** {@code -ECANCELED}: what a withdrawn request completes with (errno 125 on every Linux architecture). */
    static final int CANCELED = -125;
    /** The data tag of cancel requests; poll requests never use it. */
    static final short CANCEL_TAG = 0;

    private PollRequests() {
    }

    /**
     * A one-shot poll: completes once, with the ready events (or a negative errno), then is gone.
     * Not {@code IORING_POLL_ADD_MULTI}: a multishot poll reports wake-ups, not levels.
     *
     * @param fd the descriptor
     * @param mask the poll events wanted
     * @param tag echoed in the completion's {@code userData()}, to tell this poll's completion from
     *     stale ones; a {@code short}, so that Netty takes its fast path (no pending-op table)
     */
    static IoUringIoOps pollAdd(int fd, int mask, short tag) {
        long userData = tag;
        return new IoUringIoOps(POLL_ADD, (byte) 0, (short) 0, fd, 0L, 0L, 0, mask, userData, (short) 0, (short) 0, 0, 0L);
    }

    /**
     * A receive into native memory, as liburing's {@code io_uring_prep_recv}: completes with the
     * bytes received, 0 at end of stream, or a negative errno.
     *
     * @param fd the socket
     * @param address where the bytes go
     * @param length the most to receive
     * @param tag echoed in the completion's {@code userData()}
     */
    static IoUringIoOps recv(int fd, long address, int length, short tag) {
        long userData = tag;
        return new IoUringIoOps(RECV, (byte) 0, (short) 0, fd, 0L, address, length, 0, userData, (short) 0, (short) 0, 0,
                0L);
    }

    /**
     * A send from native memory, as liburing's {@code io_uring_prep_send}: completes with the bytes
     * sent (maybe fewer than asked) or a negative errno.
     *
     * @param fd the socket
     * @param address the bytes
     * @param length how many
     * @param flags {@code send(2)}'s flags ({@code MSG_NOSIGNAL})
     * @param tag echoed in the completion's {@code userData()}
     */
    static IoUringIoOps send(int fd, long address, int length, int flags, short tag) {
        long userData = tag;
        return new IoUringIoOps(SEND, (byte) 0, (short) 0, fd, 0L, address, length, flags, userData, (short) 0, (short) 0,
                0, 0L);
    }

    /**
     * A gathering send, as liburing's {@code io_uring_prep_sendmsg}: completes with the bytes sent
     * (maybe fewer than the iovecs hold) or a negative errno.
     *
     * @param fd the socket
     * @param msghdr the address of a {@code struct msghdr} naming the iovecs
     * @param flags {@code sendmsg(2)}'s flags ({@code MSG_NOSIGNAL})
     * @param tag echoed in the completion's {@code userData()}
     */
    static IoUringIoOps sendmsg(int fd, long msghdr, int flags, short tag) {
        long userData = tag;
        return new IoUringIoOps(SENDMSG, (byte) 0, (short) 0, fd, 0L, msghdr, 1, flags, userData, (short) 0, (short) 0, 0,
                0L);
    }

    /**
     * Withdraws a pending request; its completion then arrives later with {@link #CANCELED}, or
     * not at all if it had already completed.
     *
     * @param userData the user data Netty's {@code submit} returned for the request
     */
    static IoUringIoOps cancel(long userData) {
        return new IoUringIoOps(ASYNC_CANCEL, (byte) 0, (short) 0, -1, 0L, userData, 0, 0, (long) CANCEL_TAG, (short) 0,
                (short) 0, 0, 0L);
    }
}
