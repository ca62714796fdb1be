package dev.ioasync.loop.kqueue;

import dev.ioasync.loop.unix.NativeHandles;
import io.netty.channel.unix.Socket;

/**
 * Makes the {@code kqueue} backend's handles: sockets with {@link BsdSockets}. Netty's native
 * library must be loaded first ({@code KQueue.ensureAvailability()}, which the poller does).
 * Thread-safe.
 */
final class KQueueHandles extends NativeHandles {

    KQueueHandles() {
        super(KQueueLoopProvider.NAME);
    }

    @Override
    protected Socket newStreamSocket(boolean ipv6) {
        return BsdSockets.stream(ipv6);
    }

    @Override
    protected Socket newDatagramSocket(boolean ipv6) {
        return BsdSockets.datagram(ipv6);
    }

    @Override
    protected Socket acceptedSocket(int fd) {
        return new Socket(fd);
    }
}
