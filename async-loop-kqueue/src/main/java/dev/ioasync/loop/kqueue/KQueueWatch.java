package dev.ioasync.loop.kqueue;

import static dev.ioasync.loop.kqueue.KQueueFilters.EVFILT_READ;
import static dev.ioasync.loop.kqueue.KQueueFilters.EVFILT_WRITE;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_ADD;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_DELETE;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_DISABLE;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_ENABLE;

import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.kqueue.KQueueIoEvent;
import io.netty.channel.kqueue.KQueueIoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;

/**
 * One watched handle: the core's {@link PollRegistration} and, towards Netty, one
 * {@link KQueueIoHandle} carrying both the read and the write filter of its descriptor.
 *
 * <p>A filter is added the first time its direction is wanted, then enabled and disabled (a
 * disabled filter reports nothing, not even end of file, so a paused handle never spins), and
 * deleted with {@code EV_DELETE} before the registration is cancelled, since Netty's cancel leaves
 * the kernel's filters in place. kqueue refuses ident 0 (Netty uses it for its wake-up event), so
 * descriptor 0 is watched through a duplicate. {@link #handle} only records the event. Loop thread
 * only, except {@link #handleClosing()}.
 */
final class KQueueWatch implements PollRegistration, KQueueIoHandle {

    private final KQueuePoller poller;
    private final NativeIoHandle handle;
    private final Object attachment;
    private int interest;
    private volatile IoRegistration registration;
    private boolean cancelled;
    /** {@link IoOps} bits whose filter was added, and those enabled now. */
    private int added;
    private int enabled;
    /** A duplicate of descriptor 0, which kqueue cannot watch under its own number. */
    private volatile FileDescriptor dup;
    /** Where this watch's event of the current poll was recorded, to merge read and write. */
    long recordedRound = -1;
    int recordedSlot;

    KQueueWatch(KQueuePoller poller, NativeIoHandle handle, Object attachment, int interest) {
        this.poller = poller;
        this.handle = handle;
        this.attachment = attachment;
        this.interest = interest;
    }

    Object attachment() {
        return attachment;
    }

    /** Enters the kqueue with the current interest (applied at the next kevent call). */
    void attach() throws IOException {
        if (handle.fd().intValue() == 0) {
            dup = FileDescriptor.from("/dev/fd/0"); // on macOS and the BSDs, opening /dev/fd/N duplicates N
        }
        registration = poller.nettyRegister(this);
        apply(interest);
    }

    private void apply(int want) {
        IoRegistration r = registration;
        applyFilter(r, IoOps.READ, EVFILT_READ, want);
        applyFilter(r, IoOps.WRITE, EVFILT_WRITE, want);
    }

    private void applyFilter(IoRegistration r, int bit, short filter, int want) {
        boolean wanted = (want & bit) != 0;
        if (wanted && (added & bit) == 0) {
            r.submit(KQueueFilters.change(filter, (short) (EV_ADD | EV_ENABLE)));
            added |= bit;
            enabled |= bit;
        } else if (wanted && (enabled & bit) == 0) {
            r.submit(KQueueFilters.change(filter, EV_ENABLE));
            enabled |= bit;
        } else if (!wanted && (enabled & bit) != 0) {
            r.submit(KQueueFilters.change(filter, EV_DISABLE));
            enabled &= ~bit;
        }
    }

    // ------------------------------------------------------------------ PollRegistration

    @Override
    public void interest(int ops) {
        IoOps.check(ops);
        interest = ops;
        if (cancelled || !handle.isOpen() || registration == null) {
            return; // closed while watched: nothing left to change
        }
        apply(ops);
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
            if (handle.isOpen()) {
                // Netty's cancel does not remove filters from the kernel: delete them first
                if ((added & IoOps.READ) != 0) {
                    r.submit(KQueueFilters.change(EVFILT_READ, EV_DELETE));
                }
                if ((added & IoOps.WRITE) != 0) {
                    r.submit(KQueueFilters.change(EVFILT_WRITE, EV_DELETE));
                }
            }
            r.cancel();
        }
        closeDup();
        handle.unwatched(this);
        poller.forget(this);
    }

    @Override
    public boolean isValid() {
        return !cancelled && handle.isOpen();
    }

    /**
     * The handle is being closed, maybe on another thread. Closing the descriptor drops its
     * filters in the kernel; Netty's table is keyed by registration, not descriptor, and its
     * thread-safe cancel queues the rest on the loop.
     */
    void handleClosing() {
        IoRegistration r = registration;
        if (r != null) {
            r.cancel();
        }
        closeDup();
    }

    private void closeDup() {
        FileDescriptor d = dup;
        if (d != null) {
            try {
                d.close();
            } catch (IOException e) {
                System.getLogger(KQueueWatch.class.getName()).log(System.Logger.Level.DEBUG,
                        "closing the duplicate of descriptor 0 failed", e);
            }
        }
    }

    // ------------------------------------------------------------------ KQueueIoHandle (Netty's side)

    @Override
    public int ident() {
        FileDescriptor d = dup;
        return d != null ? d.intValue() : handle.fd().intValue();
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        if (cancelled || r != registration || !handle.isOpen()) {
            return;
        }
        short filter = ((KQueueIoEvent) event).filter();
        int bit = filter == EVFILT_READ ? IoOps.READ : filter == EVFILT_WRITE ? IoOps.WRITE : IoOps.NONE;
        int ready = bit & interest; // EV_EOF and errors come on these filters too: the read or write says which
        if (ready != 0) {
            poller.recordReady(this, ready);
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
