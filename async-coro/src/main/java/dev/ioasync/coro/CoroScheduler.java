package dev.ioasync.coro;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import dev.ioasync.coro.internal.CoroMechanism;
import dev.ioasync.coro.internal.Mechanisms;
import dev.ioasync.coro.internal.Strand;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The Coro scheduler of one {@link Loop} (Perl's Coro scheduler with Coro::AnyEvent's idle hook).
 *
 * <h2>Design</h2>
 * There is one scheduler per loop, made by {@link #of(Loop)} on the loop's thread. The loop's
 * thread is the <em>main coro</em> ({@link Coro#main()}): it drives the scheduler. Every other
 * coro runs only while the main coro is inside a switching call (cede, schedule, join, a blocking
 * primitive) or while the loop runs a pump that this scheduler queues with {@code loop.later}
 * whenever a coro is readied outside of one, so that coros readied by loop callbacks run under
 * {@code loop.run()} too. When no coro is ready, the idle hook runs the loop
 * ({@code loopOnce}) until an event readies one; when the loop has nothing that could ever ready
 * one (no timer, no watched handle, no future a coro awaits), that is a deadlock, reported with a
 * listing of every coro.
 *
 * <p>The static methods of {@link Coro} use the scheduler bound to the calling thread: the loop's
 * thread is bound by {@link #of(Loop)} (the last call wins when one thread runs several loops),
 * and every coro runs bound to its own scheduler.
 *
 * <h2>Thread rules</h2>
 * Everything here happens on the loop's thread (or, with the virtual-thread mechanism, on the
 * thread of the coro that holds the baton); other threads reach a coro through
 * {@link Loop#later(Runnable)}. Calls from elsewhere throw {@link IllegalStateException}.
 */
public final class CoroScheduler {

    private static final System.Logger LOG = System.getLogger("dev.ioasync.coro");
    /** Weak both ways: a scheduler refers to its loop, and nothing here may keep either alive. */
    private static final Map<Loop, WeakReference<CoroScheduler>> BY_LOOP =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final ThreadLocal<CoroScheduler> BOUND = new ThreadLocal<>();
    /**
     * The last binding looked up or made, checked against the calling thread before use: saves the
     * ThreadLocal lookup on the hot path of every static call (cede runs one per switch). Only
     * ever holds (s, t) where s is what {@link #BOUND} holds on t, which only t changes.
     */
    private static Binding lastBinding;
    /** The watchdog's opaque reads of {@link #switches} (written plainly, by the baton's holder). */
    private static final VarHandle SWITCHES;

    static {
        try {
            SWITCHES = MethodHandles.lookup().findVarHandle(CoroScheduler.class, "switches", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A scheduler bound to a thread; the scheduler weakly, so that the cache keeps no closed loop alive. */
    private static final class Binding extends WeakReference<CoroScheduler> {
        final Thread thread;

        Binding(CoroScheduler s, Thread thread) {
            super(s);
            this.thread = thread;
        }
    }

    final Loop loop;
    private final dev.ioasync.observe.LoopObserver observer;
    /**
     * Times a coro was resumed: {@link #metrics()}, and the watchdog's sign of progress during a
     * scheduler run ({@link dev.ioasync.observe.LoopObserver#progress}). A plain field, the only
     * accounting done per switch.
     */
    private long switches;
    /** What the loop's observer sees running during a scheduler run; the watchdog adds the running coro. */
    private final Object schedulerRun = new Object() {
        @Override
        public String toString() {
            return "the Coro scheduler";
        }
    };
    /** Deadlocks reported (metrics). */
    private long deadlocks;
    final CoroMechanism mechanism;
    private final boolean sameThread;
    /** Whether a coro hands the baton straight to the next coro (the fallback), not through the driver. */
    private final boolean transfers;
    /** The coro a strand that suspended to the driver picked to run next (it is out of the ready queue). */
    private Coro driverNext;
    final ReadyQueue readyQueue = new ReadyQueue();
    final Coro main;
    Coro current;
    /** Every live coro but main, in creation order, linked through the coros (O(1), no boxing). */
    private Coro liveHead;
    private Coro liveTail;
    private int liveCount;
    private long nextId = 1;

    private boolean driving;
    private boolean idling;
    private boolean pumpQueued;
    private Coro handoff;
    private Supplier<?> carrierTask;
    private Object carrierResult;
    private Throwable carrierError;
    int externalWaits;
    private DeadlockHandler deadlockHandler;
    /** Set while the deadlock handler runs: it must not block (Coro's "$Coro::idle blocked itself"). */
    private boolean inDeadlockHandler;
    /** A fatal JVM error that ended a coro, to be thrown out of the driver that resumed it. */
    private VirtualMachineError fatal;
    private Coro fatalCoro;
    /** The fatal errors this scheduler logged (identity), so that each is logged once. */
    private final Set<Throwable> loggedFatal = Collections.newSetFromMap(new WeakHashMap<>());

    final ArrayDeque<Coro> idlePool = new ArrayDeque<>();
    private int poolSize = 8;

    private CoroScheduler(Loop loop, CoroMechanism mechanism) {
        this.loop = loop;
        this.mechanism = mechanism;
        this.sameThread = mechanism.runsOnDriverThread();
        this.transfers = !sameThread;
        this.main = new Coro(this, null, null, true);
        this.main.desc = "main";
        this.current = main;
        this.observer = loop.observer();
        observer.context(this::describeRunning);
        observer.coroLister(() -> table(coros()));
        observer.progress(() -> (long) SWITCHES.getOpaque(this));
    }

    /** For the watchdog's thread: the running coro, read without synchronisation (a report only). */
    private String describeRunning() {
        Coro c = current;
        return c == null || c == main ? null : "coro " + c;
    }

    /**
     * The scheduler of {@code loop}, made at the first call, and binds it to the calling thread
     * (which must be the loop's) for the static methods of {@link Coro}.
     *
     * @param loop the loop whose thread is the main coro
     * @return its scheduler
     * @throws IllegalStateException when called on another thread than the loop's
     */
    public static CoroScheduler of(Loop loop) {
        Objects.requireNonNull(loop, "loop");
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("CoroScheduler.of(" + loop + ") must be called on the loop's thread, not "
                    + Thread.currentThread().getName());
        }
        CoroScheduler s;
        synchronized (BY_LOOP) {
            WeakReference<CoroScheduler> ref = BY_LOOP.get(loop);
            s = ref == null ? null : ref.get();
            if (s == null) {
                s = new CoroScheduler(loop, Mechanisms.selected().forScheduler());
                BY_LOOP.put(loop, new WeakReference<>(s));
            }
        }
        BOUND.set(s);
        lastBinding = new Binding(s, Thread.currentThread());
        return s;
    }

    /**
     * The scheduler bound to the calling thread: the one the running coro belongs to, or the last
     * one {@link #of(Loop)} made on this thread.
     *
     * @return the scheduler
     * @throws IllegalStateException when none is bound
     */
    public static CoroScheduler current() {
        // small enough for the JIT to inline into cede and the primitives; the rest is cold
        Binding b = lastBinding;
        if (b != null && b.thread == Thread.currentThread()) {
            CoroScheduler s = b.get();
            if (s != null) {
                return s;
            }
        }
        return currentSlow();
    }

    private static CoroScheduler currentSlow() {
        Thread t = Thread.currentThread();
        CoroScheduler s = BOUND.get();
        if (s != null) {
            if (s.sameThread) { // not for the fallback's coros, each on a thread of its own
                lastBinding = new Binding(s, t);
            }
        } else {
            throw new IllegalStateException("no Coro scheduler on thread " + Thread.currentThread().getName()
                    + ": call CoroScheduler.of(loop) on the loop's thread first");
        }
        return s;
    }

    /** {@return the loop this scheduler runs on} */
    public Loop loop() {
        return loop;
    }

    /** {@return the mechanism's name: {@code continuation} or {@code virtual-thread}} */
    public String mechanism() {
        return mechanism.name();
    }

    /** {@return the main coro: the loop's thread} */
    public Coro main() {
        return main;
    }

    /** {@return the running coro} */
    public Coro currentCoro() {
        return current;
    }

    /** {@return how many coros are ready to run (Perl's {@code Coro::nready})} */
    public int nready() {
        return readyQueue.size();
    }

    /**
     * Installs what happens on a deadlock.
     *
     * @param handler the handler, or {@code null} for the default (throw the report)
     * @return this
     */
    public CoroScheduler onDeadlock(DeadlockHandler handler) {
        this.deadlockHandler = handler;
        return this;
    }

    /**
     * Sets how many idle coros {@link Coro#asyncPool} keeps (Perl's {@code $Coro::POOL_SIZE}).
     *
     * @param size at least 0; the default is 8
     * @return this
     */
    public CoroScheduler poolSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("pool size " + size + " < 0");
        }
        this.poolSize = size;
        return this;
    }

    /** {@return how many idle coros {@link Coro#asyncPool} keeps} */
    public int poolSize() {
        return poolSize;
    }

    /** {@return every live coro (not yet a zombie), the main coro first} */
    public List<CoroInfo> coros() {
        checkThread();
        List<CoroInfo> rows = new ArrayList<>(liveCount + 1);
        rows.add(main.info());
        for (Coro c = liveHead; c != null; c = c.nextLive) {
            rows.add(c.info());
        }
        return rows;
    }

    /**
     * Counts the coros (Coro's {@code nready} and more) and what the scheduler did.
     *
     * @return the snapshot
     * @throws IllegalStateException when called off the loop's thread
     */
    public CoroMetrics metrics() {
        checkThread();
        int blocked = 0;
        for (Coro c = liveHead; c != null; c = c.nextLive) {
            if ("blocked".equals(c.info().state())) {
                blocked++;
            }
        }
        return new CoroMetrics(liveCount, readyQueue.size(), blocked, switches, deadlocks);
    }

    /**
     * Every coro blocked for longer than {@code threshold} (on a primitive, a future, a timer or a
     * stream), longest first: where a program that stopped making progress is waiting.
     *
     * @param threshold how long a coro must have been blocked to be listed
     * @return the stuck coros
     * @throws IllegalStateException when called off the loop's thread
     */
    public List<StuckCoro> stuck(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        checkThread();
        long now = System.nanoTime();
        List<StuckCoro> out = new ArrayList<>();
        for (Coro c = liveHead; c != null; c = c.nextLive) {
            CoroInfo info = c.info();
            long blockedFor = now - c.blockedSince;
            if ("blocked".equals(info.state()) && c.waitingOn != null && blockedFor > threshold.toNanos()) {
                out.add(new StuckCoro(info, Duration.ofNanos(blockedFor)));
            }
        }
        out.sort((a, b) -> b.blockedFor().compareTo(a.blockedFor()));
        return out;
    }

    static String table(List<CoroInfo> rows) {
        StringBuilder sb = new StringBuilder(CoroInfo.header()).append('\n');
        for (CoroInfo r : rows) {
            sb.append(r.row()).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ bookkeeping

    long register(Coro c) {
        long id = nextId++;
        if (!c.isMainCoro()) {
            c.prevLive = liveTail;
            if (liveTail == null) {
                liveHead = c;
            } else {
                liveTail.nextLive = c;
            }
            liveTail = c;
            liveCount++;
        }
        return id;
    }

    void forget(Coro c) {
        if (c.prevLive == null && liveHead != c) {
            return; // not in the list (the main coro, or forgotten already)
        }
        if (c.prevLive == null) {
            liveHead = c.nextLive;
        } else {
            c.prevLive.nextLive = c.nextLive;
        }
        if (c.nextLive == null) {
            liveTail = c.prevLive;
        } else {
            c.nextLive.prevLive = c.prevLive;
        }
        c.prevLive = null;
        c.nextLive = null;
        liveCount--;
    }

    List<Coro> liveCoros() {
        List<Coro> all = new ArrayList<>(liveCount);
        for (Coro c = liveHead; c != null; c = c.nextLive) {
            all.add(c);
        }
        return all;
    }

    void checkThread() {
        if (!(sameThread || current == main ? loop.inLoopThread() : current.strand != null && current.strand.isCurrent())) {
            throw wrongThread();
        }
    }

    private static IllegalStateException wrongThread() {
        return new IllegalStateException("Coro call on thread " + Thread.currentThread().getName()
                + ", which is not running this scheduler's loop or coro; use loop.later() to reach it");
    }

    /** Coros readied outside a switching call run from a loop callback. */
    void requestPump() {
        if (!driving && !pumpQueued) {
            pumpQueued = true;
            loop.later(this::pump);
        }
    }

    private void pump() {
        pumpQueued = false;
        if (driving || current != main) {
            return;
        }
        driving = true;
        boolean ok = false;
        try {
            Coro next = takeNext();
            while (next != null && next != main) {
                next = runBatch(next);
            }
            ok = true;
        } finally {
            // a fatal error leaves through the loop, which logs it (a loop callback's fatal error)
            driving = false;
            current = main;
            fatal = null;
            fatalCoro = null;
            if (!ok) {
                afterAbort();
            }
        }
    }

    /**
     * The driver left by an exception (a coro's fatal JVM error, a deadlock report, an error of the
     * idle hook): the main coro is running, not ready; coros still ready run at the next switch or
     * from a pump.
     */
    private void afterAbort() {
        Coro picked = driverNext;
        if (picked != null) { // named to run next and out of the queue: first again
            driverNext = null;
            readyQueue.addFirst(picked);
        }
        readyQueue.remove(main);
        if (handoff == main) {
            handoff = null;
        }
        if (readyQueue.size() > 0 || handoff != null) {
            pumpQueued = false;
            requestPump();
        }
    }

    // ------------------------------------------------------------------ switching

    /**
     * {@return whether the running code may switch and wait}: not a loop callback run by the idle
     * hook, not the deadlock handler, not a coro that has ended (its onDestroy callbacks)
     */
    boolean canBlock() {
        return !(current == main && idling) && !inDeadlockHandler && !current.zombie;
    }

    void checkCanBlock() {
        if (idling && current == main || inDeadlockHandler || current.zombie) { // !canBlock(), kept small to inline
            throw cannotBlock();
        }
    }

    /** {@return where the running code is, when {@link #canBlock()} is false, for messages} */
    String whereBlockingIsRefused() {
        if (inDeadlockHandler) {
            return "from the deadlock handler";
        }
        if (current.zombie) {
            return "from code that runs at the end of " + current + " (an onDestroy callback)";
        }
        return "from a loop callback while the scheduler is idle";
    }

    private IllegalStateException cannotBlock() {
        if (inDeadlockHandler) {
            return new IllegalStateException("the Coro deadlock handler tried to block (Coro's \"FATAL: $Coro::idle"
                    + " blocked itself\"): it runs inside the scheduler's idle hook, so it may ready, cancel or"
                    + " throwInto coros, or throw, but not cede, schedule, join or wait");
        }
        if (current.zombie) {
            return new IllegalStateException(current + " has ended: code that runs at its end (onDestroy callbacks)"
                    + " must not cede, schedule, join or wait");
        }
        return new IllegalStateException("a loop callback tried to block while the Coro scheduler was idle"
                + " (Coro's \"$Coro::idle blocked itself\"): wrap the callback in Coro.unblockSub");
    }

    /**
     * The running coro gives up the CPU; returns when it runs again. It has readied itself (cede)
     * or not (schedule), and may have named a hand-off target.
     */
    void switchOut() {
        // kept small so that the JIT inlines it into cede and the primitives: every frame between
        // the coro's code and Continuation.yield is one more to freeze and thaw at each switch
        Coro me = current;
        if (me == main) {
            switchOutMain();
            return;
        }
        if (me.leaveHooks != null) {
            me.runLeaveHooks();
        }
        try {
            if (transfers) {
                switchOutDirect(me);
            } else {
                me.strand.suspend();
            }
        } catch (RuntimeException cannotSwitch) {
            cannotSwitch(me);
            throw cannotSwitch;
        }
        if (me.enterHooks != null) {
            me.runEnterHooks();
        }
    }

    /**
     * The fallback's switch: the coro picks the next one itself and hands the baton straight to
     * its virtual thread; only the main coro, the idle hook and loop-thread work need the driver.
     */
    private void switchOutDirect(Coro me) {
        Coro next = takeNext();
        if (next == me) {
            current = me; // it readied itself and nothing else may run first: no switch at all
            return;
        }
        if (next == null || next == main) {
            driverNext = next;
            me.strand.suspend();
            return;
        }
        current = next;
        switches++;
        Strand st = next.strand;
        if (st == null) {
            st = start(next);
        }
        me.strand.transferTo(st);
    }

    /**
     * {@link Coro#cede()}'s common case on the continuation mechanism: a coro other than main, in
     * no unusual state, cedes. It only marks itself and suspends; the driver readies it (at the
     * tail of its priority's queue) once it has suspended and then takes the next coro as after
     * any switch, so the order is the general path's: the highest priority that waited longest,
     * never a lower one. Keeping the queue work on the driver's side keeps this small enough for
     * the JIT to inline {@code cede} into the caller's frame: one frame less to freeze and thaw
     * at every switch.
     *
     * @param me the running coro
     * @return whether the cede happened here (the coro has run again since); {@code false} when
     *     nothing was done and the general path must run
     */
    boolean cedeToDriver(Coro me) {
        // the loop's thread (continuation strands run on it), not main (so no deadlock handler,
        // which runs as main), no hand-off named, nothing pending or out of the ordinary
        if (transfers || me == main || handoff != null || !loop.inLoopThread() || !me.cedesPlainly()) {
            return false;
        }
        me.cedeRequested = true;
        try {
            me.strand.suspend();
        } catch (RuntimeException cannotSwitch) { // pinned: as if it had not tried
            me.cedeRequested = false;
            throw cannotSwitch;
        }
        me.checkPending();
        return true;
    }

    private void switchOutMain() {
        try {
            main.runLeaveHooks();
        } catch (RuntimeException | Error e) { // a hook's fatal error: the main coro goes on running, not ready
            afterAbort();
            throw e;
        }
        driveAsMain();
        main.runEnterHooks();
    }

    /** The coro's stack is pinned: it goes on running, as if it had not tried to switch. */
    private void cannotSwitch(Coro me) {
        readyQueue.remove(me);
        handoff = null;
        me.runEnterHooks();
    }

    private void driveAsMain() {
        if (idling) {
            readyQueue.remove(main);
            handoff = null;
            checkCanBlock();
        }
        boolean outer = driving;
        driving = true;
        boolean ok = false;
        try {
            Coro next = takeNext();
            while (next != main) {
                if (next == null) {
                    idle();
                    next = takeNext();
                } else {
                    next = runBatch(next);
                }
            }
            ok = true;
        } catch (VirtualMachineError e) {
            if (e == fatal) {
                logFatal(e, fatalCoro, "the main coro's switching call");
            }
            throw e;
        } finally {
            driving = outer;
            current = main;
            if (fatal != null) {
                fatal = null;
                fatalCoro = null;
            }
            if (!ok) {
                afterAbort();
            }
        }
    }

    private Coro takeNext() {
        Coro picked = driverNext;
        if (picked != null) {
            driverNext = null;
            return picked;
        }
        Coro next = handoff;
        if (next != null) {
            handoff = null;
            readyQueue.remove(next);
            return next;
        }
        return readyQueue.poll();
    }

    /**
     * One scheduler run: resumes {@code first}, then each coro that it and its successors switch
     * to, until the next to run is the main coro or none is ready (the idle hook's business, which
     * polls the loop: never inside a run).
     *
     * <p>The loop's observer sees the run as one callback, announced once ("the Coro scheduler";
     * the watchdog names the running coro through the scheduler's context): no observer call per
     * switch. The only accounting per switch is {@link #switches}, a plain field, exact at any
     * time on the loop's thread ({@link #metrics()}), which the watchdog reads as progress, so a
     * run of coros that switch is not taken for one blocked callback while one coro that holds
     * the thread still is. Coro switches are thus counted by {@link CoroMetrics#switches()}, not
     * as loop callbacks (one per run).
     *
     * @param first the coro to run first, out of the ready queue
     * @return the next coro to run after the run: the main coro, or {@code null} when none is ready
     */
    private Coro runBatch(Coro first) {
        Object before = observer.onCallbackStart(schedulerRun);
        try {
            Coro c = first;
            do {
                runUntilSwitch(c);
                c = takeNext();
            } while (c != null && c != main);
            return c;
        } finally {
            observer.onCallbackEnd(before);
        }
    }

    private void runUntilSwitch(Coro c) {
        current = c;
        switches++;
        Strand st = c.strand;
        boolean ceded;
        try {
            if (st == null) {
                st = start(c);
            }
            st.resume();
        } finally {
            ceded = c.cedeRequested;
            c.cedeRequested = false;
        }
        if (ceded) { // cedeToDriver: it has suspended; now it is ready and the next one is chosen
            driverNext = readyQueue.addLastThenPoll(c);
        }
        if (carrierTask != null) {
            runCarrierTasks();
        }
        current = main; // loop callbacks run by the idle hook run in the main coro
        if (fatal != null) {
            throw fatal;
        }
    }

    /**
     * A coro ended with a fatal JVM error: no coro failure, it is thrown out of the driver that
     * resumed the coro (the main coro's switching call, or the pump and so the loop's run).
     */
    void diedFatally(Coro c, VirtualMachineError error) {
        fatal = error;
        fatalCoro = c;
    }

    private void logFatal(VirtualMachineError e, Coro c, String where) {
        try {
            if (loggedFatal.add(e)) {
                LOG.log(Level.ERROR, (c == null ? "a coro" : c.toString()) + " ended with a fatal JVM error: it is not a"
                        + " coro failure and leaves the Coro scheduler through " + where, e);
            }
        } catch (Throwable loggingFailed) { // logging must never hide the fatal error
            if (loggingFailed != e) {
                e.addSuppressed(loggingFailed);
            }
        }
    }

    private Strand start(Coro c) {
        c.started = true;
        c.strand = mechanism.newStrand(c.id, () -> CoroEnding.runBody(c, sameThread ? null : BOUND));
        return c.strand;
    }

    /** The fallback's coro asked for loop-thread work ({@link #onLoopThread}): do it, resume it, again. */
    private void runCarrierTasks() {
        Supplier<?> task;
        while ((task = carrierTask) != null) {
            Strand st = current.strand; // the coro that asked (coros hand the baton to each other)
            carrierTask = null;
            try {
                carrierResult = task.get();
            } catch (RuntimeException | Error e) { // rethrown in the coro that asked, errors too
                carrierError = e;
            }
            st.resume();
        }
    }

    /**
     * Runs {@code task} on the loop's thread: at once with the continuation mechanism, else handed
     * to the driver and back (not a Coro switch: no hooks, no other coro runs).
     */
    <T> T onLoopThread(Supplier<T> task) {
        if (sameThread || current == main) {
            return task.get();
        }
        carrierTask = task;
        current.strand.suspend();
        Object r = carrierResult;
        Throwable e = carrierError;
        carrierResult = null;
        carrierError = null;
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e != null) {
            throw (Error) e;
        }
        @SuppressWarnings("unchecked")
        T t = (T) r;
        return t;
    }

    void setHandoff(Coro target) {
        handoff = target;
    }

    // ------------------------------------------------------------------ idle and deadlock

    private void idle() {
        if (Thread.currentThread().isInterrupted()) {
            // a selector returns at once while its thread is interrupted: say so instead of spinning
            throw new IllegalStateException("the Coro scheduler's thread " + Thread.currentThread().getName()
                    + " was interrupted while it waited for a coro to become ready",
                    new InterruptedException());
        }
        idling = true;
        try {
            if (loop.pendingTimers() > 0 || loop.watchedHandles() > 0 || externalWaits > 0) {
                loop.loopOnce(null);
                return;
            }
            loop.loopOnce(Duration.ZERO); // deferred calls may still ready a coro
        } finally {
            idling = false;
        }
        if (readyQueue.size() > 0 || handoff != null || loop.pendingTimers() > 0 || loop.watchedHandles() > 0
                || externalWaits > 0) {
            return;
        }
        List<CoroInfo> rows = coros();
        DeadlockException report = new DeadlockException(rows);
        deadlocks++;
        CoroDeadlockEvent event = new CoroDeadlockEvent();
        if (event.shouldCommit()) {
            event.loop = observer.name();
            event.coros = rows.size();
            event.listing = table(rows);
            event.commit();
        }
        DeadlockHandler h = deadlockHandler;
        if (h != null) {
            inDeadlockHandler = true;
            try {
                h.onDeadlock(report);
            } finally {
                inDeadlockHandler = false;
            }
            if (readyQueue.size() > 0 || handoff != null || loop.pendingTimers() > 0) {
                return;
            }
        }
        throw report;
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Blocks the running coro until {@code w} is signalled or {@code timeout} passes; pending
     * exceptions surface here.
     *
     * @return whether it was signalled
     */
    boolean block(Waiter w, Object what, Duration timeout) {
        Coro me = current;
        me.checkPending();
        if (w.signalled) {
            return true;
        }
        checkCanBlock();
        if (timeout != null) {
            return blockTimed(w, what, timeout);
        }
        return waitFor(me, w, what);
    }

    private boolean blockTimed(Waiter w, Object what, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            w.expire();
            return false;
        }
        Cancellable timer = onLoopThread(() -> loop.watchTimeAfter(timeout, w::timeout));
        try {
            return waitFor(current, w, what);
        } finally {
            if (timer.isPending()) {
                onLoopThread(timer::cancel);
            }
        }
    }

    /** Switches out until {@code w} is signalled or timed out (small: the JIT inlines it). */
    private boolean waitFor(Coro me, Waiter w, Object what) {
        Object before = me.waitingOn;
        me.waitingOn = what;
        me.blockedSince = observer.lastPolledNanos();
        try {
            while (w.isWaiting()) {
                switchOut();
                me.checkPending();
            }
            return w.signalled;
        } finally {
            me.waitingOn = before;
        }
    }

    long nanoTime() {
        return loop.clock().nanoTime();
    }

    // ------------------------------------------------------------------ killall

    void killall() {
        checkThread();
        for (Coro c : liveCoros()) {
            if (c != current && !c.isZombie()) {
                c.cancel();
            }
        }
    }

    static void log(Level level, String message, Throwable t) {
        LOG.log(level, message, t);
    }
}
