package dev.ioasync.loop.unix;

import dev.ioasync.io.IoHandle;
import dev.ioasync.spi.IoHandleFactory;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import dev.ioasync.spi.Poller;
import dev.ioasync.spi.ReadySink;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal: a native backend's poller: drives Netty's public {@link IoHandler} API from our own
 * loop. This object is Netty's {@link ThreadAwareExecutor} (Netty hands it the odd task, such as
 * a cancel from another thread) and its {@link IoHandlerContext} (whether the poll may block, and
 * until when, comes from the core's {@code poll} argument). A backend supplies Netty's handler
 * factory, its {@link NativeHandles} and its {@link NativeWatch}es.
 *
 * <p>A poll runs queued Netty tasks, calls {@code handler.run(this)} (which only records events,
 * see {@link NativeWatch#handle}), then runs tasks queued meanwhile and reports the recorded events
 * to the core's sink: nothing of ours runs inside Netty's loop, so a throwing callback can never
 * cost Netty's one-second back-off.
 */
public abstract class NativePoller implements Poller, ThreadAwareExecutor, IoHandlerContext {

    /** Deadlines are measured from here, so that they are never negative (-1 means none to Netty). */
    private static final long ORIGIN = System.nanoTime();

    private final System.Logger log;
    private final String backend;
    private final IoHandler handler;
    private final NativeHandles handles;
    private final ReadyEvents ready = new ReadyEvents();
    private final Set<NativeWatch> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Thread loopThread;
    private volatile boolean closed;
    /** The loop thread's own buffer for copying heap buffers (see {@link #loopScratch()}); made on first use. */
    private ByteBuffer scratch;

    /** The current poll: 0 = do not block, -1 = no deadline, else nanoseconds since {@link #ORIGIN}. */
    private long pollTimeout;
    private long deadline;

    /**
     * Creates Netty's handler on this thread, which becomes the loop thread. Netty's native library
     * must be loaded first ({@code Epoll.ensureAvailability()}, {@code KQueue.ensureAvailability()}),
     * or the handles fail with {@code UnsatisfiedLinkError}.
     *
     * @param handles the backend's handle factory (its name is the backend's)
     * @param factory Netty's handler factory of the backend
     */
    // Netty's handler keeps this object and calls it back only from run(), register() and wakeup(),
    // none of which can happen before the subclass's constructor has finished.
    @SuppressWarnings("this-escape")
    protected NativePoller(NativeHandles handles, IoHandlerFactory factory) {
        this.log = System.getLogger(getClass().getName());
        this.backend = handles.backend();
        this.handles = handles;
        this.loopThread = Thread.currentThread();
        this.handler = factory.newHandler(this);
        handler.initialize();
    }

    /**
     * Makes the watch of a handle of this backend; the poller then attaches it.
     *
     * @param handle the handle, open and made by this backend
     * @param attachment what the core gets back with every event
     * @param interest the {@link IoOps} bits first wanted
     * @return the new watch, not yet attached
     */
    protected abstract NativeWatch newWatch(NativeIoHandle handle, Object attachment, int interest);

    /**
     * Called in every poll after the queued Netty tasks and before Netty's {@code run()}: the
     * place for kernel requests that must wait until the core has dispatched the previous poll's
     * events (io_uring re-arms its one-shot polls here). Does nothing by default.
     */
    protected void beforeRun() {
    }

    /**
     * Called in every poll after Netty's {@code run()} and the tasks it queued, before the recorded
     * events are reported: the place for work that must not run inside Netty's loop. Does nothing
     * by default.
     */
    protected void afterRun() {
    }

    /**
     * Called first when the poller closes, on the loop thread, before the watches are cancelled
     * and Netty's handler is torn down: the place to withdraw kernel requests of the backend's own
     * (io_uring's completion reads). Does nothing by default.
     */
    protected void beforeClose() {
    }

    /**
     * Registers a Netty handle of the backend's own (not a watch) with Netty's handler: for
     * requests whose completions a backend handles itself. Loop thread only.
     *
     * @param handle the Netty handle
     * @return Netty's registration
     * @throws IOException if Netty refuses
     */
    protected final IoRegistration registerOwn(io.netty.channel.IoHandle handle) throws IOException {
        try {
            return handler.register(handle);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(backend + " could not register " + handle, e);
        }
    }

    // ------------------------------------------------------------------ Poller

    @Override
    public final PollRegistration register(IoHandle handle, int interestOps, Object attachment) throws IOException {
        IoOps.check(interestOps);
        if (!(handle instanceof NativeIoHandle h) || !backend.equals(h.backend())) {
            throw new IllegalArgumentException("cannot watch " + handle + " on the " + backend
                    + " backend: it was made by the '" + handle.backend() + "' backend");
        }
        if (!h.isOpen()) {
            throw new IllegalArgumentException("cannot watch " + handle + ": it is closed");
        }
        ensureOpen();
        loopThread = Thread.currentThread();
        NativeWatch old = h.watch();
        if (old != null) {
            old.cancel(); // one registration per descriptor
        }
        NativeWatch w = newWatch(h, attachment, interestOps);
        w.attach();
        h.watched(w);
        live.add(w);
        return w;
    }

    @Override
    public final int poll(long timeoutNanos, ReadySink sink) throws IOException {
        ensureOpen();
        Thread current = Thread.currentThread();
        if (loopThread != current) {
            loopThread = current; // a volatile write, and a fence, only when the thread changes
        }
        runTasks();
        beforeRun();
        pollTimeout = timeoutNanos;
        deadline = timeoutNanos <= 0 ? -1 : saturatedAdd(System.nanoTime() - ORIGIN, timeoutNanos);
        try {
            handler.run(this);
        } finally {
            if (woken.get()) {
                woken.set(false); // rarely set: reading it costs no fence, writing it does
            }
        }
        runTasks();
        afterRun();
        return ready.drainTo(sink);
    }

    @Override
    public final void wakeup() {
        woken.set(true);
        if (!closed) {
            handler.wakeup();
        }
    }

    @Override
    public final IoHandleFactory handles() {
        return handles;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        loopThread = Thread.currentThread();
        beforeClose();
        for (NativeWatch w : List.copyOf(live)) {
            w.cancel(); // before prepareToDestroy, which closes every handle still registered
        }
        runTasks();
        closed = true;
        ready.clear();
        try {
            handler.prepareToDestroy();
        } finally {
            handler.destroy();
            tasks.clear();
        }
    }

    // ------------------------------------------------------------------ IoHandlerContext (Netty asks)

    @Override
    public final boolean canBlock() {
        return pollTimeout != 0 && !woken.get() && tasks.isEmpty();
    }

    @Override
    public final long delayNanos(long currentTimeNanos) {
        if (deadline < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, deadline - (currentTimeNanos - ORIGIN));
    }

    @Override
    public final long deadlineNanos() {
        return deadline;
    }

    // ------------------------------------------------------------------ ThreadAwareExecutor (Netty asks)

    @Override
    public final boolean isExecutorThread(Thread thread) {
        return thread == loopThread;
    }

    @Override
    public final void execute(Runnable task) {
        if (closed) {
            return;
        }
        tasks.add(task);
        handler.wakeup();
    }

    // ------------------------------------------------------------------ for NativeWatch

    IoRegistration nettyRegister(NativeWatch watch) throws IOException {
        try {
            return handler.register(watch);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(backend + " could not register " + watch, e);
        }
    }

    void recordReady(Object attachment, int ops) {
        ready.record(attachment, ops);
    }

    /** Records an event of {@code watch}, merged with its other event of this poll. */
    void recordMerged(NativeWatch watch, Object attachment, int ops) {
        long round = ready.round();
        if (watch.recordedRound == round) {
            ready.merge(watch.recordedSlot, ops);
        } else {
            watch.recordedRound = round;
            watch.recordedSlot = ready.record(attachment, ops);
        }
    }

    /**
     * The loop thread's own direct buffer of {@link ScratchBuffers#SIZE} bytes through which a
     * watched handle copies a heap buffer: no atomic operation and no allocation per read or
     * write, unlike the shared pool.
     *
     * @return the buffer, cleared, when called on the loop thread; else {@code null}
     */
    ByteBuffer loopScratch() {
        if (Thread.currentThread() != loopThread) {
            return null;
        }
        ByteBuffer b = scratch;
        if (b == null) {
            b = ByteBuffer.allocateDirect(ScratchBuffers.SIZE);
            scratch = b;
        }
        return b.clear();
    }

    void forget(NativeWatch watch) {
        live.remove(watch);
    }

    // ------------------------------------------------------------------ internals

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run();
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "a Netty task on the " + backend + " poller failed", e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the " + backend + " poller is closed");
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + live.size() + " watched" + (closed ? ", closed]" : "]");
    }
}
