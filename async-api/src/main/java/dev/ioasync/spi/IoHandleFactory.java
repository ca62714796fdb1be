package dev.ioasync.spi;

import dev.ioasync.io.DatagramHandle;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;

/**
 * Makes the handles a backend can watch: pipes, stream sockets, listeners and datagram sockets.
 * Every handle is non-blocking from birth.
 */
public interface IoHandleFactory {

    /**
     * The accept queue length a listener gets when none is given: large, so that a burst of
     * connects is queued rather than dropped (the kernel caps it at {@code net.core.somaxconn}).
     */
    int DEFAULT_BACKLOG = 4096;

    /**
     * Opens a non-blocking pipe.
     *
     * @return its two ends
     * @throws IOException when the operating system refuses (for example no file descriptors left)
     */
    PipePair pipe() throws IOException;

    /**
     * Opens an unconnected stream socket.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @return the socket
     * @throws IOException when the operating system refuses
     */
    SocketHandle openSocket(ProtocolFamily family) throws IOException;

    /**
     * Opens a listening stream socket with {@code SO_REUSEADDR}.
     *
     * @param local the address to bind; port 0 picks a free port
     * @param backlog the accept queue length, or 0 for the default ({@link #DEFAULT_BACKLOG})
     * @return the listener
     * @throws IOException when the address is in use or cannot be bound
     */
    ListenerHandle openListener(SocketAddress local, int backlog) throws IOException;

    /**
     * {@return whether {@link #openListener(SocketAddress, int, boolean)} can open listeners with
     *     {@code SO_REUSEPORT} that the kernel spreads connections over} True where several
     * sockets bound to one port each get a share of the incoming connections (Linux 3.9 and
     * later); false where the option is missing or only lets a second socket bind without
     * sharing the load (macOS and the BSDs without {@code SO_REUSEPORT_LB}). A
     * {@link dev.ioasync.group.LoopGroup} opens one listener per loop where this is true and
     * hands accepted sockets from one acceptor to its loops where it is false. The default says
     * false.
     */
    default boolean supportsReusePort() {
        return false;
    }

    /**
     * Opens a listening stream socket with {@code SO_REUSEADDR}, and with {@code SO_REUSEPORT}
     * when {@code reusePort} is true, so that more listeners (of this process or of another one
     * run by the same user) can bind the same address and the kernel spreads the connections over
     * them. Binding a port another socket holds without {@code SO_REUSEPORT} still fails.
     *
     * @param local the address to bind; port 0 picks a free port
     * @param backlog the accept queue length, or 0 for the default ({@link #DEFAULT_BACKLOG})
     * @param reusePort whether to set {@code SO_REUSEPORT}; only where {@link #supportsReusePort()}
     * @return the listener
     * @throws IOException when the address is in use or cannot be bound
     * @throws UnsupportedOperationException when {@code reusePort} is asked of a factory whose
     *     {@link #supportsReusePort()} is false; the default implementation does that, and
     *     otherwise calls {@link #openListener(SocketAddress, int)}
     */
    default ListenerHandle openListener(SocketAddress local, int backlog, boolean reusePort) throws IOException {
        if (reusePort) {
            throw new UnsupportedOperationException("SO_REUSEPORT listeners are not supported by " + this
                    + " (supportsReusePort() is false)");
        }
        return openListener(local, backlog);
    }

    /**
     * Opens an unbound datagram socket.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @return the socket
     * @throws IOException when the operating system refuses
     */
    DatagramHandle openDatagram(ProtocolFamily family) throws IOException;
}
