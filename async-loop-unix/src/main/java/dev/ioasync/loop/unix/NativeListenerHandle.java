package dev.ioasync.loop.unix;

import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A listening socket of a native backend: a non-blocking Netty {@link Socket}. */
final class NativeListenerHandle extends NativeIoHandle implements ListenerHandle {

    private final NativeHandles handles;
    private final Socket socket;
    /** Where accept(2) writes the peer's address (length byte, address, scope, port); loop thread. */
    private final byte[] peer = new byte[26];

    NativeListenerHandle(NativeHandles handles, Socket socket) {
        super(socket, handles.backend(), "listener", true, false);
        this.handles = handles;
        this.socket = socket;
    }

    @Override
    public SocketHandle accept() throws IOException {
        openFd();
        int fd = socket.accept(peer);
        if (fd < 0) {
            return null; // EAGAIN: none pending
        }
        return handles.newSocketHandle(handles.acceptedSocket(fd), "accepted", true);
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        openFd();
        return Addresses.plain(socket.localAddress());
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException(this + " is a listener: accept() instead of read()");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException(this + " is a listener: it cannot be written");
    }
}
