package dev.ioasync.loop.iouring;

import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativeWatch;
import dev.ioasync.spi.IoOps;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;

/**
 * One watched handle of the {@code io_uring} backend: towards Netty, an {@link IoUringIoHandle}
 * whose registration carries at most one pending one-shot {@code POLL_ADD} for the current
 * interest.
 *
 * <p>Level-triggered like epoll: when the poll completes its events are recorded, and the watch
 * is armed again before the next {@code run()} (see {@link IoUringPoller#beforeRun()}); if the
 * callback left data unread, the new poll completes at once and the handle is reported again.
 * A change of interest that the pending poll covers (fewer bits, or none) leaves it pending and
 * filters its events; one that needs more bits withdraws it with {@code ASYNC_CANCEL} and arms a
 * new one. A withdrawn poll completes later with {@code -ECANCELED}, or had completed already:
 * either way its completion carries an old tag and is ignored. A paused watch whose pending poll
 * completes is simply not armed again, so a hung-up handle never spins.
 *
 * <p>A pending poll holds a reference to the descriptor's file: closing the descriptor does not
 * end it (a socket would not even be shut down). So cancelling the watch, or closing its handle,
 * withdraws the poll before Netty's registration goes. Loop thread only, except closing.
 */
final class IoUringWatch extends NativeWatch implements IoUringIoHandle {

    private final IoUringPoller poller;
    /** The events the pending poll waits for; 0 when none is pending. */
    private int armedMask;
    /** Netty's user data of the pending poll, for {@code ASYNC_CANCEL}. */
    private long armedUserData;
    /** The tag of the pending poll, echoed by its completion. */
    private short armedTag;
    private short lastTag;
    /** Whether the poller has this watch in its list to arm before the next run. */
    boolean armQueued;

    IoUringWatch(IoUringPoller poller, NativeIoHandle handle, Object attachment, int interest) {
        super(poller, handle, attachment, interest);
        this.poller = poller;
    }

    /** Registers with Netty and arms the first poll (Netty's submit never fails at once: errors come as completions). */
    @Override
    protected void attach() throws java.io.IOException {
        registration(registerWithNetty());
        sync();
    }

    @Override
    protected void changeInterest(int old, int ops) {
        sync();
    }

    /**
     * Brings the kernel in line with the interest: arms a poll for it unless the pending one
     * covers it; withdraws a pending poll that does not.
     */
    void sync() {
        IoRegistration r = registration();
        if (r == null || isCancelled() || !handle().isOpen()) {
            return;
        }
        int want = PollMasks.toPoll(interest());
        if (armedMask != 0) {
            if ((want & ~armedMask) == 0) {
                return; // the pending poll covers it: its extra events are filtered when it completes
            }
            withdraw(r);
        }
        if (want != 0) {
            short tag = nextTag();
            armedUserData = r.submit(PollRequests.pollAdd(handle().fd().intValue(), want, tag));
            armedTag = tag;
            armedMask = want;
        }
    }

    private short nextTag() {
        short t = (short) (lastTag + 1);
        if (t == PollRequests.CANCEL_TAG) {
            t++;
        }
        lastTag = t;
        return t;
    }

    /** Withdraws the pending poll, if any; its completion will be ignored. */
    private void withdraw(IoRegistration r) {
        if (armedMask != 0) {
            armedMask = 0;
            r.submit(PollRequests.cancel(armedUserData));
        }
    }

    @Override
    protected void beforeNettyCancel(IoRegistration r) {
        withdraw(r); // else the poll would hold the file until it fires, and Netty's table the registration
    }

    /** Closing, maybe on another thread: the withdrawal and Netty's cancel run on the loop thread, in order. */
    @Override
    protected void cancelForClose(IoRegistration r) {
        if (poller.isExecutorThread(Thread.currentThread())) {
            withdraw(r);
            r.cancel();
        } else {
            poller.execute(() -> {
                withdraw(r);
                r.cancel();
            });
        }
    }

    // ------------------------------------------------------------------ IoUringIoHandle (Netty's side)

    @Override
    protected void onEvent(IoEvent event) {
        IoUringIoEvent e = (IoUringIoEvent) event;
        if (e.opcode() != PollRequests.POLL_ADD || armedMask == 0 || e.userData() != armedTag) {
            return; // a cancel's own result, or a withdrawn poll's
        }
        armedMask = 0;
        int res = e.res();
        int interest = interest();
        if (res == PollRequests.CANCELED) {
            // withdrawn by the kernel, not by us: the thread that armed it ended; arm again from this one
            poller.armLater(this);
            return;
        }
        int ready = res < 0 ? interest : PollMasks.fromPoll(res, interest);
        if (ready != 0) {
            recordReady(ready);
        }
        if (interest != IoOps.NONE) {
            poller.armLater(this);
        }
    }
}
