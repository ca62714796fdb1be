package dev.ioasync.loop.unix;

import java.net.InetSocketAddress;

/** Turns Netty's address subclasses into plain {@link InetSocketAddress}es for users. */
final class Addresses {

    private Addresses() {
    }

    /** {@return {@code a} as a plain {@link InetSocketAddress}; {@code null} stays {@code null}} */
    static InetSocketAddress plain(InetSocketAddress a) {
        if (a == null || a.getClass() == InetSocketAddress.class) {
            return a;
        }
        return new InetSocketAddress(a.getAddress(), a.getPort());
    }
}
