package dev.ioasync.loop.epoll;

import dev.ioasync.loop.unix.NativeHandles;
import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativePoller;
import dev.ioasync.loop.unix.NativeWatch;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.LinuxSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code epoll} backend's poller: the shared {@link NativePoller} over Netty's
 * {@link EpollIoHandler}, plus parking: a paused watch that the kernel reports hung up or in error
 * (which epoll does whatever the mask) leaves the epoll set after the poll, see
 * {@link EpollWatch#park()}.
 */
final class EpollPoller extends NativePoller {

    private final List<EpollWatch> toPark = new ArrayList<>();

    EpollPoller() {
        // sockets are LinuxSockets; Linux spreads connections over SO_REUSEPORT listeners
        super(new NativeHandles(EpollLoopProvider.NAME, LinuxSocket::newSocketStream, LinuxSocket::newSocketDgram,
                LinuxSocket::newSocket, true), loadedFactory());
    }

    /** Netty's natives must be loaded before {@code LinuxSocket} or {@code FileDescriptor} is touched. */
    private static IoHandlerFactory loadedFactory() {
        Epoll.ensureAvailability();
        return EpollIoHandler.newFactory();
    }

    @Override
    protected NativeWatch newWatch(NativeIoHandle handle, Object attachment, int interest) {
        return new EpollWatch(this, handle, attachment, interest);
    }

    /** Parks the watches that hung up while paused: outside Netty's loop, since it cancels. */
    @Override
    protected void afterRun() {
        if (!toPark.isEmpty()) {
            for (EpollWatch w : toPark) {
                w.park();
            }
            toPark.clear();
        }
    }

    void parkLater(EpollWatch watch) {
        toPark.add(watch);
    }
}
