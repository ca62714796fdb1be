package dev.ioasync.loop.unix;

import dev.ioasync.io.DatagramHandle;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.spi.IoHandleFactory;
import io.netty.channel.ChannelException;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.UnresolvedAddressException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Internal: makes a native backend's handles with Netty: pipes with {@link FileDescriptor#pipe()},
 * sockets with the backend's own {@link Socket} flavour (the only thing that differs:
 * {@code LinuxSocket} on epoll, the BSD sockets on kqueue); every one non-blocking from birth.
 * Netty's native library must be loaded first ({@code Epoll.ensureAvailability()} or
 * {@code KQueue.ensureAvailability()}, which the poller does). Thread-safe.
 */
public class NativeHandles implements IoHandleFactory {

    /** How a backend opens a non-blocking Netty socket of one type. */
    @FunctionalInterface
    public interface SocketOpener {

        /**
         * Opens a socket.
         *
         * @param ipv6 IPv6 (dual-stack) or IPv4
         * @return the new socket, non-blocking
         */
        Socket open(boolean ipv6);
    }

    private final String backend;
    private final SocketOpener streams;
    private final SocketOpener datagrams;
    private final IntFunction<Socket> accepted;
    private final boolean reusePort;

    /**
     * Creates the factory of a backend whose listeners cannot share a port
     * ({@link #supportsReusePort()} false).
     *
     * @param backend the backend's name, as its handles report it
     * @param streams opens stream sockets
     * @param datagrams opens datagram sockets
     * @param accepted wraps a descriptor that accept(2) returned
     */
    public NativeHandles(String backend, SocketOpener streams, SocketOpener datagrams,
            IntFunction<Socket> accepted) {
        this(backend, streams, datagrams, accepted, false);
    }

    /**
     * Creates the factory of a backend.
     *
     * @param backend the backend's name, as its handles report it
     * @param streams opens stream sockets
     * @param datagrams opens datagram sockets
     * @param accepted wraps a descriptor that accept(2) returned
     * @param reusePort whether the kernel spreads connections over listeners sharing a port
     *     with {@code SO_REUSEPORT} (Linux: true; macOS and the BSDs: false, their
     *     {@code SO_REUSEPORT} does not share the load)
     */
    public NativeHandles(String backend, SocketOpener streams, SocketOpener datagrams,
            IntFunction<Socket> accepted, boolean reusePort) {
        this.backend = backend;
        this.streams = streams;
        this.datagrams = datagrams;
        this.accepted = accepted;
        this.reusePort = reusePort;
    }

    /** {@return the name of the backend whose handles this makes} */
    public String backend() {
        return backend;
    }

    /** {@return the socket over a descriptor that accept(2) returned} */
    Socket acceptedSocket(int fd) {
        return accepted.apply(fd);
    }

    @Override
    public PipePair pipe() throws IOException {
        FileDescriptor[] fds = FileDescriptor.pipe();
        return new PipePair(new NativeIoHandle(fds[0], backend, "pipe-reader", true, false),
                new NativeIoHandle(fds[1], backend, "pipe-writer", false, true));
    }

    @Override
    public SocketHandle openSocket(ProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return newSocketHandle(create(() -> streams.open(ipv6)), "socket", false);
    }

    /**
     * Makes the handle of a stream socket, opened or accepted; a backend whose sockets need more
     * than {@link NativeSocketHandle} overrides this.
     *
     * @param socket the socket, non-blocking
     * @param kind {@code socket} or {@code accepted}
     * @param connected whether it is connected already
     * @return the handle
     */
    protected NativeSocketHandle newSocketHandle(Socket socket, String kind, boolean connected) {
        return new NativeSocketHandle(socket, backend, kind, connected);
    }

    @Override
    public ListenerHandle openListener(SocketAddress local, int backlog) throws IOException {
        return openListener(local, backlog, false);
    }

    @Override
    public boolean supportsReusePort() {
        return reusePort;
    }

    @Override
    public ListenerHandle openListener(SocketAddress local, int backlog, boolean shared) throws IOException {
        if (shared && !reusePort) {
            throw new UnsupportedOperationException("SO_REUSEPORT listeners are not supported by the " + backend
                    + " backend: its kernel does not spread connections over them");
        }
        if (!(local instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        Socket s = create(() -> streams.open(inet.getAddress() instanceof Inet6Address));
        try {
            s.setReuseAddress(true);
            if (shared) {
                s.setReusePort(true);
            }
            s.bind(inet);
            s.listen(backlog > 0 ? backlog : DEFAULT_BACKLOG);
            return new NativeListenerHandle(this, s);
        } catch (IOException | RuntimeException e) {
            closeQuietly(s, e);
            throw e;
        }
    }

    @Override
    public DatagramHandle openDatagram(ProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return new NativeDatagramHandle(create(() -> datagrams.open(ipv6)), backend);
    }

    private boolean isIpv6(ProtocolFamily family) {
        if (family == StandardProtocolFamily.INET) {
            return false;
        }
        if (family == StandardProtocolFamily.INET6) {
            return true;
        }
        throw new UnsupportedOperationException("protocol family " + family + " is not supported by the "
                + backend + " backend");
    }

    /** Netty reports a failed socket(2) as an unchecked {@link ChannelException} around the IOException. */
    private static Socket create(Supplier<Socket> factory) throws IOException {
        try {
            return factory.get();
        } catch (ChannelException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileDescriptor fd, Exception failure) {
        try {
            fd.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
