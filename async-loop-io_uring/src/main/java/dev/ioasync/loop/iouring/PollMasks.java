package dev.ioasync.loop.iouring;

import dev.ioasync.spi.IoOps;

/**
 * Translates between {@link IoOps} interest and the poll(2) event bits that an io_uring
 * {@code POLL_ADD} waits for and completes with. Netty keeps these constants package-private;
 * the values are the kernel's on every Linux architecture.
 */
final class PollMasks {

    static final int POLLIN = 0x1;
    static final int POLLOUT = 0x4;
    static final int POLLERR = 0x8;
    static final int POLLHUP = 0x10;
    static final int POLLRDHUP = 0x2000;

    private static final int READ = POLLIN | POLLRDHUP;
    private static final int WRITE = POLLOUT;

    private static final int READ_LIKE = POLLIN | POLLRDHUP | POLLHUP | POLLERR;
    private static final int WRITE_LIKE = POLLOUT | POLLHUP | POLLERR;

    private PollMasks() {
    }

    /** {@return the poll mask for {@code ops}; 0 for none} (the kernel adds POLLERR and POLLHUP itself) */
    static int toPoll(int ops) {
        int mask = 0;
        if ((ops & IoOps.READ) != 0) {
            mask |= READ;
        }
        if ((ops & IoOps.WRITE) != 0) {
            mask |= WRITE;
        }
        return mask;
    }

    /**
     * The ready {@link IoOps} bits for a completed poll's events, within {@code interest}. Hang-up
     * and error count as read-ready (so end of stream and errors are read) and as write-ready for
     * a writer, as on epoll.
     */
    static int fromPoll(int events, int interest) {
        int ready = 0;
        if ((interest & IoOps.READ) != 0 && (events & READ_LIKE) != 0) {
            ready |= IoOps.READ;
        }
        if ((interest & IoOps.WRITE) != 0 && (events & WRITE_LIKE) != 0) {
            ready |= IoOps.WRITE;
        }
        return ready;
    }
}
