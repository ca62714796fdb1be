package dev.ioasync.loop.kqueue;

import dev.ioasync.io.IoHandle;
import dev.ioasync.spi.IoHandleFactory;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import dev.ioasync.spi.Poller;
import dev.ioasync.spi.ReadySink;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code kqueue} backend's poller: drives Netty's public {@link IoHandler} API from our own
 * loop. This object is Netty's {@link ThreadAwareExecutor} (Netty hands it the odd task, such as
 * a cancel from another thread) and its {@link IoHandlerContext} (whether the poll may block, and
 * until when, comes from the core's {@code poll} argument).
 *
 * <p>A poll runs queued Netty tasks, calls {@code handler.run(this)} (which only records events,
 * see {@link KQueueWatch#handle}), then runs tasks queued meanwhile and reports the recorded events
 * to the core's sink: nothing of ours runs inside Netty's loop, so a throwing callback can never
 * cost Netty's one-second back-off.
 */
final class KQueuePoller implements Poller, ThreadAwareExecutor, IoHandlerContext {

    private static final System.Logger LOG = System.getLogger(KQueuePoller.class.getName());
    /** Deadlines are measured from here, so that they are never negative (-1 means none to Netty). */
    private static final long ORIGIN = System.nanoTime();

    private final IoHandler handler;
    private final KQueueHandles handles = new KQueueHandles();
    private final ReadyEvents ready = new ReadyEvents();
    private final Set<KQueueWatch> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Thread loopThread;
    private volatile boolean closed;

    /** The current poll: 0 = do not block, -1 = no deadline, else nanoseconds since {@link #ORIGIN}. */
    private long pollTimeout;
    private long deadline;

    KQueuePoller() {
        KQueue.ensureAvailability();
        this.loopThread = Thread.currentThread();
        this.handler = KQueueIoHandler.newFactory().newHandler(this);
        handler.initialize();
    }

    // ------------------------------------------------------------------ Poller

    @Override
    public PollRegistration register(IoHandle handle, int interestOps, Object attachment) throws IOException {
        IoOps.check(interestOps);
        if (!(handle instanceof NativeIoHandle h)) {
            throw new IllegalArgumentException("cannot watch " + handle + " on the kqueue backend: it was made by the '"
                    + handle.backend() + "' backend");
        }
        if (!h.isOpen()) {
            throw new IllegalArgumentException("cannot watch " + handle + ": it is closed");
        }
        ensureOpen();
        loopThread = Thread.currentThread();
        KQueueWatch old = h.watch();
        if (old != null) {
            old.cancel(); // one registration per descriptor
        }
        KQueueWatch w = new KQueueWatch(this, h, attachment, interestOps);
        w.attach();
        h.watched(w);
        live.add(w);
        return w;
    }

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        ensureOpen();
        loopThread = Thread.currentThread();
        runTasks();
        pollTimeout = timeoutNanos;
        deadline = timeoutNanos <= 0 ? -1 : saturatedAdd(System.nanoTime() - ORIGIN, timeoutNanos);
        try {
            handler.run(this);
        } finally {
            woken.set(false);
        }
        runTasks();
        return ready.drainTo(sink);
    }

    @Override
    public void wakeup() {
        woken.set(true);
        if (!closed) {
            handler.wakeup();
        }
    }

    @Override
    public IoHandleFactory handles() {
        return handles;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        loopThread = Thread.currentThread();
        for (KQueueWatch w : List.copyOf(live)) {
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
    public boolean canBlock() {
        return pollTimeout != 0 && !woken.get() && tasks.isEmpty();
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
        if (deadline < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, deadline - (currentTimeNanos - ORIGIN));
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }

    // ------------------------------------------------------------------ ThreadAwareExecutor (Netty asks)

    @Override
    public boolean isExecutorThread(Thread thread) {
        return thread == loopThread;
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            return;
        }
        tasks.add(task);
        handler.wakeup();
    }

    // ------------------------------------------------------------------ for KQueueWatch

    IoRegistration nettyRegister(KQueueWatch watch) throws IOException {
        try {
            return handler.register(watch);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("kqueue could not register " + watch, e);
        }
    }

    /** Records an event of {@code watch}, merged with its other filter's event of this poll. */
    void recordReady(KQueueWatch watch, int ops) {
        long round = ready.round();
        if (watch.recordedRound == round) {
            ready.merge(watch.recordedSlot, ops);
        } else {
            watch.recordedRound = round;
            watch.recordedSlot = ready.record(watch.attachment(), ops);
        }
    }

    void forget(KQueueWatch watch) {
        live.remove(watch);
    }

    // ------------------------------------------------------------------ internals

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a Netty task on the kqueue poller failed", e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the kqueue poller is closed");
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String toString() {
        return "KQueuePoller[" + live.size() + " watched" + (closed ? ", closed]" : "]");
    }
}
