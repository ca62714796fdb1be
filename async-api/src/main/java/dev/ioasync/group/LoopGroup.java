package dev.ioasync.group;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Handle;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * N loops on N platform threads: a loop per core, with the connections of a server spread
 * across them (Netty's event loop group; IO::Async has one loop per process, and a loop inside a
 * group behaves exactly as an IO::Async loop alone).
 *
 * <p>Loop {@code i} runs on its own thread, named {@code ioasync-loop-i} unless the
 * {@linkplain LoopGroupBuilder#threadNamePrefix prefix} is changed, started by the group. Every
 * stream, timer, watch and coro lives on one loop for its whole life; to work on a loop from
 * elsewhere, go through {@link Loop#later}, {@link #execute} or {@link #submit}; to wait on
 * another loop's future, use {@link LoopFutures#on}.
 *
 * <pre>{@code
 * try (LoopGroup group = LoopGroup.create()) {
 *     GroupListener server = group.listen("0.0.0.0", 7, stream -> stream.onRead((s, buf, eof) -> {
 *         s.write(buf.takeAll());               // runs on the loop that owns s
 *         if (eof) s.closeWhenEmpty();
 *         return ReadResult.WAIT;
 *     })).get();
 *     ...
 *     group.shutdownGracefully(Duration.ofMillis(100), Duration.ofSeconds(10)).join();
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * Running from {@link LoopGroupBuilder#build()}; {@link #shutdownGracefully} stops accepting,
 * lets streams write out what they queued, then closes; {@link #close()} closes at once. Once
 * closed, every loop has closed its handles (streams, listeners) and itself, and its thread has
 * ended; {@link #terminationFuture()} completes then.
 *
 * <p>Thread-safe: every method may be called from any thread, also from a loop of the group.
 */
public final class LoopGroup implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LoopGroup.class.getName());

    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int CLOSED = 2;

    private final List<Loop> loops;
    private final Thread[] threads;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger aliveThreads;
    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private final List<GroupListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final boolean reusePort;
    private volatile boolean stopRequested;

    private LoopGroup(Loop[] loops, Thread[] threads, boolean reusePort) {
        this.loops = List.of(loops);
        this.threads = threads;
        this.reusePort = reusePort;
        this.aliveThreads = new AtomicInteger(threads.length);
    }

    // ------------------------------------------------------------------ construction

    /**
     * A group of one loop per available processor on the backend {@link Loop#create()} would
     * choose.
     *
     * @return the running group
     * @throws dev.ioasync.BackendUnavailableException when the backend cannot run here
     */
    public static LoopGroup create() {
        return builder().build();
    }

    /**
     * A group of {@code n} loops on the backend {@link Loop#create()} would choose.
     *
     * @param n how many loops, at least 1
     * @return the running group
     * @throws IllegalArgumentException when {@code n} is less than 1
     */
    public static LoopGroup create(int n) {
        return builder().loops(n).build();
    }

    /** {@return a builder for a group with a chosen size, backend, thread names, clock or error handler} */
    public static LoopGroupBuilder builder() {
        return new LoopGroupBuilder();
    }

    static LoopGroup start(LoopGroupBuilder b) {
        int n = b.count();
        Loop[] opened = new Loop[n];
        RuntimeException[] failures = new RuntimeException[n];
        Thread[] threads = new Thread[n];
        CountDownLatch open = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        LoopGroup[] self = new LoopGroup[1];
        for (int i = 0; i < n; i++) {
            int index = i;
            threads[i] = new Thread(() -> {
                Loop loop;
                try {
                    loop = b.openLoop();
                } catch (RuntimeException e) {
                    failures[index] = e;
                    open.countDown();
                    return;
                }
                opened[index] = loop;
                open.countDown();
                awaitUninterruptibly(go);
                if (self[0] == null) {
                    loop.close(); // another loop failed to open: the group never started
                    return;
                }
                self[0].runLoop(loop);
            }, b.threadPrefix() + i);
            threads[i].setDaemon(b.daemon());
            threads[i].start();
        }
        awaitUninterruptibly(open);
        for (RuntimeException failure : failures) {
            if (failure != null) {
                go.countDown();
                throw failure;
            }
        }
        self[0] = new LoopGroup(opened, threads, b.reusePort());
        go.countDown();
        return self[0];
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The body of a loop's thread: runs it until the group closes, then closes its handles and it. */
    private void runLoop(Loop loop) {
        try {
            while (!stopRequested) {
                loop.run();
            }
        } finally {
            try {
                for (Handle h : handlesOf(loop)) {
                    try {
                        h.close();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, () -> "closing " + h + " failed", e);
                    }
                }
                loop.close();
            } finally {
                if (aliveThreads.decrementAndGet() == 0) {
                    terminated.complete(null);
                }
            }
        }
    }

    // ------------------------------------------------------------------ the loops

    /** {@return the loops, loop {@code i} on thread {@code ioasync-loop-i}} */
    public List<Loop> loops() {
        return loops;
    }

    /** {@return how many loops the group has} */
    public int size() {
        return loops.size();
    }

    /** {@return the next loop, round robin} */
    public Loop next() {
        return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    }

    /**
     * {@return the loop of the group that runs on the calling thread, or {@code null} when the
     *     caller is not on a thread of this group}
     */
    public Loop currentLoop() {
        for (Loop l : loops) {
            if (l.inLoopThread()) {
                return l;
            }
        }
        return null;
    }

    /** {@return whether the group is closed or closing ({@link #close()} was called)} */
    public boolean isClosed() {
        return state.get() == CLOSED;
    }

    /** {@return whether {@link #shutdownGracefully} or {@link #close()} was called} */
    public boolean isShuttingDown() {
        return state.get() != RUNNING;
    }

    // ------------------------------------------------------------------ work

    /**
     * Runs {@code code} on the next loop (round robin), through its {@link Loop#later}.
     *
     * @param code what to run; an exception it throws goes to that loop's error handler
     * @throws RejectedExecutionException when the group is shutting down or closed
     */
    public void execute(Runnable code) {
        Objects.requireNonNull(code, "code");
        if (state.get() != RUNNING) {
            throw new RejectedExecutionException(this + " is shutting down; execute refused");
        }
        try {
            next().later(code);
        } catch (IllegalStateException closed) {
            throw new RejectedExecutionException(this + " is closed; execute refused", closed);
        }
    }

    /**
     * Runs {@code task} on the next loop (round robin) and returns its result as a future.
     *
     * <p>Called on a loop thread of this group, the future is bound to the caller's loop and
     * completed there, so its callbacks run on the caller's thread. Called from any other thread,
     * it is bound to the loop that ran the task and completed on that loop's thread (its
     * {@code get()} blocks the caller; convert with {@link Future#toCompletableFuture()} if
     * preferred).
     *
     * <p>The future fails with what {@code task} threw; with category {@code shutdown} when the
     * group is shutting down or closed before the task ran or its result was delivered.
     * Cancelling it before the task started means the task does not run.
     *
     * @param task the task
     * @param <T> the result's type
     * @return the result
     */
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return callOn(next(), () -> Future.doneFuture(task.call()));
    }

    /**
     * Listens on the first address {@code host} resolves to and spreads the connections over
     * the loops (see {@link GroupListener}): with a listening socket per loop bound with
     * {@code SO_REUSEPORT} where the backend has it (Linux: epoll, io_uring, select) and the
     * group has two loops or more, else with one acceptor handing sockets to the loops round
     * robin. {@code onStream} runs on the thread of the loop that got the connection. The future
     * follows {@link #submit}'s thread rules.
     *
     * @param host a host name or numeric address; {@code null} or empty for all addresses
     * @param port the port, 0 for any free port
     * @param onStream receives each connection as a stream of its loop
     * @return the listener; fails with category {@code resolve} or {@code listen} as
     *     {@link Loop#listen} does, or {@code shutdown}
     */
    public Future<GroupListener> listen(String host, int port, Consumer<Stream> onStream) {
        return listen(host, port, null, onStream);
    }

    /**
     * Listens as {@link #listen(String, int, Consumer)} with every connection speaking TLS
     * ({@link Listener#tls}): the handshake runs on the loop that got the connection, and
     * {@code onStream} gets the TLS stream. A failed handshake closes the connection and is
     * logged.
     *
     * @param host a host name or numeric address; {@code null} or empty for all addresses
     * @param port the port, 0 for any free port
     * @param tls the TLS options, or {@code null} for plain connections
     * @param onStream receives each connection as a stream of its loop
     * @return the listener
     */
    public Future<GroupListener> listen(String host, int port, TlsOptions tls, Consumer<Stream> onStream) {
        Objects.requireNonNull(onStream, "onStream");
        Loop acceptor = next();
        return callOn(acceptor, () -> {
            String why = handOffReason(acceptor);
            Future<GroupListener> bound;
            if (why == null) {
                bound = listenEach(acceptor, host, port, tls, onStream);
            } else {
                GroupListener g = new GroupListener(this, GroupListener.Mode.HAND_OFF, acceptor, onStream, tls);
                bound = acceptor.listen(host, Integer.toString(port), g::bind, 0).transform(l -> g);
            }
            return bound.transform(g -> {
                listeners.add(g);
                LOG.log(System.Logger.Level.DEBUG, () -> this + " listens on " + g.localAddress() + (why == null
                        ? " with one SO_REUSEPORT socket per loop: the kernel spreads the connections"
                        : " with one acceptor on " + acceptor + " handing connections round robin (" + why + ")"));
                if (state.get() != RUNNING) {
                    g.close(); // the shutdown began while it was being bound
                }
                return g;
            });
        });
    }

    /** {@return why this group hands connections off from one acceptor, or null when each loop gets a socket} */
    private String handOffReason(Loop acceptor) {
        if (loops.size() == 1) {
            return "a group of one loop";
        }
        if (!reusePort) {
            return "SO_REUSEPORT turned off in the builder";
        }
        if (!acceptor.handles().supportsReusePort()) {
            return "the " + acceptor.backend() + " backend has no SO_REUSEPORT that spreads connections";
        }
        return null;
    }

    /** On {@code acceptor}'s thread: binds the port, then one more SO_REUSEPORT socket on it for each other loop. */
    private Future<GroupListener> listenEach(Loop acceptor, String host, int port, TlsOptions tls,
            Consumer<Stream> onStream) {
        return acceptor.resolve(host).then(addresses -> {
            InetSocketAddress at = new InetSocketAddress(addresses.get(0), port);
            ListenerHandle[] handles = new ListenerHandle[loops.size()];
            int first = loops.indexOf(acceptor);
            try {
                handles[first] = acceptor.handles().openListener(at, 0, true);
                SocketAddress bound = handles[first].localAddress();
                for (int i = 0; i < handles.length; i++) {
                    if (i != first) {
                        handles[i] = acceptor.handles().openListener(bound, 0, true);
                    }
                }
            } catch (IOException e) {
                for (ListenerHandle h : handles) {
                    if (h != null) {
                        GroupListener.closeQuietly(h);
                    }
                }
                return acceptor.<GroupListener>newFuture().fail("cannot listen on " + at + ": " + e.getMessage(),
                        "listen", at, e);
            }
            return new GroupListener(this, GroupListener.Mode.REUSE_PORT, acceptor, onStream, tls).bindEach(handles);
        });
    }

    /** A task that returns a future, run on a loop's thread. */
    private interface LoopTask<T> {
        Future<T> run() throws Exception;
    }

    /** Runs {@code task} on {@code target} and delivers its outcome as {@link #submit} describes. */
    private <T> Future<T> callOn(Loop target, LoopTask<T> task) {
        Loop caller = currentLoop();
        Loop home = caller != null ? caller : target;
        Future<T> result = home.newFuture();
        if (state.get() != RUNNING) {
            return result.fail(this + " is shutting down; the task was refused", "shutdown");
        }
        pending.add(result);
        result.onCancel(() -> pending.remove(result));
        Runnable body = () -> {
            if (!pending.contains(result)) {
                return; // cancelled, or failed by close()
            }
            Future<T> outcome;
            try {
                outcome = Objects.requireNonNull(task.run(), "task returned null");
            } catch (Exception e) {
                outcome = Future.failedFuture(e);
            }
            outcome.onReady(f -> deliver(f, result, caller != null && caller != target ? caller : null));
        };
        try {
            target.later(body);
        } catch (IllegalStateException closed) {
            failShutdown(result);
        }
        return result;
    }

    private <T> void deliver(Future<T> from, Future<T> to, Loop via) {
        Runnable complete = () -> {
            if (!pending.remove(to)) {
                return;
            }
            if (from.isDone()) {
                to.done(from.value());
            } else if (from.isFailed()) {
                to.fail(from.failure());
            } else {
                to.cancel();
            }
        };
        if (via == null || via.inLoopThread()) {
            complete.run();
        } else {
            try {
                via.later(complete);
            } catch (IllegalStateException closed) {
                failShutdown(to);
            }
        }
    }

    private void failShutdown(Future<?> f) {
        if (pending.remove(f)) {
            f.fail(this + " closed before the task's result was delivered", "shutdown");
        }
    }

    // ------------------------------------------------------------------ shutting down

    /**
     * {@return a future completed when every loop has closed and its thread has ended}
     * Callbacks run on the thread of the last loop to end; do not block on it on a loop thread
     * of this group.
     */
    public CompletableFuture<Void> terminationFuture() {
        return terminated;
    }

    /**
     * Shuts down without losing what was accepted for writing. In order:
     * <ol>
     * <li>at once, new {@link #execute}, {@link #submit} and {@link #listen} calls are refused;
     *     every listener of the group stops accepting (at the next iteration of its acceptor);</li>
     * <li>then every {@link Stream} of every loop (found in the notifier tree) is closed with
     *     {@link Stream#closeWhenEmpty()}: it writes out its queue and closes, and further writes
     *     fail with category {@code closed};</li>
     * <li>once a loop's streams have all closed, it waits {@code quietPeriod} more (for
     *     {@code later} calls and timers of the last callbacks);</li>
     * <li>when every loop got there, or at the latest after {@code timeout} from the start of
     *     step 2 on each loop's clock, the group {@link #close() closes} (what has not drained by
     *     then is closed at once).</li>
     * </ol>
     * Submitted tasks that have not finished by then fail with category {@code shutdown}.
     * Calling it again, or after {@code close}, returns the same future.
     *
     * <p>It returns a {@link CompletableFuture} rather than a loop-bound {@link Future} because
     * the loops it would be bound to are the ones closing: join it off the group's threads, or
     * convert it with {@link Future#fromCompletionStage} on a loop outside the group.
     *
     * @param quietPeriod how long a drained loop goes on running before it closes
     * @param timeout the most the streams are given to drain
     * @return {@link #terminationFuture()}
     */
    public CompletableFuture<Void> shutdownGracefully(Duration quietPeriod, Duration timeout) {
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(timeout, "timeout");
        if (quietPeriod.isNegative() || timeout.isNegative()) {
            throw new IllegalArgumentException("quiet period and timeout must not be negative: "
                    + quietPeriod + ", " + timeout);
        }
        if (!state.compareAndSet(RUNNING, SHUTTING_DOWN)) {
            return terminated;
        }
        new GracefulShutdown(this, quietPeriod, timeout).begin();
        return terminated;
    }

    List<GroupListener> listeners() {
        return listeners;
    }

    /**
     * Closes at once: submitted tasks still pending fail with category {@code shutdown} (their
     * callbacks run on the calling thread), every loop stops, closes its streams, listeners and
     * other handles without writing out their queues, and closes; the threads end. Called off
     * the group's threads it waits for them to end; called on one of them it returns at once
     * (see {@link #terminationFuture()}). Idempotent.
     */
    @Override
    public void close() {
        if (state.getAndSet(CLOSED) != CLOSED) {
            stopRequested = true;
            for (Future<?> f : List.copyOf(pending)) {
                failShutdown(f);
            }
            for (Loop l : loops) {
                try {
                    l.stop();
                } catch (IllegalStateException closed) {
                    // its thread already ended
                }
            }
        }
        if (currentLoop() == null) {
            awaitThreads();
        }
    }

    private void awaitThreads() {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive() && t != Thread.currentThread()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every stream in the notifier tree of {@code loop}; on its thread. */
    static List<Stream> streamsOf(Loop loop) {
        List<Stream> out = new ArrayList<>();
        for (Handle h : handlesOf(loop)) {
            if (h instanceof Stream s) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Handle> handlesOf(Loop loop) {
        List<Handle> out = new ArrayList<>();
        ArrayList<Notifier> todo = new ArrayList<>(loop.notifiers());
        while (!todo.isEmpty()) {
            Notifier n = todo.remove(todo.size() - 1);
            todo.addAll(n.children());
            if (n instanceof Handle h && !h.isClosed()) {
                out.add(h);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "LoopGroup[" + loops.size() + " x " + loops.get(0).backend()
                + (state.get() == RUNNING ? "" : state.get() == SHUTTING_DOWN ? ", shutting down" : ", closed") + "]";
    }
}
