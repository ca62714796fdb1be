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
 * whose registration carries at most two pending one-shot {@code POLL_ADD}s, one for reading and
 * one for writing (as Netty's own channels do).
 *
 * <p>Level-triggered like epoll: when a poll completes its events are recorded (a read and a
 * write completion of one poll are merged into one report), and it is armed again before the
 * next {@code run()} if still wanted (see {@link IoUringPoller#beforeRun()}); if the callback left
 * data unread, the new poll completes at once and the handle is reported again. A change of
 * interest never withdraws a poll: a poll no longer wanted stays pending, and when it completes its
 * events are filtered by the interest of that moment and it is not armed again (so a paused,
 * hung-up handle never spins); a poll wanted again that is still pending is simply kept. No
 * cancellation, so no completion that wakes the loop for nothing.
 *
 * <p>A pending poll holds a reference to the descriptor's file: closing the descriptor does not
 * end it (a socket would not even be shut down). So cancelling the watch, or closing its handle,
 * withdraws the pending polls with {@code ASYNC_CANCEL} before Netty's registration goes; they
 * complete later with {@code -ECANCELED}, which is ignored (as is any completion whose tag is not
 * that of a pending poll). Loop thread only, except closing.
 */
final class IoUringWatch extends NativeWatch implements IoUringIoHandle {

    private static final int READING = 0;
    private static final int WRITING = 1;
    private static final int[] OPS = {IoOps.READ, IoOps.WRITE};

    private final IoUringPoller poller;
    /** Per slot (reading, writing): whether a poll is pending, its tag, Netty's user data for it. */
    private final boolean[] pending = new boolean[2];
    private final short[] tags = new short[2];
    private final long[] userData = new long[2];
    private short lastTag;
    /** Whether the poller has this watch in its list to arm before the next run. */
    boolean armQueued;
    /** The socket's completion reads when they serve READ interest instead of a poll; else {@code null}. */
    private CompletionReads reads;
    /** Whether this watch reads by readiness for good (another loop reads the socket by completion). */
    private boolean noCompletionReads;

    IoUringWatch(IoUringPoller poller, NativeIoHandle handle, Object attachment, int interest) {
        super(poller, handle, attachment, interest);
        this.poller = poller;
    }

    /** Registers with Netty and arms the first polls (Netty's submit never fails at once: errors come as completions). */
    @Override
    protected void attach() throws java.io.IOException {
        registration(registerWithNetty());
        if (handle() instanceof IoUringSocketHandle s && poller.completionWrites()) {
            s.writesWatchedBy(this, null); // its stream may hand writes over (CompletionWrites)
        }
        sync();
    }

    /** {@return the poller of this watch} */
    IoUringPoller iouringPoller() {
        return poller;
    }

    /** Reports WRITE-ready for the completion writes (a send completed). */
    void reportWrite() {
        recordReadyMerged(IoOps.WRITE);
    }

    /** Starts completion reads when the handle is a connected socket of this backend (once connected, if watched while connecting). */
    private void startCompletionReads() {
        if (handle() instanceof IoUringSocketHandle s && s.isConnected() && poller.completionReads()) {
            try {
                reads = s.completionReads(poller);
            } catch (java.io.IOException | RuntimeException e) {
                reads = null; // Netty refused a registration: watch by readiness
            }
            if (reads != null) {
                reads.watchedBy(this);
            } else {
                noCompletionReads = true;
            }
        }
    }

    /** Reports READ-ready for the completion reads (their bytes, end of stream or error wait). */
    void reportRead() {
        recordReadyMerged(IoOps.READ);
    }

    /** On the loop thread the completion reads forget this watch; a close on another thread detaches them on the loop. */
    @Override
    protected void released() {
        if (handle() instanceof IoUringSocketHandle s && poller.isExecutorThread(Thread.currentThread())) {
            s.writesWatchedBy(null, this);
        }
        CompletionReads c = reads;
        if (c != null && poller.isExecutorThread(Thread.currentThread())) {
            reads = null;
            c.watchedBy(null);
        }
    }

    @Override
    protected void changeInterest(int old, int ops) {
        sync();
    }

    /** Arms a poll for each wanted direction that has none pending. */
    void sync() {
        IoRegistration r = registration();
        if (r == null || isCancelled() || !handle().isOpen()) {
            return;
        }
        int interest = interest();
        if (reads == null && !noCompletionReads && (interest & IoOps.READ) != 0 && !pending[READING]) {
            startCompletionReads();
        }
        int first = READING;
        if (reads != null) {
            first = WRITING; // READ is served by a pending receive
            if ((interest & IoOps.READ) != 0) {
                reads.wanted();
            }
        }
        boolean sending = false;
        if ((interest & IoOps.WRITE) != 0 && handle() instanceof IoUringSocketHandle s) {
            sending = s.sendingOn(poller); // WRITE is served by the send's completion
            s.writeWanted(poller);
        }
        for (int slot = first; slot <= WRITING; slot++) {
            if (slot == WRITING && sending) {
                continue;
            }
            if ((interest & OPS[slot]) != 0 && !pending[slot]) {
                short tag = nextTag();
                userData[slot] = r.submit(PollRequests.pollAdd(handle().fd().intValue(), PollMasks.toPoll(OPS[slot]), tag));
                tags[slot] = tag;
                pending[slot] = true;
            }
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

    /** Withdraws the pending polls; their completions will be ignored. */
    private void withdraw(IoRegistration r) {
        for (int slot = READING; slot <= WRITING; slot++) {
            if (pending[slot]) {
                pending[slot] = false;
                r.submit(PollRequests.cancel(userData[slot]));
            }
        }
    }

    @Override
    protected void beforeNettyCancel(IoRegistration r) {
        withdraw(r); // else a poll would hold the file until it fires, and Netty's table the registration
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
        if (e.opcode() != PollRequests.POLL_ADD) {
            return; // a cancel's own result
        }
        int slot = slotOf(e.userData());
        if (slot < 0) {
            return; // a withdrawn poll's
        }
        pending[slot] = false;
        int res = e.res();
        int interest = interest();
        boolean wanted = (interest & OPS[slot]) != 0;
        if (res == PollRequests.CANCELED) {
            // withdrawn, but not by us (the kernel, on exec): arm it again rather than report it
            if (wanted) {
                poller.armLater(this);
            }
            return;
        }
        int ready = res < 0 ? interest & OPS[slot] : PollMasks.fromPoll(res, interest);
        if (ready != 0) {
            recordReadyMerged(ready);
        }
        if (wanted) {
            poller.armLater(this);
        }
    }

    /** {@return the slot whose pending poll has this tag, or -1} */
    private int slotOf(long tag) {
        for (int slot = READING; slot <= WRITING; slot++) {
            if (pending[slot] && tags[slot] == tag) {
                return slot;
            }
        }
        return -1;
    }
}
