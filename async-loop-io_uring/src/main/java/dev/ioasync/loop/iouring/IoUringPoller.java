package dev.ioasync.loop.iouring;

import dev.ioasync.loop.unix.NativeHandles;
import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativePoller;
import dev.ioasync.loop.unix.NativeWatch;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code io_uring} backend's poller: the shared {@link NativePoller} over Netty's
 * {@link IoUringIoHandler}, plus re-arming: a watch whose one-shot poll completed is armed again
 * at the start of the next poll, after the core has dispatched the event (so that data the
 * callback read is not reported twice), see {@link IoUringWatch#sync()}.
 *
 * <p>The ring is made without {@code IORING_SETUP_SINGLE_ISSUER} and entered with its plain
 * descriptor (see {@link AnyThreadRing}): a loop may be created on one thread and run on another,
 * and a single-issuer ring, or one entered through a thread's registered-ring index, refuses every
 * other thread.
 */
final class IoUringPoller extends NativePoller {

    private final List<IoUringWatch> toArm = new ArrayList<>();

    IoUringPoller() {
        // Linux spreads connections over SO_REUSEPORT listeners
        super(new NativeHandles(IoUringLoopProvider.NAME, PlainSockets::stream, PlainSockets::datagram,
                PlainSockets::accepted, true), loadedFactory());
    }

    /** Netty's natives must be loaded before {@code Socket} or {@code FileDescriptor} is touched. */
    private static IoHandlerFactory loadedFactory() {
        IoUring.ensureAvailability();
        return AnyThreadRing.wrap(IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setSingleIssuer(false)));
    }

    @Override
    protected NativeWatch newWatch(NativeIoHandle handle, Object attachment, int interest) {
        return new IoUringWatch(this, handle, attachment, interest);
    }

    /** Arms again the watches whose poll completed in the previous poll. */
    @Override
    protected void beforeRun() {
        if (!toArm.isEmpty()) {
            for (IoUringWatch w : toArm) {
                w.armQueued = false;
                w.sync();
            }
            toArm.clear();
        }
    }

    /** Queues {@code watch} to be armed again before the next {@code run()}. */
    void armLater(IoUringWatch watch) {
        if (!watch.armQueued) {
            watch.armQueued = true;
            toArm.add(watch);
        }
    }
}
