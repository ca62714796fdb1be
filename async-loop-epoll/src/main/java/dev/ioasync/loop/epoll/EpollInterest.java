package dev.ioasync.loop.epoll;

import dev.ioasync.spi.IoOps;
import io.netty.channel.epoll.EpollIoOps;

/** Translates between {@link IoOps} interest and epoll event bits. Level-triggered: never EPOLLET. */
final class EpollInterest {

    static final int EPOLLIN = EpollIoOps.EPOLLIN.value();
    static final int EPOLLOUT = EpollIoOps.EPOLLOUT.value();
    static final int EPOLLERR = EpollIoOps.EPOLLERR.value();
    static final int EPOLLRDHUP = EpollIoOps.EPOLLRDHUP.value();
    /** Netty has no constant for it; the kernel's value on every Linux architecture. */
    static final int EPOLLHUP = 0x10;

    /**
     * The mask that pauses a registration: epoll always reports EPOLLERR and EPOLLHUP, so asking
     * for EPOLLERR alone asks for nothing more. (Netty 4.2.18 turns a NONE mask into EPOLL_CTL_DEL
     * and then fails the next modify with ENOENT.)
     */
    static final EpollIoOps PAUSED = EpollIoOps.EPOLLERR;

    private static final EpollIoOps READ = EpollIoOps.valueOf(EPOLLIN | EPOLLRDHUP);
    private static final EpollIoOps WRITE = EpollIoOps.EPOLLOUT;
    private static final EpollIoOps BOTH = EpollIoOps.valueOf(EPOLLIN | EPOLLRDHUP | EPOLLOUT);

    private static final int READ_LIKE = EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR;
    private static final int WRITE_LIKE = EPOLLOUT | EPOLLHUP | EPOLLERR;

    private EpollInterest() {
    }

    /** {@return the epoll mask for {@code ops}; {@link #PAUSED} for none} */
    static EpollIoOps toEpoll(int ops) {
        return switch (ops & IoOps.ALL) {
            case IoOps.READ -> READ;
            case IoOps.WRITE -> WRITE;
            case IoOps.ALL -> BOTH;
            default -> PAUSED;
        };
    }

    /**
     * The ready {@link IoOps} bits for an epoll event, within {@code interest}. Hang-up and error
     * count as read-ready (so end of stream and errors are read) and as write-ready for a writer.
     */
    static int fromEpoll(int events, int interest) {
        int ready = 0;
        if ((interest & IoOps.READ) != 0 && (events & READ_LIKE) != 0) {
            ready |= IoOps.READ;
        }
        if ((interest & IoOps.WRITE) != 0 && (events & WRITE_LIKE) != 0) {
            ready |= IoOps.WRITE;
        }
        return ready;
    }

    /** {@return whether the event is a hang-up or an error, which epoll reports whatever the mask} */
    static boolean isHangUpOrError(int events) {
        return (events & (EPOLLHUP | EPOLLERR)) != 0;
    }
}
