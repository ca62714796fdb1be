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
     * Opens an unbound datagram socket.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @return the socket
     * @throws IOException when the operating system refuses
     */
    DatagramHandle openDatagram(ProtocolFamily family) throws IOException;
}
