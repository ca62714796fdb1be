package dev.ioasync.loop.epoll;

import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One watched handle: the core's {@link PollRegistration} and, towards Netty, the one
 * {@link EpollIoHandle} of its file descriptor, carrying read and write interest together (Netty
 * keeps one registration per descriptor and a second would silently replace the first).
 *
 * <p>{@link #handle} only records the event; the core dispatches it after Netty's {@code run()}
 * returns. A paused watch (interest {@link IoOps#NONE}) keeps an EPOLLERR-only mask; if the kernel
 * then reports a hang-up or an error, which it does whatever the mask, the watch leaves the epoll
 * set until its interest comes back, so that it never spins. Loop thread only, except
 * {@link #handleClosing()}.
 */
final class EpollWatch implements PollRegistration, EpollIoHandle {

    private final EpollPoller poller;
    private final NativeIoHandle handle;
    private final Object attachment;
    private int interest;
    private volatile IoRegistration registration;
    private boolean cancelled;

    EpollWatch(EpollPoller poller, NativeIoHandle handle, Object attachment, int interest) {
        this.poller = poller;
        this.handle = handle;
        this.attachment = attachment;
        this.interest = interest;
    }

    /** Enters the epoll set with the current interest. */
    void attach() throws IOException {
        IoRegistration r = poller.nettyRegister(this);
        registration = r;
        try {
            r.submit(EpollInterest.toEpoll(interest));
        } catch (UncheckedIOException e) {
            registration = null;
            r.cancel();
            throw e.getCause();
        }
    }

    // ------------------------------------------------------------------ PollRegistration

    @Override
    public void interest(int ops) {
        IoOps.check(ops);
        if (ops == interest) {
            return;
        }
        interest = ops;
        if (cancelled || !handle.isOpen()) {
            return; // closed while watched: nothing left to change
        }
        IoRegistration r = registration;
        try {
            if (r == null) {
                if (ops != IoOps.NONE) {
                    attach(); // parked after a hang-up while paused: come back
                }
            } else {
                r.submit(EpollInterest.toEpoll(ops));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("epoll could not change the interest of " + handle + " to "
                    + IoOps.toString(ops), e);
        }
    }

    @Override
    public int interest() {
        return interest;
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        IoRegistration r = registration;
        registration = null;
        if (r != null) {
            r.cancel(); // on the loop thread: EPOLL_CTL_DEL at once while the descriptor is open
        }
        handle.unwatched(this);
        poller.forget(this);
    }

    @Override
    public boolean isValid() {
        return !cancelled && handle.isOpen();
    }

    /**
     * The handle is being closed, maybe on another thread: leave Netty's table before the
     * descriptor is closed, so that a new descriptor with the same number can be registered.
     * Netty's cancel is thread-safe (it queues the rest on the loop).
     */
    void handleClosing() {
        IoRegistration r = registration;
        if (r != null) {
            r.cancel();
        }
    }

    /** After a hang-up or error while paused: leave the epoll set until the interest comes back. */
    void park() {
        IoRegistration r = registration;
        if (interest == IoOps.NONE && r != null && !cancelled) {
            registration = null;
            r.cancel();
        }
    }

    // ------------------------------------------------------------------ EpollIoHandle (Netty's side)

    @Override
    public FileDescriptor fd() {
        return handle.fd();
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        if (cancelled || r != registration || !handle.isOpen()) {
            return;
        }
        int events = ((EpollIoEvent) event).ops().value();
        int ready = EpollInterest.fromEpoll(events, interest);
        if (ready != 0) {
            poller.recordReady(attachment, ready);
        } else if (EpollInterest.isHangUpOrError(events)) {
            poller.parkLater(this);
        }
    }

    /** Netty must never close our descriptor: the handle's owner does. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "watch of " + handle + " for " + IoOps.toString(interest);
    }
}
