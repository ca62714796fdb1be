package dev.ioasync.observe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
    private long lastPublish;
    private long lastPolled = System.nanoTime();
    private boolean publishDue = true;
    @SuppressWarnings("unused") // read through the volatile publication
    private volatile long publishedAt;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    // ---- what runs now (written opaque by the loop, read opaque by the watchdog)
    @SuppressWarnings("unused") // through RUNNING
    private Object running;
    private volatile Supplier<String> context;
    private volatile Supplier<String> coroLister;

    // ---- JFR, only while a recording runs
    private LoopStallEvent stall;
    private int stallDepth;
    private int stallCallbacks;
    private long slowestNanos;
    private Object slowest;
    private Object named;
    private final long[] callbackStart = new long[TIMED_DEPTH];
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
     * @param options the name and watchdog threshold
     * @param thread tells which thread runs the loop now
     */
    public LoopObserver(ObserveOptions options, Supplier<Thread> thread) {
        this.name = options.name() != null ? options.name() : "loop-" + IDS.incrementAndGet();
        this.thread = thread;
        this.warnNanos = options.watchdogWarn().toNanos();
        if (warnNanos > 0) {
            Watchdog.watch(this);
        }
    }

    /** {@return the loop's name} */
    public String name() {
        return name;
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
        long now = System.nanoTime();
        lastPolled = now;
        pollNanos += now - pollStart;
        ready.record(readyHandles);
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
        busyNanos += System.nanoTime() - polledAt;
        iterations++;
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
        Object before = RUNNING.getOpaque(this);
        RUNNING.setOpaque(this, what);
        DISPATCHES.setOpaque(this, dispatches + 1);
        int d = ++callbackDepth;
        if (stall != null && d < TIMED_DEPTH) {
            named = null;
            callbackStart[d] = System.nanoTime();
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
            long took = System.nanoTime() - callbackStart[d];
            callbackStart[d] = 0;
            stallCallbacks++;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = named != null ? named : RUNNING.getOpaque(this);
            }
        }
        RUNNING.setOpaque(this, before);
    }

    /**
     * A notifier's event handler starts inside a callback (loop thread): the notifier is in charge
     * until {@link #onNotifierEventEnd}.
     *
     * @param notifier the notifier
     * @return what was in charge before, for {@link #onNotifierEventEnd}
     */
    public Object onNotifierEvent(Object notifier) {
        Object before = RUNNING.getOpaque(this);
        RUNNING.setOpaque(this, notifier);
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
        RUNNING.setOpaque(this, before);
    }

    /**
     * A scheduler on the loop thread switched to another task without returning to the loop
     * (a coro handing over to a coro): the watchdog sees a new callback in charge.
     *
     * @param what the task now in charge
     */
    public void onSwitch(Object what) {
        RUNNING.setOpaque(this, what);
        DISPATCHES.setOpaque(this, dispatches + 1);
    }

    /**
     * {@return when the loop's poll last returned ({@link System#nanoTime()}): a clock that costs
     * nothing to read on the loop thread, late by at most the running iteration's work}
     */
    public long lastPolledNanos() {
        return lastPolled;
    }

    /**
     * A timer fired.
     *
     * @param latenessNanos the loop clock's time minus the timer's deadline
     */
    public void onTimerFired(long latenessNanos) {
        lateness.record(latenessNanos);
    }

    /**
     * An error is being routed to a handler.
     *
     * @param error the error
     * @param source the notifier it came from, or {@code null}
     */
    public void onError(Throwable error, Object source) {
        errors.computeIfAbsent(error.getClass().getName(), k -> new LongAdder()).increment();
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
        return new LoopMetrics(name, iterations, (long) DISPATCHES.getOpaque(this), pollNanos, busyNanos,
                lateness.snapshot(), ready.snapshot(), laterDepth, notifiers, timers, handles, errs,
                blockedReports.get());
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

    long dispatches() {
        return (long) DISPATCHES.getOpaque(this);
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
