package dev.ioasync.loop.select;

import dev.ioasync.io.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;

/** A stream socket of the {@code select} backend: a non-blocking {@link SocketChannel}. */
final class SelectSocketHandle extends SelectIoHandle implements SocketHandle {

    private final SocketChannel socket;

    SelectSocketHandle(SocketChannel socket, String description) throws IOException {
        super(socket, description);
        this.socket = socket;
    }

    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        return socket.connect(remote);
    }

    @Override
    public boolean finishConnect() throws IOException {
        return socket.finishConnect();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return socket.getLocalAddress();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return socket.getRemoteAddress();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        socket.setOption(option, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return socket.getOption(option);
    }
}
