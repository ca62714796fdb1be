package dev.ioasync.loop.unix;

import dev.ioasync.io.SocketHandle;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;

/**
 * A stream socket of a native backend: a non-blocking Netty {@link Socket} (a {@code LinuxSocket}
 * on epoll, a plain {@link Socket} on kqueue). A backend may subclass it (io_uring does, to read
 * by completion) and make its handles with {@link NativeHandles#newSocketHandle}.
 */
public class NativeSocketHandle extends NativeIoHandle implements SocketHandle {

    private final Socket socket;
    private volatile boolean connected;

    /**
     * Wraps a socket.
     *
     * @param socket the socket, non-blocking
     * @param backend the backend's name
     * @param kind what it is, for messages ({@code socket}, {@code accepted})
     * @param connected whether it is connected already (accepted)
     */
    protected NativeSocketHandle(Socket socket, String backend, String kind, boolean connected) {
        super(socket, backend, kind, true, true);
        this.socket = socket;
        this.connected = connected;
    }

    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        openFd();
        if (!(remote instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            throw new java.nio.channels.UnresolvedAddressException();
        }
        boolean now = socket.connect(inet);
        connected = now;
        return now;
    }

    @Override
    public boolean finishConnect() throws IOException {
        openFd();
        if (connected) {
            return true;
        }
        boolean now = socket.finishConnect();
        connected = now;
        return now;
    }

    @Override
    public boolean isConnected() {
        return connected && isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        openFd();
        return Addresses.plain(socket.localAddress());
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        openFd();
        return connected ? Addresses.plain(socket.remoteAddress()) : null;
    }

    @Override
    public void shutdownOutput() throws IOException {
        openFd();
        socket.shutdown(false, true);
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        openFd();
        SocketOptions.set(socket, option, value, backend());
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        openFd();
        return SocketOptions.get(socket, option, backend());
    }
}
