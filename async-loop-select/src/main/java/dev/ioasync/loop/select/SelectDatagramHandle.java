package dev.ioasync.loop.select;

import dev.ioasync.io.DatagramHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** A datagram socket of the {@code select} backend: a non-blocking {@link DatagramChannel}. */
final class SelectDatagramHandle extends SelectIoHandle implements DatagramHandle {

    private final DatagramChannel datagram;

    SelectDatagramHandle(DatagramChannel datagram, String description) throws IOException {
        super(datagram, description);
        this.datagram = datagram;
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        datagram.bind(local);
    }

    @Override
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        return datagram.receive(dst);
    }

    @Override
    public int send(ByteBuffer src, SocketAddress target) throws IOException {
        return datagram.send(src, target);
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return datagram.getLocalAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        datagram.setOption(option, value);
    }
}
