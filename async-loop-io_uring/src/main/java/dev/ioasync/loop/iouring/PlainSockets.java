package dev.ioasync.loop.iouring;

import io.netty.channel.unix.Socket;

/**
 * Opens Netty native sockets of a chosen address family for the io_uring backend. Netty's
 * io_uring {@code LinuxSocket} is package-private and {@link Socket}'s family-aware factories are
 * protected, so this subclass, never instantiated, reaches them; the plain {@link Socket} has
 * every call the shared handles make. Non-blocking from birth.
 */
final class PlainSockets extends Socket {

    private PlainSockets() {
        super(-1); // never called
    }

    /** {@return a new stream socket, IPv6 (dual-stack) or IPv4} */
    static Socket stream(boolean ipv6) {
        return new Socket(newSocketStream0(ipv6));
    }

    /** {@return a new datagram socket, IPv6 (dual-stack) or IPv4} */
    static Socket datagram(boolean ipv6) {
        return new Socket(newSocketDgram0(ipv6));
    }

    /** {@return the socket over a descriptor that accept(2) returned} */
    static Socket accepted(int fd) {
        return new Socket(fd);
    }
}
