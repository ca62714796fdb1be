package dev.ioasync.loop.kqueue;

import dev.ioasync.loop.unix.NativeHandles;
import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativePoller;
import dev.ioasync.loop.unix.NativeWatch;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.unix.Socket;

/**
 * The {@code kqueue} backend's poller: the shared {@link NativePoller} over Netty's
 * {@link KQueueIoHandler}. kqueue reports a handle's read and write as two events; its watches
 * merge them into one report (see {@link KQueueWatch}).
 */
final class KQueuePoller extends NativePoller {

    KQueuePoller() {
        // Netty's BsdSocket is package-private: plain Sockets, opened through BsdSockets
        super(new NativeHandles(KQueueLoopProvider.NAME, BsdSockets::stream, BsdSockets::datagram, Socket::new),
                loadedFactory());
    }

    /** Netty's natives must be loaded before a {@code Socket} or {@code FileDescriptor} is touched. */
    private static IoHandlerFactory loadedFactory() {
        KQueue.ensureAvailability();
        return KQueueIoHandler.newFactory();
    }

    @Override
    protected NativeWatch newWatch(NativeIoHandle handle, Object attachment, int interest) {
        return new KQueueWatch(this, handle, attachment, interest);
    }
}
