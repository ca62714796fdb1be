package dev.ioasync.loop.iouring;

import dev.ioasync.loop.unix.NativeIoHandle;
import dev.ioasync.loop.unix.NativePoller;
import dev.ioasync.loop.unix.NativeWatch;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

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
 *
 * <p>With completion reads on ({@link #COMPLETION_PROPERTY}), a connected stream socket's READ
 * interest is served by a pending receive instead of a poll (see {@link CompletionReads}); the
 * receives to submit and the buffered bytes to report again are handled at the start of each poll,
 * and a poll that has something to report then does not block.
 */
final class IoUringPoller extends NativePoller {

    /**
     * The system property that turns completion reads on ({@code true}; off by default); read
     * when a poller is made.
     */
    static final String COMPLETION_PROPERTY = "ioasync.io_uring.completion";

    private final List<IoUringWatch> toArm = new ArrayList<>();
    private final List<CompletionReads> toPrepare = new ArrayList<>();
    private final Set<CompletionReads> reading = Collections.newSetFromMap(new IdentityHashMap<>());
    private final RecvBuffers recvBuffers = new RecvBuffers();
    private final boolean completionReads;

    IoUringPoller() {
        this(completionReadsByDefault());
    }

    IoUringPoller(boolean completionReads) {
        super(new IoUringHandles(completionReads), loadedFactory());
        this.completionReads = completionReads;
    }

    /**
     * {@return whether completion reads are on: only when {@link #COMPLETION_PROPERTY} is
     * {@code true}} Off by default until a benchmark on a quiet machine shows them faster (see
     * docs/io_uring.md).
     */
    static boolean completionReadsByDefault() {
        return Boolean.parseBoolean(System.getProperty(COMPLETION_PROPERTY, "false"));
    }

    /** {@return whether this poller reads connected stream sockets by completion} */
    boolean completionReads() {
        return completionReads;
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

    /**
     * Arms again the watches whose poll completed in the previous poll, submits the receives of
     * completion reads and reports their bytes not yet read (then the poll must not block).
     */
    @Override
    protected void beforeRun() {
        if (!toArm.isEmpty()) {
            for (IoUringWatch w : toArm) {
                w.armQueued = false;
                w.sync();
            }
            toArm.clear();
        }
        if (!toPrepare.isEmpty()) {
            boolean reported = false;
            for (int i = 0; i < toPrepare.size(); i++) {
                reported |= toPrepare.get(i).prepare();
            }
            toPrepare.clear();
            if (reported) {
                wakeup(); // on the loop thread only a flag: the coming run() does not block
            }
        }
    }

    /** Withdraws every pending receive before Netty's teardown (which would wait for them). */
    @Override
    protected void beforeClose() {
        for (CompletionReads c : List.copyOf(reading)) {
            c.detach();
        }
        toPrepare.clear();
    }

    /** Queues {@code reads} to be prepared at the start of the next poll. */
    void prepareLater(CompletionReads reads) {
        toPrepare.add(reads);
    }

    /** Registers the Netty handle of a socket's completion reads. */
    IoRegistration registerCompletions(CompletionReads reads) throws IOException {
        return registerOwn(reads);
    }

    void adopt(CompletionReads reads) {
        reading.add(reads);
    }

    void forget(CompletionReads reads) {
        reading.remove(reads);
    }

    /** {@return the buffers that receives go into} */
    RecvBuffers recvBuffers() {
        return recvBuffers;
    }

    /** {@return how many sockets read by completion on this poller} (for tests) */
    int completionReaders() {
        return reading.size();
    }

    /** Queues {@code watch} to be armed again before the next {@code run()}. */
    void armLater(IoUringWatch watch) {
        if (!watch.armQueued) {
            watch.armQueued = true;
            toArm.add(watch);
        }
    }
}
