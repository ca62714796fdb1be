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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
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
 * and a poll that has something to report then does not block. Likewise the sends of completion
 * writes ({@link CompletionWrites}): submitted at the start of a poll, their completion reported as
 * WRITE-ready.
 */
final class IoUringPoller extends NativePoller {

    /**
     * The system property that turns completion reads and writes on ({@code true}; off by
     * default); read when a poller is made.
     */
    static final String COMPLETION_PROPERTY = "ioasync.io_uring.completion";

    private final List<IoUringWatch> toArm = new ArrayList<>();
    private final List<CompletionReads> toPrepare = new ArrayList<>();
    private final Set<CompletionReads> reading = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<CompletionWrites> toSend = new ArrayList<>();
    private final Set<CompletionWrites> writing = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Spare msghdr-and-iovec blocks of gathering sends (at most {@link #MAX_SPARE_BLOCKS}, about 1 MiB). */
    private final ArrayDeque<ByteBuffer> messageBlocks = new ArrayDeque<>();
    private final RecvBuffers recvBuffers = new RecvBuffers();
    /** Enough for 1,000 connections' gathering sends in flight at once: once warm, no block is allocated. */
    private static final int MAX_SPARE_BLOCKS = 1024;
    private final boolean completionReads;
    private final boolean completionWrites;

    IoUringPoller() {
        this(completionReadsByDefault());
    }

    IoUringPoller(boolean completionReads) {
        this(completionReads, Boolean.parseBoolean(System.getProperty(COMPLETION_WRITES_PROPERTY, "false")));
    }

    /** A poller that reads, and with them writes, by completion or not (writes only with reads). */
    IoUringPoller(boolean completionReads, boolean completionWrites) {
        super(new IoUringHandles(completionReads), loadedFactory());
        this.completionReads = completionReads;
        this.completionWrites = completionReads && completionWrites;
    }

    /**
     * {@return whether completion reads are on: only when {@link #COMPLETION_PROPERTY} is
     * {@code true}} Off by default until a benchmark on a quiet machine shows them faster (see
     * docs/io_uring.md). The same switch turns completion writes on.
     */
    static boolean completionReadsByDefault() {
        return Boolean.parseBoolean(System.getProperty(COMPLETION_PROPERTY, "false"));
    }

    /**
     * The system property that, with completion reads on, turns completion writes on too
     * ({@code true}; off by default: an interleaved A/B did not show them faster, see
     * docs/io_uring.md); read when a poller is made.
     */
    static final String COMPLETION_WRITES_PROPERTY = "ioasync.io_uring.completion.writes";

    /** {@return whether this poller lets streams hand their writes over to be sent by completion} */
    boolean completionWrites() {
        return completionWrites;
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
        boolean reported = false;
        if (!toPrepare.isEmpty()) {
            for (int i = 0; i < toPrepare.size(); i++) {
                reported |= toPrepare.get(i).prepare();
            }
            toPrepare.clear();
        }
        if (!toSend.isEmpty()) {
            for (int i = 0; i < toSend.size(); i++) {
                reported |= toSend.get(i).prepare();
            }
            toSend.clear();
        }
        if (reported) {
            wakeup(); // on the loop thread only a flag: the coming run() does not block
        }
    }

    /** Withdraws every pending receive before Netty's teardown (which would wait for them). */
    @Override
    protected void beforeClose() {
        for (CompletionReads c : List.copyOf(reading)) {
            c.detach();
        }
        toPrepare.clear();
        for (CompletionWrites c : List.copyOf(writing)) {
            c.detach();
        }
        toSend.clear();
    }

    /** Queues {@code reads} to be prepared at the start of the next poll. */
    void prepareLater(CompletionReads reads) {
        toPrepare.add(reads);
    }

    /** Registers the Netty handle of a socket's completion reads or writes. */
    IoRegistration registerCompletions(SocketCompletions completions) throws IOException {
        return registerOwn(completions);
    }

    /** Queues {@code writes} to submit its send, or report its completion, at the start of the next poll. */
    void sendLater(CompletionWrites writes) {
        toSend.add(writes);
    }

    void adopt(CompletionWrites writes) {
        writing.add(writes);
    }

    void forget(CompletionWrites writes) {
        writing.remove(writes);
    }

    /** {@return a direct block for a {@code struct msghdr} and {@link CompletionWrites#MAX_IOV} iovecs} */
    ByteBuffer takeMessageBlock() {
        ByteBuffer b = messageBlocks.poll();
        return b != null ? b : ByteBuffer.allocateDirect(56 + 16 * CompletionWrites.MAX_IOV).order(ByteOrder.nativeOrder());
    }

    /** Gives back a block from {@link #takeMessageBlock()}; the kernel no longer reads it. */
    void giveMessageBlock(ByteBuffer b) {
        if (messageBlocks.size() < MAX_SPARE_BLOCKS) {
            messageBlocks.add(b);
        }
    }

    /** {@return how many sockets write by completion on this poller} (for tests) */
    int completionWriters() {
        return writing.size();
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
