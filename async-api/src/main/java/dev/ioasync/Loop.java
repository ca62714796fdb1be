package dev.ioasync;

import dev.ioasync.io.IoHandle;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Connector;
import dev.ioasync.net.Listener;
import dev.ioasync.net.Resolver;
import dev.ioasync.spi.IoHandleFactory;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.LoopProvider;
import dev.ioasync.spi.Poller;
import dev.ioasync.spi.ReadySink;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The event loop (IO::Async::Loop): the one object a program holds. It owns the notifier tree,
 * the timers, the deferred calls, the I/O watches and the run methods, and hands the operating
 * system's multiplexing to a backend's {@link Poller}.
 *
 * <h2>Choosing a backend: the magic constructor</h2>
 * {@link #create()} takes the backend named by the system property {@code ioasync.loop}, else by
 * the environment variable {@code IO_ASYNC_LOOP} (each a comma list in order of preference),
 * else the available backend that suits this OS best ({@code epoll} on Linux, {@code kqueue} on
 * macOS and the BSDs, {@code select} everywhere). A backend that was named but cannot run is a
 * {@link BackendUnavailableException} naming it and its cause; there is no silent fallback.
 * {@link #create(String)} names the backend in code; {@link #builder()} also sets the clock and
 * the error handler.
 *
 * <h2>One iteration</h2>
 * {@link #loopOnce(Duration)} polls for I/O (not waiting at all when deferred calls are queued,
 * and no longer than the first timer), runs the callbacks of ready handles, fires the timers that
 * are due (equal deadlines in the order they were set), then runs the {@link #later} calls that
 * were queued before this step began; calls queued meanwhile wait for the next iteration.
 *
 * <h2>Thread rules</h2>
 * A loop is confined to one thread: the thread that created it, until a {@code run} or
 * {@code loopOnce} on another thread takes it over while it is idle. Only {@link #later},
 * {@link #stop} and {@link #wakeup()} may be called from other threads; they wake a loop that is
 * blocked in its poll. Everything else, and every callback, happens on the loop thread. Methods
 * that change loop state from another thread throw {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * A callback that throws never stops the loop: its exception goes to the notifier's error
 * handler, up the tree, and finally to {@link #errorHandler(ErrorHandler)}, whose default logs
 * the error through {@link System.Logger} and goes on (the first error of each kind with its
 * stack, later ones as one line each with a running count). IO::Async lets a dying callback
 * propagate out of {@code run}; here only a fatal JVM error does: a {@link VirtualMachineError}
 * ({@link OutOfMemoryError}, {@link StackOverflowError}, ...) thrown by any callback reaches no
 * error handler, is logged once, and is thrown out of {@link #run()}, {@link #loopOnce},
 * {@link #await} and {@link Future#get()}. The loop is left consistent: nested runs have unwound,
 * deferred calls and due timers not yet run are still queued, and the loop can run again or be
 * closed.
 *
 * <h2>Misuse</h2>
 * Every method that changes a closed loop throws an {@link IllegalStateException} saying the loop
 * is closed; methods that return a future ({@link #delay}, {@link #timeout},
 * {@link #laterFuture}, {@code connect}, {@code listen}, {@link #resolve}) return one failed with
 * category {@code closed} instead. {@link #stop} and {@link #close()} on a closed loop do nothing.
 */
public final class Loop implements AutoCloseable {

    /** The system property that names the backend(s) {@link #create()} takes: {@value}. */
    public static final String BACKEND_PROPERTY = "ioasync.loop";
    /** The environment variable read when {@link #BACKEND_PROPERTY} is unset: {@value}. */
    public static final String BACKEND_ENVIRONMENT = "IO_ASYNC_LOOP";

    private static final System.Logger LOG = System.getLogger(Loop.class.getName());
    /** The log of errors no handler took (a handler that threw, a notifier in no loop); shared by all loops. */
    private static final RepeatedErrorLog SHARED_ERROR_LOG = new RepeatedErrorLog(LOG, System.Logger.Level.WARNING);
    private static final ErrorHandler LOG_AND_CONTINUE = loggingHandler(SHARED_ERROR_LOG);

    /** The default last handler: logs the first error of each kind with its stack, later ones on one line. */
    private static ErrorHandler loggingHandler(RepeatedErrorLog log) {
        return (error, source) -> log.log("callback " + (source == null ? "" : "of " + source + " ")
                + "threw; the loop goes on", error, source);
    }

    private static final int AWAKE = 0;
    private static final int POLLING = 1;

    private final LoopProvider provider;
    private final Poller poller;
    private final Clock clock;
    private volatile ErrorHandler errorHandler;
    private final ErrorHandler defaultErrorHandler = loggingHandler(new RepeatedErrorLog(LOG, System.Logger.Level.WARNING));
    private volatile Thread owner;
    private volatile boolean closed;

    private final TimerQueue timers = new TimerQueue();
    private final ArrayDeque<Runnable> laterQueue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> remoteQueue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wakeState = new AtomicInteger(AWAKE);

    private final Map<IoHandle, IoWatch> ioWatches = new IdentityHashMap<>();

    /** Keep-alive holds not yet released (see {@link #hold(String)}). */
    private final java.util.Set<LoopHold> holds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Futures bound to this loop, made through the public constructor or {@link #newFuture()}, still
     * pending: those made or settled on another thread. The loop's own thread counts in
     * {@link #ownPendingFutures} instead, with no atomic operation (a future per call made this
     * cost as much as a contended compare-and-set: the adder shared its cache line with state other
     * threads write).
     */
    private final java.util.concurrent.atomic.LongAdder pendingFutures = new java.util.concurrent.atomic.LongAdder();
    /** The loop thread's part of the pending futures' count ({@link #pendingFutures}); written by the owner only. */
    private long ownPendingFutures;
    private static final java.lang.invoke.VarHandle OWN_PENDING;

    static {
        try {
            OWN_PENDING = java.lang.invoke.MethodHandles.lookup().findVarHandle(Loop.class, "ownPendingFutures",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Whether another thread ever queued a call on this loop or completed one of its futures. */
    private volatile boolean remoteContact;
    private Object[] readyWatches = new Object[64];
    private int[] readyOps = new int[64];
    private int readyCount;
    /** The ready list an I/O dispatch is reading, which a nested run's poll must not overwrite. */
    private Object[] dispatchingWatches;

    private final java.util.LinkedHashSet<Notifier> notifiers = new java.util.LinkedHashSet<>();
    private final ArrayDeque<RunFrame> runFrames = new ArrayDeque<>();
    private final List<Runnable> closeHooks = new ArrayList<>();
    private volatile int iterationDepth;
    private final dev.ioasync.observe.LoopObserver observer;
    private final Runnable unregisterMBean;

    /** A {@code run()} in progress; {@code stop} ends the innermost. */
    private static final class RunFrame {
        boolean stopped;
        List<Object> values = List.of();
    }

    private Loop(LoopProvider provider, Clock clock, ErrorHandler errorHandler,
            dev.ioasync.observe.ObserveOptions observe) {
        this.provider = provider;
        this.clock = clock;
        this.errorHandler = errorHandler == null ? defaultErrorHandler : errorHandler;
        this.owner = Thread.currentThread();
        this.observer = new dev.ioasync.observe.LoopObserver(observe, () -> owner);
        try {
            this.poller = provider.openPoller();
        } catch (IOException e) {
            observer.onClose();
            throw new UncheckedIOException("loop backend '" + provider.name() + "' could not open its poller", e);
        }
        this.unregisterMBean = observe.jmx() ? dev.ioasync.observe.LoopJmx.register(this, observer) : () -> { };
    }

    // ------------------------------------------------------------------ construction

    /**
     * The magic constructor (IO::Async::Loop->new): a new loop on the backend chosen as the class
     * comment describes.
     *
     * @return a new loop, owned by the calling thread
     * @throws BackendUnavailableException when the named backend cannot run or none can
     */
    public static Loop create() {
        return builder().build();
    }

    /**
     * A new loop on a named backend, or the first available of a comma list.
     *
     * @param backends for example {@code "select"} or {@code "epoll,select"}
     * @return a new loop
     * @throws BackendUnavailableException naming each backend and why it cannot run
     */
    public static Loop create(String backends) {
        return builder().backend(backends).build();
    }

    /** {@return a builder for a loop with a chosen backend, clock or error handler} */
    public static LoopBuilder builder() {
        return new LoopBuilder();
    }

    /**
     * Every backend on the class path, available or not, the best for this OS first.
     *
     * @return the providers
     */
    public static List<LoopProvider> providers() {
        return Backends.all();
    }

    /**
     * The backend {@link #create()} would take now, honouring {@code -Dioasync.loop} and
     * {@code IO_ASYNC_LOOP}.
     *
     * @return the provider
     * @throws BackendUnavailableException as {@link #create()} would
     */
    public static LoopProvider chooseProvider() {
        return Backends.choose();
    }

    /**
     * Where the backend request of {@link #create()} comes from, if any.
     *
     * @return for example {@code "-Dioasync.loop=select"} or {@code "IO_ASYNC_LOOP=epoll"}; empty
     *     when neither is set and the OS default applies
     */
    public static java.util.Optional<String> backendRequest() {
        return Backends.requested() == null ? java.util.Optional.empty() : java.util.Optional.of(Backends.requestSource());
    }

    static Loop open(LoopProvider provider, Clock clock, ErrorHandler handler,
            dev.ioasync.observe.ObserveOptions observe) {
        if (!provider.isAvailable()) {
            Throwable cause = provider.unavailabilityCause().orElse(null);
            throw new BackendUnavailableException("loop backend '" + provider.name() + "' is not available here: "
                    + (cause == null ? "no cause given" : BackendUnavailableException.describe(cause)), cause);
        }
        return new Loop(provider, clock, handler, observe);
    }

    // ------------------------------------------------------------------ accessors

    /** {@return the backend's name: {@code select}, {@code epoll}, ...} */
    public String backend() {
        return provider.name();
    }

    /** {@return the backend this loop runs on} */
    public LoopProvider provider() {
        return provider;
    }

    /** {@return the loop's clock} */
    public Clock clock() {
        return clock;
    }

    /** {@return the current wall-clock time on the loop's clock (IO::Async's {@code $loop->time})} */
    public Instant time() {
        return clock.instant();
    }

    /**
     * Sets the last error handler, reached by errors no notifier handled.
     *
     * @param handler the handler, or {@code null} to restore the default, which logs through
     *     {@link System.Logger} and goes on: the first error of each kind (exception class and the
     *     line that threw it, with the source notifier's class) with its stack, later ones of that
     *     kind as one line each with a running count
     * @return this
     */
    public Loop errorHandler(ErrorHandler handler) {
        this.errorHandler = handler == null ? defaultErrorHandler : handler;
        return this;
    }

    /** {@return whether the calling thread is the loop's thread} */
    public boolean inLoopThread() {
        return Thread.currentThread() == owner;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /** {@return whether a {@code run()} is in progress} */
    public boolean isRunning() {
        return !runFrames.isEmpty();
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs the loop until {@link #stop} is called (IO::Async's {@code run}). Runs nest: a
     * {@code run} inside a callback returns at the next {@code stop}, and the outer one goes on.
     *
     * @return the values given to {@code stop}
     */
    public List<Object> run() {
        enter("run");
        RunFrame frame = new RunFrame();
        runFrames.push(frame);
        try {
            while (!frame.stopped) {
                iterate(-1);
            }
        } finally {
            runFrames.remove(frame);
            leave();
        }
        return frame.values;
    }

    /**
     * Ends the innermost {@link #run()}, which returns {@code values} (IO::Async's {@code stop}).
     * Thread-safe: from another thread the stop is queued and wakes the loop. On the loop thread
     * with no {@code run} in progress, or on a closed loop, it does nothing.
     *
     * @param values what {@code run} returns
     */
    public void stop(Object... values) {
        if (closed) {
            return;
        }
        List<Object> copy = Collections.unmodifiableList(Arrays.asList(values.clone()));
        if (inLoopThread()) {
            RunFrame frame = runFrames.peek();
            if (frame != null) {
                frame.stopped = true;
                frame.values = copy;
            }
        } else {
            later(() -> stop(copy.toArray()));
        }
    }

    /**
     * Runs one iteration, waiting at most {@code timeout} for something to happen
     * (IO::Async's {@code loop_once}).
     *
     * @param timeout how long to wait: {@link Duration#ZERO} returns at once when nothing is
     *     ready; {@code null} waits until something happens
     */
    public void loopOnce(Duration timeout) {
        long nanos = timeout == null ? -1 : saturatedNanos(timeout);
        if (nanos < -1) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        enter("loopOnce");
        try {
            iterate(nanos);
        } finally {
            leave();
        }
    }

    /** Runs one iteration, waiting until something happens. */
    public void loopOnce() {
        loopOnce(null);
    }

    /**
     * Runs the loop until {@code future} is ready (IO::Async's {@code await}).
     *
     * @param future the future to wait for
     * @param <T> its result type
     * @return {@code future}
     * @throws IllegalStateException when the loop is closed, or when nothing can complete the
     *     future, which would wait for ever (see {@link #hold(String)} and
     *     {@link #waitForeverLimit(Duration)})
     */
    public <T> Future<T> await(Future<T> future) {
        Objects.requireNonNull(future, "future");
        if (future.isReady()) {
            return future;
        }
        future.onReady(f -> wakeup()); // another thread may complete it while the loop polls
        enter("await");
        try {
            long idleSince = 0;
            boolean idle = false;
            while (!future.isReady()) {
                long limit = waitForeverLimitNanos;
                if (limit > 0 && nothingCanComplete(future)) {
                    long now = System.nanoTime();
                    if (!idle) {
                        idle = true;
                        idleSince = now;
                    } else if (now - idleSince >= limit) {
                        throw nothingCanCompleteError(future, limit);
                    }
                    iterate(Math.max(1, limit - (now - idleSince)));
                } else {
                    idle = false;
                    iterate(-1);
                }
            }
        } finally {
            leave();
        }
        return future;
    }

    // ------------------------------------------------------------------ keep-alive holds

    /**
     * Takes a keep-alive hold on this loop (libuv's {@code uv_ref}): code that will complete one
     * of this loop's futures, or queue a {@link #later} call, from another thread (a worker, a
     * pool, a callback of a foreign library) takes one while that work is outstanding and
     * releases it when done, after completing the future:
     *
     * <pre>{@code
     * Future<String> f = loop.newFuture();
     * LoopHold hold = loop.hold("fetching the report");
     * pool.execute(() -> {
     *     try (hold) {
     *         f.done(fetch());
     *     }
     * });
     * f.get(); // runs the loop until f is done
     * }</pre>
     *
     * <p>{@link Future#get()} and {@link #await} on the loop thread never wait for ever for a
     * future that nothing can complete: when the loop has nothing at all that could complete it
     * (no I/O watch, timer, queued {@code later} call, signal watch, notifier, which covers child
     * watches, processes and routines, no other pending future of this loop, no hold), and no
     * other thread has ever queued a call on the loop or completed one of its futures, for
     * {@link #waitForeverLimit(Duration)} (10 s by default), they throw an
     * {@link IllegalStateException} that says so instead of hanging. A hold keeps them waiting.
     * Thread-safe.
     *
     * @param reason what the hold is for, shown in messages
     * @return the hold; {@link LoopHold#close()} releases it
     * @throws IllegalStateException when the loop is closed
     */
    public LoopHold hold(String reason) {
        Objects.requireNonNull(reason, "reason");
        checkOpen("hold");
        LoopHold h = new LoopHold(this, reason);
        holds.add(h);
        return h;
    }

    /** {@return the keep-alive holds not yet released} */
    public List<LoopHold> holds() {
        return List.copyOf(holds);
    }

    void released(LoopHold h) {
        holds.remove(h);
        wakeup();
    }

    void futureCreated() {
        if (Thread.currentThread() == owner) {
            OWN_PENDING.setRelease(this, (long) OWN_PENDING.getAcquire(this) + 1);
        } else {
            pendingFutures.increment();
        }
    }

    void futureSettled(boolean counted) {
        boolean own = Thread.currentThread() == owner;
        if (counted) {
            if (own) {
                OWN_PENDING.setRelease(this, (long) OWN_PENDING.getAcquire(this) - 1);
            } else {
                pendingFutures.decrement();
            }
        }
        if (!own) {
            remoteContact = true;
        }
    }

    /**
     * Throws instead of waiting for ever on a future that nothing can complete (see
     * {@link #hold(String)}). Conservative: any sign that something else is at work, now or once
     * from another thread, keeps the wait going.
     */
    private boolean nothingCanComplete(Future<?> future) {
        if (future.loop() != this || remoteContact || !holds.isEmpty() || !ioWatches.isEmpty() || !timers.isEmpty()
                || !laterQueue.isEmpty() || !remoteQueue.isEmpty() || !notifiers.isEmpty()) {
            return false;
        }
        long others = (long) OWN_PENDING.getAcquire(this) + pendingFutures.sum() - (future.countedAsPending() ? 1 : 0);
        return others <= 0 && dev.ioasync.signal.SignalDispatcher.watchCount(this) == 0;
    }

    private static IllegalStateException nothingCanCompleteError(Future<?> future, long limitNanos) {
        return new IllegalStateException("waiting for " + future + " on the loop thread would never end: nothing on "
                + "this loop can complete it (no I/O watch, timer, deferred call, signal watch, notifier, other "
                + "pending future or keep-alive hold, and no other thread reached the loop in "
                + Duration.ofNanos(limitNanos) + "); complete it first, or, when another thread completes it, "
                + "take loop.hold(reason) until that thread is done (or raise the limit: Loop.waitForeverLimit, "
                + "-D" + WAIT_FOREVER_LIMIT_PROPERTY + ")");
    }

    /** The system property that sets {@link #waitForeverLimit(Duration)} for new loops, e.g. {@code 30s}; {@code 0} turns the check off. */
    public static final String WAIT_FOREVER_LIMIT_PROPERTY = "ioasync.waitForeverLimit";

    private static final Duration DEFAULT_WAIT_FOREVER_LIMIT = Duration.ofSeconds(10);

    private volatile long waitForeverLimitNanos = initialWaitForeverLimit().toNanos();

    private static Duration initialWaitForeverLimit() {
        String v = System.getProperty(WAIT_FOREVER_LIMIT_PROPERTY);
        return v == null ? DEFAULT_WAIT_FOREVER_LIMIT
                : dev.ioasync.observe.ObserveOptions.parseDuration(v, "-D" + WAIT_FOREVER_LIMIT_PROPERTY);
    }

    /**
     * Sets how long {@link #await} and {@link Future#get()} on this loop's thread wait for a
     * future that nothing can complete (see {@link #hold(String)}) before they throw instead of
     * waiting for ever: the loop must have had nothing that could complete it, and no other
     * thread must have reached it, for that long. Default 10 s, or
     * {@value #WAIT_FOREVER_LIMIT_PROPERTY}; {@link Duration#ZERO} turns the check off.
     * Thread-safe.
     *
     * @param limit the limit, zero for none
     * @return this loop
     */
    public Loop waitForeverLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("waitForeverLimit must not be negative: " + limit);
        }
        waitForeverLimitNanos = limit.toNanos();
        return this;
    }

    /** {@return how long a wait on a future that nothing can complete lasts before it throws; zero for no limit} */
    public Duration waitForeverLimit() {
        return Duration.ofNanos(waitForeverLimitNanos);
    }

    /**
     * Makes a blocked poll return now. Thread-safe. {@link #later} and {@link #stop} do this
     * themselves.
     */
    public void wakeup() {
        if (wakeState.get() == POLLING && wakeState.getAndSet(AWAKE) == POLLING) {
            poller.wakeup();
        }
    }

    private void enter(String what) {
        if (closed) {
            throw new IllegalStateException("loop is closed; cannot " + what);
        }
        Thread me = Thread.currentThread();
        if (me != owner) {
            if (iterationDepth > 0) {
                throw new IllegalStateException(what + " called on " + me.getName() + " while the loop runs on "
                        + owner.getName() + "; use later() to reach it");
            }
            owner = me;
        }
        iterationDepth++;
    }

    private void leave() {
        iterationDepth--;
    }

    private void iterate(long timeoutNanos) {
        if (closed) {
            throw new IllegalStateException("the loop was closed by a callback while it ran; call stop() instead "
                    + "and close it after run() returns");
        }
        boolean ranQueuedCallbacks = CallbackDepth.current().beforeWait(iterationDepth == 1);
        long pollTimeout = timeoutNanos;
        if (ranQueuedCallbacks || !laterQueue.isEmpty() || !remoteQueue.isEmpty()) {
            pollTimeout = 0;
        } else {
            TimerEntry first = timers.peek();
            if (first != null) {
                long untilFirst = Math.max(0, first.deadline - clock.nanoTime());
                pollTimeout = pollTimeout < 0 ? untilFirst : Math.min(pollTimeout, untilFirst);
            }
        }
        long pollStart = observer.onPoll(pollTimeout);
        if (observer.publishDue()) {
            publishMetrics();
        }
        poll(pollTimeout);
        long polledAt = observer.onPolled(pollStart, readyCount, iterationDepth);
        dispatchIo();
        fireTimers();
        runLaters();
        observer.onIterationEnd(polledAt, iterationDepth);
    }

    private void publishMetrics() {
        observer.publish(laterQueue.size() + (remoteQueue.isEmpty() ? 0 : remoteQueue.size()), notifiers.size(),
                timers.size(), ioWatches.size());
    }

    /**
     * A snapshot of this loop's counters: iterations, time polling and running callbacks, timer
     * lateness, ready handles per poll, queued {@code later} calls, notifiers, timers, watched
     * handles, errors routed. Thread-safe and cheap: on the loop thread it is exact; on another
     * thread it is as of the loop's last publication (before each sleep, and at most every few
     * milliseconds while busy).
     *
     * @return the snapshot
     */
    public dev.ioasync.observe.LoopMetrics metrics() {
        if (Thread.currentThread() == owner && !closed) {
            publishMetrics();
        }
        return observer.snapshot();
    }

    /**
     * {@return this loop's observer: its name, watchdog threshold and the hook through which a
     * scheduler running on the loop (such as Coro) names what runs}
     */
    public dev.ioasync.observe.LoopObserver observer() {
        return observer;
    }

    private void poll(long timeoutNanos) {
        readyCount = 0;
        if (readyWatches == dispatchingWatches) { // polled by a loop run nested in an I/O callback
            readyWatches = new Object[readyWatches.length];
            readyOps = new int[readyOps.length];
        }
        try {
            if (timeoutNanos != 0) {
                wakeState.set(POLLING);
                if (!remoteQueue.isEmpty()) {
                    timeoutNanos = 0;
                }
            }
            poller.poll(timeoutNanos, recordReady);
        } catch (IOException e) {
            routeError(new UncheckedIOException("loop backend '" + provider.name() + "' poll failed", e), null);
        } finally {
            wakeState.set(AWAKE);
        }
    }

    /** {@link #recordReady(Object, int)}, bound once: a method reference made per poll would be garbage per poll. */
    private final ReadySink recordReady = this::recordReady;

    private void recordReady(Object watch, int ops) {
        if (readyCount == readyWatches.length) {
            readyWatches = Arrays.copyOf(readyWatches, readyCount * 2);
            readyOps = Arrays.copyOf(readyOps, readyCount * 2);
        }
        readyWatches[readyCount] = watch;
        readyOps[readyCount++] = ops;
    }

    /**
     * Runs the callbacks of the handles the poll found ready. A callback may run the loop nested
     * (a {@code run}, {@code await} or {@code Future.get} inside it): the nested poll then records
     * into lists of its own, so this dispatch goes on with its own. A fatal error leaves with the
     * rest of the list dropped (level-triggered readiness reports those handles again).
     */
    private void dispatchIo() {
        int n = readyCount;
        if (n == 0) {
            return;
        }
        Object[] watches = readyWatches;
        int[] ops = readyOps;
        readyCount = 0;
        Object[] outer = dispatchingWatches;
        dispatchingWatches = watches;
        int i = 0;
        try {
            for (; i < n; i++) {
                IoWatch w = (IoWatch) watches[i];
                watches[i] = null;
                int ready = ops[i];
                if ((ready & IoOps.READ) != 0 && w.active && w.onReadReady != null) {
                    invoke(w.onReadReady, null);
                }
                if ((ready & IoOps.WRITE) != 0 && w.active && w.onWriteReady != null) {
                    invoke(w.onWriteReady, null);
                }
            }
        } finally {
            dispatchingWatches = outer;
            if (i < n) {
                Arrays.fill(watches, i, n, null);
            }
        }
    }

    private void fireTimers() {
        if (timers.isEmpty()) {
            return;
        }
        long now = clock.nanoTime();
        long seqLimit = timers.nextSeq();
        TimerEntry e;
        while ((e = timers.pollDue(now, seqLimit)) != null) {
            observer.onTimerFired(now - e.deadline);
            invoke(e.action, e.source);
        }
    }

    private void runLaters() {
        Runnable r;
        while ((r = remoteQueue.poll()) != null) {
            laterQueue.add(r);
        }
        for (int n = laterQueue.size(); n > 0; n--) {
            Runnable next = laterQueue.poll();
            if (next == null) {
                break; // a nested run inside a deferred call already ran the rest
            }
            invoke(next, null);
        }
    }

    // ------------------------------------------------------------------ deferred calls

    /**
     * Runs {@code code} on the loop thread at the next iteration, never at once (IO::Async's
     * {@code later}). Thread-safe; calls run in the order they were queued, and a call queued by a
     * deferred call runs in the iteration after. From another thread it wakes a blocked poll.
     *
     * @param code the code to run
     * @throws IllegalStateException when the loop is closed
     */
    public void later(Runnable code) {
        Objects.requireNonNull(code, "code");
        checkOpen("later");
        if (Thread.currentThread() == owner) {
            laterQueue.add(code);
        } else {
            remoteContact = true;
            remoteQueue.add(code);
            if (closed && remoteQueue.remove(code)) { // close() ran meanwhile and would drop it unseen
                checkOpen("later");
            }
            wakeup();
        }
    }

    /**
     * A future that becomes done at the next iteration.
     *
     * @return the future; on a closed loop, already failed with category {@code closed}
     */
    public Future<Void> laterFuture() {
        if (closed) {
            return closedFuture("laterFuture");
        }
        Future<Void> f = new Future<>(this, false); // the deferred call keeps the loop busy
        later(() -> {
            if (!f.isReady()) {
                f.done(null);
            }
        });
        return f;
    }

    /**
     * A new pending future bound to this loop, so that its {@code get()} runs this loop
     * (IO::Async's {@code new_future}).
     *
     * @param <T> the result type
     * @return the future
     */
    public <T> Future<T> newFuture() {
        return new Future<>(this);
    }

    // ------------------------------------------------------------------ timers

    /**
     * Calls {@code code} once, after {@code delay} (IO::Async's {@code watch_time(after => ...)}).
     * Timers with equal deadlines fire in the order they were set.
     *
     * @param delay how long from now; zero fires at the next iteration
     * @param code what to run
     * @return the handle that cancels it (also {@link #unwatchTime})
     * @throws IllegalArgumentException when {@code delay} is negative
     * @throws IllegalStateException when the loop is closed, or off the loop thread
     */
    public Cancellable watchTimeAfter(Duration delay, Runnable code) {
        return schedule(afterDeadline("watchTimeAfter", delay), code, null, "watchTimeAfter");
    }

    /**
     * Calls {@code code} once, at a wall-clock time (IO::Async's {@code watch_time(at => ...)}).
     * A time in the past fires at the next iteration. Equal instants give equal deadlines (see
     * {@link #deadlineNanos(Instant)}), so timers set for the same instant fire in the order they
     * were set.
     *
     * @param at when
     * @param code what to run
     * @return the handle that cancels it
     * @throws IllegalStateException when the loop is closed, or off the loop thread
     */
    public Cancellable watchTimeAt(Instant at, Runnable code) {
        Objects.requireNonNull(at, "at");
        checkOpen("watchTimeAt");
        checkInLoopThread("watchTimeAt");
        return schedule(deadlineFor(at), code, null, "watchTimeAt");
    }

    /**
     * Calls {@code code} once, when the loop clock's {@link Clock#nanoTime()} reaches
     * {@code deadlineNanos}.
     *
     * @param deadlineNanos the deadline on the loop clock
     * @param code what to run
     * @return the handle that cancels it
     * @throws IllegalStateException when the loop is closed, or off the loop thread
     */
    public Cancellable watchTimeAtNanos(long deadlineNanos, Runnable code) {
        return schedule(deadlineNanos, code, null, "watchTimeAtNanos");
    }

    /**
     * The deadline on the loop clock ({@link Clock#nanoTime()}) that {@link #watchTimeAt} and
     * {@link dev.ioasync.timer.Absolute} use for a wall-clock time. The loop converts with one
     * fixed offset between its wall clock and its monotonic clock, measured when the loop was made
     * and measured again only when the wall clock has stepped more than 100 ms against the
     * monotonic clock; so, between steps, equal instants always give equal deadlines.
     *
     * @param at the wall-clock time
     * @return the deadline, in the past for a time in the past
     */
    public long deadlineNanos(Instant at) {
        Objects.requireNonNull(at, "at");
        return deadlineFor(at);
    }

    /**
     * Cancels a timer (IO::Async's {@code unwatch_time}). Cancelling one that fired or was
     * cancelled does nothing.
     *
     * @param timer what {@code watchTime*} returned
     */
    public void unwatchTime(Cancellable timer) {
        Objects.requireNonNull(timer, "timer");
        checkInLoopThread("unwatchTime");
        timer.cancel();
    }

    /**
     * A future that is done after {@code delay} (IO::Async's {@code delay_future}); cancelling it
     * cancels the timer.
     *
     * @param delay how long
     * @return the future; on a closed loop, already failed with category {@code closed}
     * @throws IllegalArgumentException when {@code delay} is negative
     * @throws IllegalStateException off the loop thread
     */
    public Future<Void> delay(Duration delay) {
        long deadline = afterDeadline("delay", delay);
        if (closed) {
            return closedFuture("delay");
        }
        Future<Void> f = new Future<>(this, false); // the timer keeps the loop busy
        Cancellable t = schedule(deadline, () -> {
            if (!f.isReady()) {
                f.done(null);
            }
        }, null, "delay");
        f.onCancel(t::cancel);
        return f;
    }

    /**
     * A future that fails with category {@code timeout} after {@code delay} (IO::Async's
     * {@code timeout_future}); cancelling it cancels the timer.
     *
     * @param delay how long
     * @return the future; on a closed loop, already failed with category {@code closed}
     * @throws IllegalArgumentException when {@code delay} is negative
     * @throws IllegalStateException off the loop thread
     */
    public Future<Void> timeout(Duration delay) {
        long deadline = afterDeadline("timeout", delay);
        if (closed) {
            return closedFuture("timeout");
        }
        Future<Void> f = new Future<>(this, false); // the timer keeps the loop busy
        Cancellable t = schedule(deadline, () -> {
            if (!f.isReady()) {
                f.fail("Timeout after " + delay, "timeout");
            }
        }, null, "timeout");
        f.onCancel(t::cancel);
        return f;
    }

    /** {@return how many timers are pending} */
    public int pendingTimers() {
        return timers.size();
    }

    /**
     * Sets a timer for a notifier or a low-level watch.
     *
     * @param what the public method, for messages
     */
    TimerEntry schedule(long deadlineNanos, Runnable code, Notifier source, String what) {
        Objects.requireNonNull(code, "code");
        checkOpen(what);
        checkInLoopThread(what);
        return timers.add(deadlineNanos, code, source);
    }

    private long afterDeadline(String what, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        long nanos = saturatedNanos(delay);
        if (nanos < 0) {
            throw new IllegalArgumentException(what + ": negative delay " + delay);
        }
        return clock.nanoTime() + nanos;
    }

    /** The wall clock may step this far against the monotonic clock before the offset is measured again. */
    private static final long CLOCK_STEP_NANOS = 100_000_000L;
    /** A wall-clock instant and the monotonic reading taken with it: the conversion's offset. */
    private record ClockAnchor(Instant wall, long mono) {
    }

    private volatile ClockAnchor clockAnchor;

    long deadlineFor(Instant at) {
        Instant wallNow = clock.instant();
        long monoNow = clock.nanoTime();
        ClockAnchor a = clockAnchor;
        if (a == null) {
            a = new ClockAnchor(wallNow, monoNow);
            clockAnchor = a;
        } else {
            long step = monoNow - (a.mono() + clampedNanos(Duration.between(a.wall(), wallNow)));
            if (step > CLOCK_STEP_NANOS || step < -CLOCK_STEP_NANOS) {
                a = new ClockAnchor(wallNow, monoNow);
                clockAnchor = a;
            }
        }
        return a.mono() + clampedNanos(Duration.between(a.wall(), at));
    }

    /** Nanoseconds within a quarter of the {@code long} range either way, so deadlines compare without overflow. */
    private static long clampedNanos(Duration d) {
        long n = saturatedNanos(d);
        long limit = Long.MAX_VALUE / 4;
        return Math.max(-limit, Math.min(limit, n));
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE / 4;
        }
    }

    /** Throws the error for a call on a closed loop. */
    private void checkOpen(String what) {
        if (closed) {
            throw new IllegalStateException("loop is closed; cannot " + what + "()");
        }
    }

    /** {@return a future failed with category {@code closed}, for a future-returning call on a closed loop} */
    private static <T> Future<T> closedFuture(String what) {
        return Future.failedFuture("loop is closed; cannot " + what + "()", "closed");
    }

    // ------------------------------------------------------------------ I/O

    /**
     * The factory for handles this loop's backend can watch: pipes, sockets, listeners, datagram
     * sockets. Most programs use {@link #pipe()}, {@code connect} and {@code listen} instead.
     *
     * @return the backend's handle factory
     */
    public IoHandleFactory handles() {
        checkOpen("handles");
        return poller.handles();
    }

    /**
     * Opens a non-blocking pipe this loop can watch (IO::Async's {@code pipepair}).
     *
     * @return the two ends
     * @throws UncheckedIOException when the operating system refuses
     */
    public PipePair pipe() {
        checkOpen("pipe");
        try {
            return poller.handles().pipe();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a pipe on loop backend '" + provider.name() + "'", e);
        }
    }

    /**
     * Watches a handle for readiness (IO::Async's {@code watch_io}). Calling it again for the same
     * handle replaces its callbacks. A {@code null} callback means no interest in that direction.
     * The callbacks run on the loop thread whenever the handle is ready, level-triggered, until
     * {@link #unwatchIo} (or the handle is closed).
     *
     * @param handle a handle made by this loop's backend
     * @param onReadReady called when the handle can be read, is at end of stream, or has an error
     * @param onWriteReady called when the handle can be written or has an error
     * @throws IllegalArgumentException when the handle was made by another backend or is closed
     */
    public void watchIo(IoHandle handle, Runnable onReadReady, Runnable onWriteReady) {
        Objects.requireNonNull(handle, "handle");
        if (onReadReady != null || onWriteReady != null) {
            checkOpen("watchIo");
        }
        checkInLoopThread("watchIo");
        if (!handle.isOpen() && (onReadReady != null || onWriteReady != null)) {
            throw new IllegalArgumentException("cannot watch " + handle + ": it is closed");
        }
        if (onReadReady != null && !handle.isReadable()) {
            throw new IllegalArgumentException("cannot watch " + handle + " for reading: it is write-only");
        }
        if (onWriteReady != null && !handle.isWritable()) {
            throw new IllegalArgumentException("cannot watch " + handle + " for writing: it is read-only");
        }
        IoWatch w = ioWatches.get(handle);
        if (w != null) {
            update(w, onReadReady, onWriteReady);
        } else if (onReadReady != null || onWriteReady != null) {
            w = new IoWatch(handle);
            w.onReadReady = onReadReady;
            w.onWriteReady = onWriteReady;
            try {
                w.registration = poller.register(handle, w.interest(), w);
            } catch (IOException e) {
                throw new UncheckedIOException("loop backend '" + provider.name() + "' could not watch " + handle, e);
            }
            ioWatches.put(handle, w);
        }
    }

    /**
     * Stops watching a handle in one or both directions (IO::Async's {@code unwatch_io}). Safe to
     * call from a callback of the same iteration: an event already recorded for it is dropped.
     *
     * @param handle the handle
     * @param read stop watching for reading
     * @param write stop watching for writing
     */
    public void unwatchIo(IoHandle handle, boolean read, boolean write) {
        Objects.requireNonNull(handle, "handle");
        checkInLoopThread("unwatchIo");
        IoWatch w = ioWatches.get(handle);
        if (w != null) {
            update(w, read ? null : w.onReadReady, write ? null : w.onWriteReady);
        }
    }

    /**
     * Stops watching a handle altogether.
     *
     * @param handle the handle
     */
    public void unwatchIo(IoHandle handle) {
        unwatchIo(handle, true, true);
    }

    /** {@return how many handles are watched} */
    public int watchedHandles() {
        return ioWatches.size();
    }

    private void update(IoWatch w, Runnable onReadReady, Runnable onWriteReady) {
        w.onReadReady = onReadReady;
        w.onWriteReady = onWriteReady;
        if (onReadReady == null && onWriteReady == null) {
            forget(w);
        } else {
            w.registration.interest(w.interest());
        }
    }

    private void forget(IoWatch w) {
        w.active = false;
        ioWatches.remove(w.handle);
        w.registration.cancel();
    }

    // ------------------------------------------------------------------ networking

    /**
     * Connects a stream socket (IO::Async's {@code connect}): resolves {@code host}, then tries
     * each address in order. The stream is not added to any loop yet: set its read handler and
     * {@link #add} it.
     *
     * @param host a host name or numeric address
     * @param service a port number or service name
     * @param options timeout, address family, {@code TCP_NODELAY}; or {@code null} for
     *     {@link ConnectOptions#DEFAULTS} (a 30 s timeout)
     * @return the connected stream; fails with category {@code resolve}, {@code connect} (naming
     *     the address that failed) or {@code timeout}
     */
    public Future<Stream> connect(String host, String service, ConnectOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
        if (closed) {
            return closedFuture("connect");
        }
        return Connector.connect(this, host, service, options);
    }

    /**
     * Connects a stream socket with default options ({@link ConnectOptions#DEFAULTS}: fails with
     * category {@code timeout} after 30 s).
     *
     * @param host a host name or numeric address
     * @param port the port
     * @return the connected stream
     */
    public Future<Stream> connect(String host, int port) {
        return connect(host, Integer.toString(port), null);
    }

    /**
     * Listens on the first address {@code host} resolves to (IO::Async's {@code listen}) and
     * adds the listener to this loop.
     *
     * @param host a host name or numeric address; {@code null} or empty for all addresses
     * @param service a port number (0 for any free port) or service name
     * @param listener the listener, configured with {@code onStream} or {@code onAccept}; made
     *     by this method when {@code null}
     * @param backlog the accept queue length, or 0 for the default
     * @return the listening listener; fails with category {@code resolve} or {@code listen}
     */
    public Future<Listener> listen(String host, String service,
            Function<ListenerHandle, Listener> listener, int backlog) {
        Objects.requireNonNull(service, "service");
        if (closed) {
            return closedFuture("listen");
        }
        int port;
        try {
            port = Resolver.port(service);
        } catch (IllegalArgumentException e) {
            return this.<Listener>newFuture().fail("cannot listen on " + host + ":" + service + ": " + e.getMessage(), "resolve", service);
        }
        return new Resolver(this).resolve(host).then(addresses -> {
            InetSocketAddress at = new InetSocketAddress(addresses.get(0), port);
            try {
                ListenerHandle h = handles().openListener(at, backlog);
                Listener l = listener == null ? new Listener(h) : listener.apply(h);
                add(l);
                return this.<Listener>newFuture().done(l);
            } catch (IOException e) {
                return this.<Listener>newFuture().fail("cannot listen on " + at + ": " + e.getMessage(), "listen", at, e);
            }
        });
    }

    /**
     * Listens and hands each connection to {@code onStream} as a stream.
     *
     * @param host a host name or numeric address; {@code null} or empty for all addresses
     * @param port the port, 0 for any free port
     * @param onStream receives each connection
     * @return the listening listener
     */
    public Future<Listener> listen(String host, int port,
            Consumer<Stream> onStream) {
        Objects.requireNonNull(onStream, "onStream");
        return listen(host, Integer.toString(port), h -> new Listener(h).onStream(onStream), 0);
    }

    /**
     * Listens on a listening handle already made, at once (IO::Async's {@code listen} with a
     * {@code handle}: synchronous), and adds the listener to this loop.
     *
     * @param handle the listening handle
     * @param onStream receives each connection
     * @return the listener, already accepting
     */
    public Listener listen(ListenerHandle handle, Consumer<Stream> onStream) {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(onStream, "onStream");
        checkOpen("listen");
        Listener l = new Listener(handle).onStream(onStream);
        add(l);
        return l;
    }

    /**
     * Opens a datagram socket bound to {@code local}, adds it to this loop and returns it
     * (IO::Async::Socket over a bound UDP socket).
     *
     * @param local the address to bind, port 0 for any port
     * @return the socket; set its {@code onRecv} to receive
     * @throws UncheckedIOException when the address cannot be bound
     */
    public dev.ioasync.net.DatagramSocket datagram(InetSocketAddress local) {
        Objects.requireNonNull(local, "local");
        checkOpen("datagram");
        dev.ioasync.io.DatagramHandle h = null;
        try {
            h = handles().openDatagram(local.getAddress() instanceof java.net.Inet6Address
                    ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
            h.bind(local);
        } catch (IOException e) {
            if (h != null) {
                try {
                    h.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("cannot bind a datagram socket to " + local, e);
        }
        dev.ioasync.net.DatagramSocket d = new dev.ioasync.net.DatagramSocket(h);
        add(d);
        return d;
    }

    /**
     * Resolves a host name, off the loop thread; a numeric address is answered at once
     * (IO::Async's {@code resolve}).
     *
     * @param host the name or numeric address
     * @return the addresses; fails with category {@code resolve}
     */
    public Future<List<InetAddress>> resolve(String host) {
        if (closed) {
            return closedFuture("resolve");
        }
        return new Resolver(this).resolve(host);
    }

    // ------------------------------------------------------------------ signals and processes (issue 5)

    /**
     * Runs {@code code} on this loop's thread each time the process receives a signal
     * (IO::Async's {@code watch_signal}); several watches of one signal are all called.
     *
     * @param signal the name, with or without {@code SIG}: {@code "USR2"}, {@code "SIGINT"}
     * @param code what to run, at the next iteration after each delivery
     * @return the watch, for {@link #unwatchSignal}
     * @throws IllegalArgumentException naming the signal and why, when it cannot be watched
     */
    public dev.ioasync.signal.SignalWatch watchSignal(String signal, Runnable code) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(code, "code");
        checkOpen("watchSignal");
        return dev.ioasync.signal.SignalDispatcher.watch(this, signal, code);
    }

    /**
     * Stops a signal watch (IO::Async's {@code unwatch_signal}); the last one of a signal puts
     * back the handler that was there before.
     *
     * @param watch what {@link #watchSignal} returned
     */
    public void unwatchSignal(dev.ioasync.signal.SignalWatch watch) {
        Objects.requireNonNull(watch, "watch");
        watch.cancel();
    }

    /**
     * Runs {@code onExit} on this loop's thread when a child exits (IO::Async's
     * {@code watch_process}), with its exit code or signal.
     *
     * @param process the child
     * @param onExit receives its exit status
     * @return the {@link dev.ioasync.process.PidWatch}, already added to this loop
     */
    public dev.ioasync.process.PidWatch watchChild(java.lang.Process process,
            Consumer<dev.ioasync.process.ExitStatus> onExit) {
        return dev.ioasync.process.ChildManager.watchChild(this, process, onExit);
    }

    /**
     * Runs {@code onExit} on this loop's thread when a child exits (IO::Async's
     * {@code watch_process} with a pid), with its exit code or signal. The handle must name a
     * child whose status can be read: one started through this library, or whose
     * {@link java.lang.Process} was watched before
     * ({@link dev.ioasync.process.ChildManager#watchChild(Loop, ProcessHandle, Consumer)}).
     *
     * @param process the child's handle
     * @param onExit receives its exit status
     * @return the {@link dev.ioasync.process.PidWatch}, already added to this loop
     * @throws IllegalArgumentException naming the pid and why, for a handle of any other process
     */
    public dev.ioasync.process.PidWatch watchChild(ProcessHandle process,
            Consumer<dev.ioasync.process.ExitStatus> onExit) {
        return dev.ioasync.process.ChildManager.watchChild(this, process, onExit);
    }

    /**
     * Starts a child with its standard handles inherited unless the command redirects them
     * (IO::Async's {@code spawn_child}).
     *
     * @param command what to run
     * @return its exit status; fails with category {@code process} when it cannot start
     */
    public Future<dev.ioasync.process.ExitStatus> spawnChild(dev.ioasync.process.Command command) {
        return dev.ioasync.process.ChildManager.spawnChild(this, command);
    }

    /**
     * Runs a child to its end and gives its output and exit status to {@code onFinish}
     * (IO::Async's {@code run_child}).
     *
     * @param command what to run
     * @param stdin bytes for its standard input, or {@code null}
     * @param onFinish receives the result on this loop's thread, or {@code null} to use only the
     *     returned future
     * @return the result as a future too
     */
    public Future<dev.ioasync.process.ChildResult> runChild(dev.ioasync.process.Command command, byte[] stdin,
            Consumer<dev.ioasync.process.ChildResult> onFinish) {
        return dev.ioasync.process.ChildManager.runChild(this, command, stdin, onFinish);
    }

    /**
     * Runs a child to its end, collecting its output and exit status (IO::Async's
     * {@code run_process}).
     *
     * @param command what to run
     * @param stdin bytes for its standard input, or {@code null}
     * @param timeout after which the child is killed and the future fails with category
     *     {@code timeout}, or {@code null}
     * @return the result; fails with category {@code process} when the command cannot start
     */
    public Future<dev.ioasync.process.ChildResult> runProcess(dev.ioasync.process.Command command, byte[] stdin,
            Duration timeout) {
        return dev.ioasync.process.ChildManager.runProcess(this, command, stdin, timeout);
    }

    /**
     * Starts a {@link dev.ioasync.process.Process} and adds it to this loop (IO::Async's
     * {@code open_process}).
     *
     * @param command what to run
     * @return the process, with a stream for each piped handle
     */
    public dev.ioasync.process.Process openProcess(dev.ioasync.process.Command command) {
        Objects.requireNonNull(command, "command");
        checkOpen("openProcess");
        return dev.ioasync.process.ChildManager.openProcess(this, command);
    }

    // ------------------------------------------------------------------ notifiers

    /**
     * Adds a notifier, and its subtree, to this loop (IO::Async's {@code add}).
     *
     * @param notifier a notifier with no parent that is in no loop
     * @return this
     * @throws IllegalArgumentException when it has a parent or is in a loop already
     */
    public Loop add(Notifier notifier) {
        Objects.requireNonNull(notifier, "notifier");
        checkOpen("add");
        checkInLoopThread("add");
        if (notifier.parent() != null) {
            throw new IllegalArgumentException("cannot add " + notifier + " to the loop: it is a child of "
                    + notifier.parent() + "; add its parent instead");
        }
        if (notifier.loop() != null) {
            throw new IllegalArgumentException("cannot add " + notifier + ": it is already in "
                    + (notifier.loop() == this ? "this loop" : "another loop"));
        }
        notifiers.add(notifier);
        notifier.attach(this);
        return this;
    }

    /**
     * Removes a top-level notifier, and its subtree, from this loop (IO::Async's {@code remove}).
     *
     * @param notifier a notifier added with {@link #add}
     * @return this
     * @throws IllegalArgumentException when it was not added to this loop at the top
     */
    public Loop remove(Notifier notifier) {
        Objects.requireNonNull(notifier, "notifier");
        checkInLoopThread("remove");
        if (notifier.loop() != this) {
            throw new IllegalArgumentException("cannot remove " + notifier + ": it is not in this loop");
        }
        if (notifier.parent() != null) {
            throw new IllegalArgumentException("cannot remove " + notifier + " from the loop directly: it is a child of "
                    + notifier.parent() + "; remove it from its parent");
        }
        notifiers.remove(notifier);
        notifier.detach();
        return this;
    }

    /** {@return the top-level notifiers, in the order they were added} */
    public List<Notifier> notifiers() {
        return List.copyOf(notifiers);
    }

    // ------------------------------------------------------------------ errors

    /**
     * Runs a low-level callback ({@code later}, a timer, an I/O watch); what it throws is routed
     * as {@link #routeError} does, so a fatal JVM error leaves this method.
     */
    void invoke(Runnable code, Notifier source) {
        Object before = observer.onCallbackStart(source != null ? source : code);
        try {
            code.run();
        } catch (Throwable t) {
            routeError(t, source);
        } finally {
            observer.onCallbackEnd(before);
        }
    }

    /**
     * Routes an error up the tree from {@code source}, then to the loop's handler. A fatal JVM
     * error ({@link VirtualMachineError}, also when a {@link CallbackException} wraps it) is no
     * callback error: it is logged once and thrown from here, to leave the run methods.
     */
    void routeError(Throwable error, Notifier source) {
        observer.onError(error, source);
        routeError(error, source, errorHandler);
    }

    static void routeWithoutLoop(Throwable error, Notifier source) {
        routeError(error, source, LOG_AND_CONTINUE);
    }

    private static void routeError(Throwable error, Notifier source, ErrorHandler last) {
        FatalErrors.rethrowIfFatal(error, source);
        Throwable current = error;
        for (Notifier n = source; n != null; n = n.parent()) {
            ErrorHandler h = n.errorHandler();
            if (h == null) {
                continue;
            }
            try {
                h.handle(current, source);
                return;
            } catch (Throwable t) {
                FatalErrors.rethrowIfFatal(t, "the error handler of " + n);
                t.addSuppressed(current);
                current = t;
            }
        }
        try {
            last.handle(current, source);
        } catch (Throwable t) {
            FatalErrors.rethrowIfFatal(t, "the loop's error handler");
            if (last != LOG_AND_CONTINUE) {
                t.addSuppressed(current);
                LOG_AND_CONTINUE.handle(t, source);
            }
        }
    }

    void checkInLoopThread(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " called on thread " + Thread.currentThread().getName()
                    + " but this loop belongs to thread " + owner.getName() + "; use later() to reach it");
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes the loop: removes every notifier, cancels every timer and watch, and releases the
     * poller. Handles are not closed. Queued {@code later} calls are dropped. Idempotent. Any
     * thread may close a loop that is not running; a running loop must be stopped first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!inLoopThread()) {
            if (iterationDepth > 0) {
                throw new IllegalStateException("close called on thread " + Thread.currentThread().getName()
                        + " while the loop runs on " + owner.getName() + "; call stop() first");
            }
            owner = Thread.currentThread();
        }
        VirtualMachineError fatal = null;
        for (Notifier n : List.copyOf(notifiers)) {
            try {
                remove(n);
            } catch (RuntimeException e) {
                fatal = closeStep(fatal, () -> routeError(e, n));
            } catch (VirtualMachineError e) {
                fatal = keepFirst(fatal, FatalErrors.escape(e, "removing " + n + " from the closing loop"));
            }
        }
        for (Runnable hook : List.copyOf(closeHooks)) {
            fatal = closeStep(fatal, () -> invoke(hook, null));
        }
        closeHooks.clear();
        for (IoWatch w : List.copyOf(ioWatches.values())) {
            forget(w);
        }
        timers.clear();
        closed = true;
        laterQueue.clear();
        remoteQueue.clear();
        observer.onClose();
        unregisterMBean.run();
        poller.close();
        if (fatal != null) {
            throw fatal; // after the loop closed: a fatal error in a notifier or hook does not leave it half closed
        }
    }

    private static VirtualMachineError closeStep(VirtualMachineError fatal, Runnable step) {
        try {
            step.run();
            return fatal;
        } catch (VirtualMachineError e) { // routeError logged it
            return keepFirst(fatal, e);
        }
    }

    private static VirtualMachineError keepFirst(VirtualMachineError first, VirtualMachineError next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }

    /**
     * Runs {@code hook} on the loop thread when the loop closes, after its notifiers were removed
     * and before its watches and timers are dropped (for work that outlives a notifier, such as a
     * TLS connection lingering after its stream closed). An exception it throws goes to the
     * loop's error handler.
     *
     * @param hook what to run
     * @return cancels the hook (when its work ended first)
     */
    public Cancellable onClose(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        checkOpen("onClose");
        checkInLoopThread("onClose");
        closeHooks.add(hook);
        return new Cancellable() {
            @Override
            public boolean cancel() {
                return closeHooks.remove(hook);
            }

            @Override
            public boolean isPending() {
                return closeHooks.contains(hook);
            }
        };
    }

    @Override
    public String toString() {
        return "Loop[" + provider.name() + (closed ? ", closed]" : "]");
    }
}
