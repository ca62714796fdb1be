package dev.ioasync.loop.select;

import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening socket of the {@code select} backend: a non-blocking {@link ServerSocketChannel}. */
final class SelectListenerHandle extends SelectIoHandle implements ListenerHandle {

    private final ServerSocketChannel server;

    SelectListenerHandle(ServerSocketChannel server, String description) throws IOException {
        super(server, description);
        this.server = server;
    }

    @Override
    public SocketHandle accept() throws IOException {
        SocketChannel c = server.accept();
        if (c == null) {
            return null;
        }
        try {
            return new SelectSocketHandle(c, "accepted " + c.getRemoteAddress());
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return server.getLocalAddress();
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException(this + " is a listener: accept() instead of read()");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException(this + " is a listener: it cannot be written");
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return false;
    }
}
