package dev.ioasync.loop.epoll;

import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativeWatch;
import dev.ioasync.spi.IoOps;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One watched handle of the {@code epoll} backend: towards Netty, the one {@link EpollIoHandle} of
 * its file descriptor, carrying read and write interest together.
 *
 * <p>A paused watch (interest {@link IoOps#NONE}) keeps an EPOLLERR-only mask; if the kernel
 * then reports a hang-up or an error, which it does whatever the mask, the watch leaves the epoll
 * set until its interest comes back, so that it never spins. Loop thread only, except closing.
 */
final class EpollWatch extends NativeWatch implements EpollIoHandle {

    private final EpollPoller poller;

    EpollWatch(EpollPoller poller, NativeIoHandle handle, Object attachment, int interest) {
        super(poller, handle, attachment, interest);
        this.poller = poller;
    }

    /** Enters the epoll set with the current interest. */
    @Override
    protected void attach() throws IOException {
        IoRegistration r = registerWithNetty();
        registration(r);
        try {
            r.submit(EpollInterest.toEpoll(interest()));
        } catch (UncheckedIOException e) {
            registration(null);
            r.cancel();
            throw e.getCause();
        }
    }

    @Override
    protected void changeInterest(int old, int ops) {
        if (ops == old) {
            return;
        }
        IoRegistration r = registration();
        try {
            if (r == null) {
                if (ops != IoOps.NONE) {
                    attach(); // parked after a hang-up while paused: come back
                }
            } else {
                r.submit(EpollInterest.toEpoll(ops));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("epoll could not change the interest of " + handle() + " to "
                    + IoOps.toString(ops), e);
        }
    }

    /** After a hang-up or error while paused: leave the epoll set until the interest comes back. */
    void park() {
        IoRegistration r = registration();
        if (interest() == IoOps.NONE && r != null && !isCancelled()) {
            registration(null);
            r.cancel();
        }
    }

    // ------------------------------------------------------------------ EpollIoHandle (Netty's side)

    @Override
    public FileDescriptor fd() {
        return handle().fd();
    }

    @Override
    protected void onEvent(IoEvent event) {
        int events = ((EpollIoEvent) event).ops().value();
        int ready = EpollInterest.fromEpoll(events, interest());
        if (ready != 0) {
            recordReady(ready);
        } else if (EpollInterest.isHangUpOrError(events)) {
            poller.parkLater(this);
        }
    }
}
