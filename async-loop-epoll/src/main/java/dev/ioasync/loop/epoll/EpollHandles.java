package dev.ioasync.loop.epoll;

import dev.ioasync.loop.unix.NativeHandles;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.Socket;

/**
 * Makes the {@code epoll} backend's handles: sockets with {@link LinuxSocket}. Netty's native
 * library must be loaded first ({@code Epoll.ensureAvailability()}, which the poller does).
 * Thread-safe.
 */
final class EpollHandles extends NativeHandles {

    EpollHandles() {
        super(EpollLoopProvider.NAME);
    }

    @Override
    protected Socket newStreamSocket(boolean ipv6) {
        return LinuxSocket.newSocketStream(ipv6);
    }

    @Override
    protected Socket newDatagramSocket(boolean ipv6) {
        return LinuxSocket.newSocketDgram(ipv6);
    }

    @Override
    protected Socket acceptedSocket(int fd) {
        return LinuxSocket.newSocket(fd);
    }
}
