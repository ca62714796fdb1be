package dev.ioasync.loop.kqueue;

import io.netty.channel.unix.Socket;

/**
 * Opens Netty native sockets of a chosen address family. Netty's {@code BsdSocket} is
 * package-private and {@link Socket}'s family-aware factories are protected, so this subclass,
 * never instantiated, reaches them. Non-blocking from birth.
 */
final class BsdSockets extends Socket {

    private BsdSockets() {
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
}
