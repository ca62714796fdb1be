package dev.ioasync.loop.kqueue;

import io.netty.channel.kqueue.KQueueIoOps;

/**
 * kqueue's filter and flag values (from {@code <sys/event.h>}, the same on macOS and the BSDs).
 * Netty 4.2 keeps its own copies package-private, so they are restated here.
 */
final class KQueueFilters {

    static final short EVFILT_READ = -1;
    static final short EVFILT_WRITE = -2;

    static final short EV_ADD = 0x1;
    static final short EV_DELETE = 0x2;
    static final short EV_ENABLE = 0x4;
    static final short EV_DISABLE = 0x8;
    static final short EV_EOF = (short) 0x8000;

    private KQueueFilters() {
    }

    /** {@return the change that applies {@code flags} to {@code filter}} */
    static KQueueIoOps change(short filter, short flags) {
        return KQueueIoOps.newOps(filter, flags, 0);
    }
}
