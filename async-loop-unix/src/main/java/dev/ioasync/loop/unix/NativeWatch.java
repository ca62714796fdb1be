package dev.ioasync.loop.unix;

import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoRegistration;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Internal: one watched handle of a native backend: the core's {@link PollRegistration} and,
 * towards Netty, the one {@link IoHandle} of its file descriptor, carrying read and write interest
 * together (Netty keeps one registration per descriptor and a second would silently replace the
 * first). A backend adds Netty's handle interface ({@code EpollIoHandle} or
 * {@code KQueueIoHandle}) and how interest becomes kernel events and events become ready bits.
 *
 * <p>{@link #handle} only records the event; the core dispatches it after Netty's {@code run()}
 * returns (an exception thrown inside it would cost Netty's one-second back-off). Loop thread only,
 * except {@link #handleClosing()}.
 */
public abstract class NativeWatch implements PollRegistration, IoHandle {

    private final NativePoller poller;
    private final NativeIoHandle handle;
    private final Object attachment;
    private int interest;
    private volatile IoRegistration registration;
    private boolean cancelled;
    /** Where this watch's event of the current poll was recorded, to merge read and write. */
    long recordedRound = -1;
    int recordedSlot;

    /**
     * Creates a watch, not yet attached.
     *
     * @param poller the poller that watches
     * @param handle the handle watched
     * @param attachment what the core gets back with every event
     * @param interest the {@link IoOps} bits first wanted
     */
    protected NativeWatch(NativePoller poller, NativeIoHandle handle, Object attachment, int interest) {
        this.poller = poller;
        this.handle = handle;
        this.attachment = attachment;
        this.interest = interest;
    }

    /**
     * Enters the kernel's set with the current interest: registers with Netty through
     * {@link #registerWithNetty()}, keeps the registration with {@link #registration(IoRegistration)}
     * and submits the first change.
     *
     * @throws IOException if Netty or the kernel refuses
     */
    protected abstract void attach() throws IOException;

    /**
     * Applies a change of interest; called only while the watch is live and its handle open.
     *
     * @param old the interest before
     * @param ops the interest now (already {@link #interest()})
     */
    protected abstract void changeInterest(int old, int ops);

    /**
     * Reads one of Netty's events for this watch and records what is ready, with
     * {@link #recordReady} or {@link #recordReadyMerged}; called only for the current registration
     * of a live watch over an open handle. Must not throw, and must not run core code.
     *
     * @param event Netty's event
     */
    protected abstract void onEvent(IoEvent event);

    /**
     * Called on cancel, before Netty's registration is cancelled (for what Netty's cancel leaves
     * in the kernel). Does nothing by default.
     *
     * @param r the registration about to be cancelled
     */
    protected void beforeNettyCancel(IoRegistration r) {
    }

    /**
     * Cancels Netty's registration because the handle is being closed, maybe on another thread,
     * just before its descriptor is closed. By default {@code r.cancel()}, which is thread-safe;
     * a backend whose kernel requests hold the descriptor's file (io_uring's pending polls)
     * withdraws them first.
     *
     * @param r the registration
     */
    protected void cancelForClose(IoRegistration r) {
        r.cancel();
    }

    /**
     * Called after the registration is cancelled, by {@link #cancel()} or because the handle is
     * being closed, maybe on another thread (to free what the watch holds). Does nothing by default.
     */
    protected void released() {
    }

    // ------------------------------------------------------------------ for the backends

    /** {@return the handle watched} */
    protected final NativeIoHandle handle() {
        return handle;
    }

    /** {@return Netty's registration, or {@code null} when there is none} */
    protected final IoRegistration registration() {
        return registration;
    }

    /**
     * Keeps Netty's registration, or forgets it.
     *
     * @param r the registration, or {@code null}
     */
    protected final void registration(IoRegistration r) {
        registration = r;
    }

    /** {@return whether {@link #cancel()} was called} */
    protected final boolean isCancelled() {
        return cancelled;
    }

    /**
     * Registers this watch with Netty's handler (the first submit then enters the kernel's set).
     *
     * @return Netty's registration
     * @throws IOException if Netty refuses
     */
    protected final IoRegistration registerWithNetty() throws IOException {
        return poller.nettyRegister(this);
    }

    /**
     * Records that {@code ops} are ready, as one entry.
     *
     * @param ops the ready {@link IoOps} bits
     */
    protected final void recordReady(int ops) {
        poller.recordReady(attachment, ops);
    }

    /**
     * Records that {@code ops} are ready, merged with this watch's entry of the current poll if
     * there is one (for kernels that report read and write as two events).
     *
     * @param ops the ready {@link IoOps} bits
     */
    protected final void recordReadyMerged(int ops) {
        poller.recordMerged(this, attachment, ops);
    }

    /** {@return the poller's own scratch buffer, cleared, if called on its loop thread; else {@code null}} */
    final ByteBuffer loopScratch() {
        return poller.loopScratch();
    }

    // ------------------------------------------------------------------ PollRegistration

    @Override
    public final void interest(int ops) {
        IoOps.check(ops);
        int old = interest;
        interest = ops;
        if (cancelled || !handle.isOpen()) {
            return; // closed while watched: nothing left to change
        }
        changeInterest(old, ops);
    }

    @Override
    public final int interest() {
        return interest;
    }

    @Override
    public final void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        IoRegistration r = registration;
        registration = null;
        if (r != null) {
            beforeNettyCancel(r);
            r.cancel(); // on the loop thread: at once (epoll: EPOLL_CTL_DEL while the descriptor is open)
        }
        released();
        handle.unwatched(this);
        poller.forget(this);
    }

    @Override
    public final boolean isValid() {
        return !cancelled && handle.isOpen();
    }

    /**
     * The handle is being closed, maybe on another thread: leave Netty's table before the
     * descriptor is closed, so that a new descriptor with the same number can be registered.
     * Netty's cancel is thread-safe (it queues the rest on the loop).
     */
    final void handleClosing() {
        IoRegistration r = registration;
        if (r != null) {
            cancelForClose(r);
        }
        released();
    }

    // ------------------------------------------------------------------ IoHandle (Netty's side)

    @Override
    public final void handle(IoRegistration r, IoEvent event) {
        if (cancelled || r != registration || !handle.isOpen()) {
            return;
        }
        onEvent(event);
    }

    /** Netty must never close our descriptor: the handle's owner does. */
    @Override
    public final void close() {
    }

    @Override
    public String toString() {
        return "watch of " + handle + " for " + IoOps.toString(interest);
    }
}
