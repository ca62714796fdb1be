package dev.ioasync.loop.iouring;

import dev.ioasync.loop.unix.NativeHandles;
import dev.ioasync.loop.unix.NativeSocketHandle;
import io.netty.channel.unix.Socket;

/**
 * The io_uring backend's handles: those of every native backend, but stream sockets that can read
 * by completion ({@link IoUringSocketHandle}) when completion reads are on.
 */
final class IoUringHandles extends NativeHandles {

    private final boolean completionReads;

    IoUringHandles(boolean completionReads) {
        // Linux spreads connections over SO_REUSEPORT listeners
        super(IoUringLoopProvider.NAME, PlainSockets::stream, PlainSockets::datagram, PlainSockets::accepted, true);
        this.completionReads = completionReads;
    }

    @Override
    protected NativeSocketHandle newSocketHandle(Socket socket, String kind, boolean connected) {
        return completionReads ? new IoUringSocketHandle(socket, backend(), kind, connected)
                : super.newSocketHandle(socket, kind, connected);
    }
}
