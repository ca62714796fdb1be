package dev.ioasync.loop.kqueue;

import dev.ioasync.io.DatagramHandle;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.spi.IoHandleFactory;
import io.netty.channel.ChannelException;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.UnresolvedAddressException;
import java.util.function.Supplier;

/**
 * Makes the {@code kqueue} backend's handles natively with Netty: pipes with
 * {@link FileDescriptor#pipe()}, sockets with {@link BsdSockets}; every one non-blocking from
 * birth. Netty's native library must be loaded first ({@code KQueue.ensureAvailability()}, which
 * the poller does). Thread-safe.
 */
final class KQueueHandles implements IoHandleFactory {

    @Override
    public PipePair pipe() throws IOException {
        FileDescriptor[] fds = FileDescriptor.pipe();
        return new PipePair(new NativeIoHandle(fds[0], "pipe-reader", true, false),
                new NativeIoHandle(fds[1], "pipe-writer", false, true));
    }

    @Override
    public SocketHandle openSocket(ProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return new NativeSocketHandle(create(() -> BsdSockets.stream(ipv6)), "socket", false);
    }

    @Override
    public ListenerHandle openListener(SocketAddress local, int backlog) throws IOException {
        if (!(local instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        Socket s = create(() -> BsdSockets.stream(inet.getAddress() instanceof Inet6Address));
        try {
            s.setReuseAddress(true);
            s.bind(inet);
            s.listen(backlog > 0 ? backlog : DEFAULT_BACKLOG);
            return new NativeListenerHandle(s);
        } catch (IOException | RuntimeException e) {
            closeQuietly(s, e);
            throw e;
        }
    }

    @Override
    public DatagramHandle openDatagram(ProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return new NativeDatagramHandle(create(() -> BsdSockets.datagram(ipv6)));
    }

    private static boolean isIpv6(ProtocolFamily family) {
        if (family == StandardProtocolFamily.INET) {
            return false;
        }
        if (family == StandardProtocolFamily.INET6) {
            return true;
        }
        throw new UnsupportedOperationException("protocol family " + family + " is not supported by the kqueue backend");
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
