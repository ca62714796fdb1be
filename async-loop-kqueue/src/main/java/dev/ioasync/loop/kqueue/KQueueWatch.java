package dev.ioasync.loop.kqueue;

import static dev.ioasync.loop.kqueue.KQueueFilters.EVFILT_READ;
import static dev.ioasync.loop.kqueue.KQueueFilters.EVFILT_WRITE;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_ADD;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_DELETE;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_DISABLE;
import static dev.ioasync.loop.kqueue.KQueueFilters.EV_ENABLE;

import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativeWatch;
import dev.ioasync.spi.IoOps;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.kqueue.KQueueIoEvent;
import io.netty.channel.kqueue.KQueueIoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;

/**
 * One watched handle of the {@code kqueue} backend: towards Netty, one {@link KQueueIoHandle}
 * carrying both the read and the write filter of its descriptor.
 *
 * <p>A filter is added the first time its direction is wanted, then enabled and disabled (a
 * disabled filter reports nothing, not even end of file, so a paused handle never spins), and
 * deleted with {@code EV_DELETE} before the registration is cancelled, since Netty's cancel leaves
 * the kernel's filters in place. kqueue refuses ident 0 (Netty uses it for its wake-up event), so
 * descriptor 0 is watched through a duplicate. The read and write events of one poll are merged
 * into one report. Loop thread only, except closing: closing the descriptor drops its filters in
 * the kernel; Netty's table is keyed by registration, not descriptor, and its thread-safe cancel
 * queues the rest on the loop.
 */
final class KQueueWatch extends NativeWatch implements KQueueIoHandle {

    /** {@link IoOps} bits whose filter was added, and those enabled now. */
    private int added;
    private int enabled;
    /** A duplicate of descriptor 0, which kqueue cannot watch under its own number. */
    private volatile FileDescriptor dup;

    KQueueWatch(KQueuePoller poller, NativeIoHandle handle, Object attachment, int interest) {
        super(poller, handle, attachment, interest);
    }

    /** Enters the kqueue with the current interest (applied at the next kevent call). */
    @Override
    protected void attach() throws IOException {
        if (handle().fd().intValue() == 0) {
            dup = FileDescriptor.from("/dev/fd/0"); // on macOS and the BSDs, opening /dev/fd/N duplicates N
        }
        registration(registerWithNetty());
        apply(interest());
    }

    private void apply(int want) {
        IoRegistration r = registration();
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

    @Override
    protected void changeInterest(int old, int ops) {
        if (registration() == null) {
            return;
        }
        apply(ops);
    }

    @Override
    protected void beforeNettyCancel(IoRegistration r) {
        if (handle().isOpen()) {
            // Netty's cancel does not remove filters from the kernel: delete them first
            if ((added & IoOps.READ) != 0) {
                r.submit(KQueueFilters.change(EVFILT_READ, EV_DELETE));
            }
            if ((added & IoOps.WRITE) != 0) {
                r.submit(KQueueFilters.change(EVFILT_WRITE, EV_DELETE));
            }
        }
    }

    /** Closes the duplicate of descriptor 0, if any. */
    @Override
    protected void released() {
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
        return d != null ? d.intValue() : handle().fd().intValue();
    }

    @Override
    protected void onEvent(IoEvent event) {
        short filter = ((KQueueIoEvent) event).filter();
        int bit = filter == EVFILT_READ ? IoOps.READ : filter == EVFILT_WRITE ? IoOps.WRITE : IoOps.NONE;
        int ready = bit & interest(); // EV_EOF and errors come on these filters too: the read or write says which
        if (ready != 0) {
            recordReadyMerged(ready);
        }
    }
}
