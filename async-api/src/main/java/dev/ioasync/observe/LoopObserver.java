package dev.ioasync.observe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One loop's instruments: its counters, what its thread is running (for the {@link Watchdog})
 * and its JFR events. The loop owns it and calls the {@code on*} methods on its own thread
 * with plain stores; users read it through {@link dev.ioasync.Loop#metrics()}. See the
 * package's thread rules.
 */
public final class LoopObserver {

    /** The loop publishes its counters at most this often while it is busy (and before each sleep). */
    public static final long PUBLISH_MILLIS = 10;

    private static final long PUBLISH_NANOS = PUBLISH_MILLIS * 1_000_000L;
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle RUNNING;
    private static final VarHandle DISPATCHES;
    private static final int TIMED_DEPTH = 16;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUNNING = l.findVarHandle(LoopObserver.class, "running", Object.class);
            DISPATCHES = l.findVarHandle(LoopObserver.class, "dispatches", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Supplier<Thread> thread;
    private final long warnNanos;
    /** Whether the loop keeps its counters (iterations, times, histograms, bytes...). */
    private final boolean metrics;
    /** Whether anyone reads what runs now: the watchdog, or the metrics' callback count. */
    private final boolean tracking;

    // ---- loop-thread counters: plain stores, published by the volatile write of publishedAt
    private long iterations;
    private long dispatches; // also read (opaque) by the watchdog
    private long pollNanos;
    private long busyNanos;
    private final Log2Histogram lateness = new Log2Histogram();
    private final Log2Histogram ready = new Log2Histogram();
    private int laterDepth;
    private int notifiers;
    private int timers;
    private int handles;
    private long bytesRead;
    private long bytesWritten;
    private long accepted;
    private long readLimitHits;
    private long writeLimitHits;
    private long lastPublish;
    private long lastPolled = System.nanoTime();
    private boolean publishDue = true;
    @SuppressWarnings("unused") // read through the volatile publication
    private volatile long publishedAt;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorCategories = new ConcurrentHashMap<>();

    // ---- what runs now (written opaque by the loop, read opaque by the watchdog)
    @SuppressWarnings("unused") // through RUNNING
    private Object running;
    private volatile Supplier<String> context;
    private volatile Supplier<String> coroLister;
    private volatile LongSupplier progress;

    // ---- JFR, only while a recording runs
    private LoopStallEvent stall;
    private int stallDepth;
    private int stallCallbacks;
    private long slowestNanos;
    private Object slowest;
    private Object named;
    private final long[] callbackStart = new long[TIMED_DEPTH];
    /**
     * While a top-level iteration is timed: when its previous callback ended (or its poll
     * returned), the start of the next callback, so that a callback costs one clock read, not two.
     * The loop's own work between two callbacks is charged to the second: nanoseconds.
     */
    private long chainMark;
    private int callbackDepth;

    // ---- watchdog state (watchdog thread only)
    long seenDispatches = -1;
    long seenAtNanos;
    long nextWarnNanos;
    int warnings;
    final AtomicLong blockedReports = new AtomicLong();

    /**
     * Makes a loop's observer and hands it to the watchdog when its threshold is not zero.
     *
     * @param options the name, whether to keep metrics and the watchdog threshold
     * @param thread tells which thread runs the loop now
     */
    public LoopObserver(ObserveOptions options, Supplier<Thread> thread) {
        this.name = options.name() != null ? options.name() : "loop-" + IDS.incrementAndGet();
        this.thread = thread;
        this.warnNanos = options.watchdogWarn().toNanos();
        this.metrics = options.metrics();
        this.tracking = metrics || warnNanos > 0;
        if (warnNanos > 0) {
            Watchdog.watch(this);
        }
    }

    /** {@return the loop's name} */
    public String name() {
        return name;
    }

    /** {@return whether this loop keeps its counters ({@link ObserveOptions#metrics()})} */
    public boolean metricsEnabled() {
        return metrics;
    }

    /** {@return the watchdog's threshold for this loop; zero when it does not watch} */
    public Duration watchdogWarn() {
        return Duration.ofNanos(warnNanos);
    }

    long warnNanos() {
        return warnNanos;
    }

    Thread thread() {
        return thread.get();
    }

    /**
     * Names what runs on the loop thread beyond its callback (a coro scheduler tells which coro
     * runs). Called from the watchdog's thread: it must be thread-safe and quick.
     *
     * @param describer says what runs now, or {@code null} for nothing
     */
    public void context(Supplier<String> describer) {
        this.context = describer;
    }

    /**
     * Lets a scheduler that switches between tasks inside one callback (a coro scheduler's run)
     * show the watchdog that it makes progress: a count that grows at each switch, kept by the
     * scheduler in a plain field instead of one store here per switch. While it grows, the
     * callback in charge is not taken for blocked. Called from the watchdog's thread: it must be
     * thread-safe (an opaque read) and quick.
     *
     * @param counter the switch count, or {@code null} for none
     */
    public void progress(LongSupplier counter) {
        this.progress = counter;
    }

    /**
     * Lets the loop's MBean list the coros (async-coro's scheduler registers itself here). The
     * lister runs on the loop thread.
     *
     * @param lister makes the listing, or {@code null} for none
     */
    public void coroLister(Supplier<String> lister) {
        this.coroLister = lister;
    }

    /** {@return the coro lister, or {@code null}} */
    public Supplier<String> coroLister() {
        return coroLister;
    }

    // ------------------------------------------------------------------ called by the loop

    /**
     * The loop is about to poll.
     *
     * @param pollTimeoutNanos the poll's timeout (0: no wait; negative: forever)
     * @return the start time, for {@link #onPolled}
     */
    public long onPoll(long pollTimeoutNanos) {
        if (!metrics) {
            return 0;
        }
        long now = System.nanoTime();
        if (pollTimeoutNanos != 0 || now - lastPublish >= PUBLISH_NANOS) {
            publishDue = true;
        }
        return now;
    }

    /** {@return whether the loop should call {@link #publish} before this poll} */
    public boolean publishDue() {
        return publishDue;
    }

    /**
     * Publishes the counters with the loop's gauges (loop thread).
     *
     * @param laterDepth queued {@code later} calls
     * @param notifiers notifiers
     * @param timers pending timers
     * @param handles watched handles
     */
    public void publish(int laterDepth, int notifiers, int timers, int handles) {
        this.laterDepth = laterDepth;
        this.notifiers = notifiers;
        this.timers = timers;
        this.handles = handles;
        long now = System.nanoTime();
        lastPublish = now;
        publishDue = false;
        publishedAt = now;
    }

    /**
     * The poll returned.
     *
     * @param pollStart what {@link #onPoll} returned
     * @param readyHandles how many handles it reported ready
     * @param depth how deeply the loop's runs are nested (1 for a run not inside a callback)
     * @return the time, for {@link #onIterationEnd}
     */
    public long onPolled(long pollStart, int readyHandles, int depth) {
        long now = 0;
        if (metrics) {
            now = System.nanoTime();
            lastPolled = now;
            pollNanos += now - pollStart;
            ready.record(readyHandles);
        }
        if (stall != null && depth <= stallDepth) {
            stall = null; // the iteration that began it left by an exception
        }
        if (stall == null && JfrRecording.running()) {
            LoopStallEvent e = new LoopStallEvent();
            if (e.isEnabled()) {
                e.begin();
                stall = e;
                stallDepth = depth;
                stallCallbacks = 0;
                slowestNanos = -1;
                slowest = null;
                chainMark = metrics ? now : System.nanoTime();
            }
        }
        return now;
    }

    /**
     * The iteration's callbacks ran.
     *
     * @param polledAt what {@link #onPolled} returned
     * @param depth as given to {@link #onPolled}
     */
    public void onIterationEnd(long polledAt, int depth) {
        if (metrics) {
            busyNanos += System.nanoTime() - polledAt;
            iterations++;
        }
        LoopStallEvent e = stall;
        if (e != null && stallDepth == depth) {
            stall = null;
            e.end();
            if (e.shouldCommit()) {
                e.loop = name;
                e.callbacks = stallCallbacks;
                e.slowest = describe(slowest);
                e.slowestNanos = Math.max(0, slowestNanos);
                e.commit();
            }
        }
    }

    /**
     * A callback starts (loop thread).
     *
     * @param what its notifier, or the callback when it has none
     * @return what ran before it, for {@link #onCallbackEnd}
     */
    public Object onCallbackStart(Object what) {
        Object before = null;
        if (tracking) {
            before = RUNNING.getOpaque(this);
            RUNNING.setOpaque(this, what);
            DISPATCHES.setOpaque(this, dispatches + 1);
        }
        int d = ++callbackDepth;
        if (stall != null && d < TIMED_DEPTH) {
            named = null;
            callbackStart[d] = d == 1 && stallDepth == 1 ? chainMark : System.nanoTime();
        }
        return before;
    }

    /**
     * The callback {@link #onCallbackStart} announced ended.
     *
     * @param before what that call returned
     */
    public void onCallbackEnd(Object before) {
        int d = callbackDepth--;
        if (stall != null && d < TIMED_DEPTH && callbackStart[d] != 0) {
            long now = System.nanoTime();
            long took = now - callbackStart[d];
            callbackStart[d] = 0;
            if (d == 1) {
                chainMark = now;
            }
            stallCallbacks++;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = named != null ? named : tracking ? RUNNING.getOpaque(this) : null;
            }
        }
        if (tracking) {
            RUNNING.setOpaque(this, before);
        }
    }

    /**
     * A notifier's event handler starts inside a callback (loop thread): the notifier is in charge
     * until {@link #onNotifierEventEnd}.
     *
     * @param notifier the notifier
     * @return what was in charge before, for {@link #onNotifierEventEnd}
     */
    public Object onNotifierEvent(Object notifier) {
        Object before = null;
        if (tracking) {
            before = RUNNING.getOpaque(this);
            RUNNING.setOpaque(this, notifier);
        }
        if (stall != null) {
            named = notifier;
        }
        return before;
    }

    /**
     * The event handler {@link #onNotifierEvent} announced ended.
     *
     * @param before what that call returned
     */
    public void onNotifierEventEnd(Object before) {
        if (tracking) {
            RUNNING.setOpaque(this, before);
        }
    }

    /**
     * A scheduler on the loop thread switched to another task without returning to the loop
     * (a coro handing over to a coro): the watchdog sees a new callback in charge.
     *
     * @param what the task now in charge
     */
    public void onSwitch(Object what) {
        if (tracking) {
            RUNNING.setOpaque(this, what);
            DISPATCHES.setOpaque(this, dispatches + 1);
        }
    }

    /**
     * {@return when the loop's poll last returned ({@link System#nanoTime()}): a clock that costs
     * nothing to read on the loop thread, late by at most the running iteration's work; a fresh
     * clock read when the loop keeps no metrics}
     */
    public long lastPolledNanos() {
        return metrics ? lastPolled : System.nanoTime();
    }

    /**
     * A timer fired.
     *
     * @param latenessNanos the loop clock's time minus the timer's deadline
     */
    public void onTimerFired(long latenessNanos) {
        if (metrics) {
            lateness.record(latenessNanos);
        }
    }

    /**
     * A stream read bytes (loop thread; after TLS, the plain bytes).
     *
     * @param n how many, more than zero
     */
    public void onBytesRead(int n) {
        bytesRead += n;
    }

    /**
     * A stream wrote bytes (loop thread; before TLS, the plain bytes).
     *
     * @param n how many, more than zero
     */
    public void onBytesWritten(int n) {
        bytesWritten += n;
    }

    /** A listener accepted a connection (loop thread). */
    public void onAccepted() {
        accepted++;
    }

    /**
     * A stream hit its read or write limit (loop thread): counted, and a {@link LimitHitEvent}
     * when a recording takes it.
     *
     * @param kind {@code read-limit} or {@code write-limit}
     * @param limit the limit in bytes
     * @param amount what the stream would hold
     * @param stream the stream
     */
    public void onLimitHit(String kind, long limit, long amount, Object stream) {
        if ("read-limit".equals(kind)) {
            readLimitHits++;
        } else {
            writeLimitHits++;
        }
        limitHitEvent(name, kind, limit, amount, stream);
    }

    // ------------------------------------------------------------------ hooks for the I/O code: a loop may be null

    /**
     * {@link #onBytesRead} on a stream's loop, if it has one.
     *
     * @param loop the stream's loop, or {@code null}
     * @param n bytes read
     */
    public static void bytesRead(dev.ioasync.Loop loop, int n) {
        if (loop != null) {
            loop.observer().bytesRead += n;
        }
    }

    /**
     * {@link #onBytesWritten} on a stream's loop, if it has one.
     *
     * @param loop the stream's loop, or {@code null}
     * @param n bytes written
     */
    public static void bytesWritten(dev.ioasync.Loop loop, int n) {
        if (loop != null) {
            loop.observer().bytesWritten += n;
        }
    }

    /**
     * {@link #onAccepted} on a listener's loop, if it has one.
     *
     * @param loop the listener's loop, or {@code null}
     */
    public static void accepted(dev.ioasync.Loop loop) {
        if (loop != null) {
            loop.observer().accepted++;
        }
    }

    /**
     * {@link #onLimitHit} on a stream's loop; a stream in no loop still gives the JFR event.
     *
     * @param loop the stream's loop, or {@code null}
     * @param kind {@code read-limit} or {@code write-limit}
     * @param limit the limit in bytes
     * @param amount what the stream would hold
     * @param stream the stream
     */
    public static void limitHit(dev.ioasync.Loop loop, String kind, long limit, long amount, Object stream) {
        if (loop != null) {
            loop.observer().onLimitHit(kind, limit, amount, stream);
        } else {
            limitHitEvent("", kind, limit, amount, stream);
        }
    }

    private static void limitHitEvent(String loop, String kind, long limit, long amount, Object stream) {
        LimitHitEvent e = new LimitHitEvent();
        if (e.shouldCommit()) {
            e.loop = loop;
            e.kind = kind;
            e.limit = limit;
            e.amount = amount;
            e.stream = describe(stream);
            e.commit();
        }
    }

    /**
     * An error is being routed to a handler.
     *
     * @param error the error
     * @param source the notifier it came from, or {@code null}
     */
    public void onError(Throwable error, Object source) {
        errors.computeIfAbsent(error.getClass().getName(), k -> new LongAdder()).increment();
        errorCategories.computeIfAbsent(ErrorCategory.of(error), k -> new LongAdder()).increment();
        CallbackErrorEvent e = new CallbackErrorEvent();
        if (e.shouldCommit()) {
            e.loop = name;
            e.errorClass = error.getClass().getName();
            e.message = String.valueOf(error.getMessage());
            e.source = source == null ? "" : describe(source);
            e.commit();
        }
    }

    /** The loop closed: the watchdog stops watching it. */
    public void onClose() {
        Watchdog.forget(this);
    }

    // ------------------------------------------------------------------ reading

    /**
     * {@return a snapshot as of the loop's last publication} Any thread.
     */
    public LoopMetrics snapshot() {
        long published = publishedAt; // acquire: everything the loop wrote before it is visible
        assert published >= 0 || published < 0;
        Map<String, Long> errs = new HashMap<>();
        errors.forEach((k, v) -> errs.put(k, v.sum()));
        Map<String, Long> cats = new HashMap<>();
        errorCategories.forEach((k, v) -> cats.put(k, v.sum()));
        return new LoopMetrics(name, iterations, (long) DISPATCHES.getOpaque(this), pollNanos, busyNanos,
                lateness.snapshot(), ready.snapshot(), laterDepth, notifiers, timers, handles, errs,
                blockedReports.get(), bytesRead, bytesWritten, accepted, readLimitHits, writeLimitHits, cats);
    }

    /** {@return what runs on the loop thread now, described; {@code null} when it waits} */
    String describeRunning() {
        Object what = RUNNING.getOpaque(this);
        if (what == null) {
            return null;
        }
        String d = describe(what);
        Supplier<String> c = context;
        if (c != null) {
            try {
                String extra = c.get();
                if (extra != null) {
                    d = d + ", in " + extra;
                }
            } catch (RuntimeException e) {
                d = d + ", in (context failed: " + e + ")";
            }
        }
        return d;
    }

    Object running() {
        return RUNNING.getOpaque(this);
    }

    /** {@return the dispatch count plus the {@link #progress} count: what the watchdog sees move} */
    long dispatches() {
        LongSupplier p = progress;
        long d = (long) DISPATCHES.getOpaque(this);
        return p == null ? d : d + p.getAsLong();
    }

    private static String describe(Object what) {
        if (what == null) {
            return "";
        }
        if (what instanceof Runnable r && !(what instanceof dev.ioasync.Notifier)) {
            return "callback " + r.getClass().getName();
        }
        try {
            return what.toString();
        } catch (RuntimeException e) {
            return what.getClass().getName();
        }
    }

    @Override
    public String toString() {
        return "LoopObserver[" + name + "]";
    }
}
