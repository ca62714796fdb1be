package dev.ioasync.loop.unix;

import dev.ioasync.io.DatagramHandle;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.DatagramSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;

/** A datagram socket of a native backend: a non-blocking Netty {@link Socket}. */
final class NativeDatagramHandle extends NativeIoHandle implements DatagramHandle {

    private final Socket socket;
    private volatile boolean bound;

    NativeDatagramHandle(Socket socket, String backend) {
        super(socket, backend, "datagram", true, true);
        this.socket = socket;
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        openFd();
        socket.bind(resolved(local));
        bound = true;
    }

    @Override
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        openFd();
        if (dst.isDirect()) {
            int pos = dst.position();
            DatagramSocketAddress from = socket.recvFrom(dst, pos, dst.limit());
            if (from == null) {
                return null;
            }
            dst.position(pos + from.receivedAmount());
            return Addresses.plain(from);
        }
        ByteBuffer own = loopScratch();
        ByteBuffer tmp = own != null ? own : ScratchBuffers.take();
        try {
            int len = Math.min(tmp.capacity(), dst.remaining());
            DatagramSocketAddress from = socket.recvFrom(tmp, 0, len);
            if (from == null) {
                return null;
            }
            dst.put(tmp.limit(from.receivedAmount()));
            return Addresses.plain(from);
        } finally {
            if (own == null) {
                ScratchBuffers.give(tmp);
            }
        }
    }

    @Override
    public int send(ByteBuffer src, SocketAddress target) throws IOException {
        openFd();
        InetSocketAddress to = resolved(target);
        if (src.isDirect()) {
            int pos = src.position();
            int n = socket.sendTo(src, pos, src.limit(), to.getAddress(), to.getPort());
            src.position(pos + n);
            return n;
        }
        int len = src.remaining();
        boolean small = len <= ScratchBuffers.SIZE;
        ByteBuffer own = small ? loopScratch() : null;
        boolean pooled = small && own == null;
        // one datagram is sent whole or not at all, so a large one gets a buffer of its own
        ByteBuffer tmp = own != null ? own : pooled ? ScratchBuffers.take() : ByteBuffer.allocateDirect(len);
        try {
            tmp.put(0, src, src.position(), len);
            int n = socket.sendTo(tmp, 0, len, to.getAddress(), to.getPort());
            src.position(src.position() + n);
            return n;
        } finally {
            if (pooled) {
                ScratchBuffers.give(tmp);
            }
        }
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        openFd();
        return bound ? Addresses.plain(socket.localAddress()) : null;
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        openFd();
        SocketOptions.set(socket, option, value, backend());
    }

    private static InetSocketAddress resolved(SocketAddress a) {
        if (!(a instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        return inet;
    }
}
