package dev.ioasync.coro;

import dev.ioasync.Future;
import dev.ioasync.coro.internal.Strand;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A cooperative thread on the loop (Perl's Coro): exactly one coro runs at a time, on the loop's
 * thread, and switches happen only at {@link #cede()}, {@link #schedule()} and blocking on a Coro
 * primitive ({@link Semaphore}, {@link Signal}, {@link Channel}, {@link RWLock},
 * {@link #join()}, {@link #await(Future)}, {@link #sleep(Duration)}, ...).
 *
 * <p>The static methods act on the running coro of the scheduler bound to the calling thread
 * ({@link CoroScheduler#current()}); see {@link CoroScheduler} for how a scheduler belongs to a
 * loop, and {@code async-coro/README.md} for the JVM flag the fast mechanism needs.
 *
 * <h2>Differences from Perl's Coro</h2>
 * A body that throws ends its coro failed ({@link #join()} rethrows it wrapped in
 * {@link CoroFailedException}; a failure nobody joins is logged) instead of killing the program.
 * Changing the priority of a ready coro moves it at once. {@link #suspend()} then
 * {@link #resume()} never loses a wake-up. Every blocking wait takes an optional timeout.
 * {@link #scheduleTo()} and {@link #cedeTo()} take the target out of the ready queue.
 *
 * <h2>Fatal JVM errors</h2>
 * A {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link StackOverflowError}, ...) thrown
 * in a coro's body or in a callback Coro runs (onDestroy, an await callback of a primitive, an
 * asyncPool job) is no coro failure: the coro ends, the error is logged once and thrown out of the
 * scheduler (the main coro's switching call, or the loop's run when the loop ran the coro), and a
 * {@link #join()} of that coro throws the error itself, never a {@link CoroFailedException}.
 *
 * <h2>Thread rules</h2>
 * Call these methods on the loop's thread or from a coro of that loop; other threads reach a coro
 * through {@link dev.ioasync.Loop#later(Runnable)}.
 */
public final class Coro {

    /** The highest priority (Perl's {@code PRIO_MAX}). */
    public static final int PRIO_MAX = 3;
    /** A high priority (Perl's {@code PRIO_HIGH}). */
    public static final int PRIO_HIGH = 1;
    /** The default priority (Perl's {@code PRIO_NORMAL}). */
    public static final int PRIO_NORMAL = 0;
    /** A low priority (Perl's {@code PRIO_LOW}). */
    public static final int PRIO_LOW = -1;
    /** The idle priority (Perl's {@code PRIO_IDLE}). */
    public static final int PRIO_IDLE = -3;
    /** The lowest priority (Perl's {@code PRIO_MIN}). */
    public static final int PRIO_MIN = -4;

    private static final Object[] NO_ARGS = new Object[0];

    final CoroScheduler s;
    final long id;
    final Body body;
    Object[] args;
    private final boolean isMain;
    final boolean pooled;

    Strand strand;
    int prio = PRIO_NORMAL;
    String desc;
    /** When it last started to wait ({@link dev.ioasync.observe.LoopObserver#lastPolledNanos()}), for stuck reports. */
    long blockedSince;
    /** What it waits on, for {@link #list()}: a string, or a {@link WaitingOn} made into one only when listed. */
    Object waitingOn;

    boolean started;
    boolean zombie;
    boolean inQueue;
    boolean readyPending;
    boolean suspended;
    /** Set by cede's common path: the driver readies this coro once it has suspended. */
    boolean cedeRequested;
    Coro prevReady;
    Coro nextReady;
    Coro prevLive;
    Coro nextLive;

    RuntimeException pendingThrow;
    CoroExit pendingExit;

    // the ending's state: see CoroEnding
    List<Object> result = List.of();
    Throwable failure;
    /** Coros waiting in join or cancel; made at the first. */
    List<Waiter> joiners;
    List<Consumer<List<Object>>> onDestroy;
    List<Runnable> enterHooks;
    List<Runnable> leaveHooks;
    Map<Specific<?>, Object> locals;
    RouseCallback lastRouse;

    Body poolJob;
    Object[] poolArgs;

    /**
     * A new coro, not yet ready (Perl's {@code new Coro sub { ... }}): call {@link #ready()} to
     * start it. Belongs to the scheduler bound to the calling thread.
     *
     * @param body the code
     */
    public Coro(Runnable body) {
        this(CoroScheduler.current(), runnableBody(body), NO_ARGS, false);
    }

    /**
     * A new coro with arguments, not yet ready (Perl's {@code new Coro \&sub, @args}).
     *
     * @param body the code
     * @param args its arguments
     */
    public Coro(Body body, Object... args) {
        this(CoroScheduler.current(), Objects.requireNonNull(body, "body"), argsCopy(args), false);
    }

    Coro(CoroScheduler s, Body body, Object[] args, boolean isMain) {
        this(s, body, args, isMain, false);
    }

    Coro(CoroScheduler s, Body body, Object[] args, boolean isMain, boolean pooled) {
        this.s = s;
        this.body = body;
        this.args = args;
        this.isMain = isMain;
        this.pooled = pooled;
        this.started = isMain;
        if (!isMain) {
            s.checkThread();
        }
        this.id = s.register(this);
    }

    private static Object[] argsCopy(Object[] args) {
        return Objects.requireNonNull(args, "args (pass no arguments, or (Object) null for one null argument)").clone();
    }

    private static Body runnableBody(Runnable r) {
        Objects.requireNonNull(r, "body");
        return a -> {
            r.run();
            return null;
        };
    }

    // ================================================================== static API: creation

    /**
     * Creates a coro and readies it (Perl's {@code async { ... }}).
     *
     * @param body the code
     * @return the coro
     */
    public static Coro async(Runnable body) {
        Coro c = new Coro(body);
        c.ready();
        return c;
    }

    /**
     * Creates a coro with arguments and readies it (Perl's {@code async { ... } @args}).
     *
     * @param body the code, given {@code args}
     * @param args the arguments
     * @return the coro
     */
    public static Coro async(Body body, Object... args) {
        Coro c = new Coro(body, args);
        c.ready();
        return c;
    }

    /**
     * Runs {@code body} in a pooled coro (Perl's {@code async_pool}): cheaper than
     * {@link #async}; a body that throws is logged, not rethrown; after each run the coro's
     * priority, description and coro-locals are reset. At most
     * {@link CoroScheduler#poolSize()} idle coros are kept.
     *
     * @param body the code
     * @param args its arguments
     * @return the pooled coro that runs it (do not join it)
     */
    public static Coro asyncPool(Body body, Object... args) {
        Objects.requireNonNull(body, "body");
        return CoroPool.submit(CoroScheduler.current(), body, argsCopy(args));
    }

    /**
     * Runs {@code body} in a pooled coro; see {@link #asyncPool(Body, Object...)}.
     *
     * @param body the code
     * @return the pooled coro that runs it
     */
    public static Coro asyncPool(Runnable body) {
        return CoroPool.submit(CoroScheduler.current(), runnableBody(body), NO_ARGS);
    }

    /**
     * A callback that may block (Perl's {@code unblock_sub}): calling it returns at once and runs
     * {@code callback} in a pooled coro. For loop callbacks that want to wait on Coro primitives.
     *
     * @param callback the code that may block
     * @return the non-blocking callback
     */
    public static Runnable unblockSub(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        CoroScheduler s = CoroScheduler.current();
        Body b = runnableBody(callback);
        return () -> CoroPool.submit(s, b, NO_ARGS);
    }

    /**
     * A one-argument callback that may block; see {@link #unblockSub(Runnable)}.
     *
     * @param callback the code that may block
     * @param <T> the argument type
     * @return the non-blocking callback
     */
    public static <T> Consumer<T> unblockSub(Consumer<T> callback) {
        Objects.requireNonNull(callback, "callback");
        CoroScheduler s = CoroScheduler.current();
        return value -> CoroPool.submit(s, a -> {
            callback.accept(value);
            return null;
        }, NO_ARGS);
    }

    // ================================================================== static API: the running coro

    /** {@return the running coro (Perl's {@code $Coro::current})} */
    public static Coro current() {
        return CoroScheduler.current().current;
    }

    /** {@return the main coro: the loop's thread (Perl's {@code $Coro::main})} */
    public static Coro main() {
        return CoroScheduler.current().main;
    }

    /** {@return how many coros are ready to run, not counting the running one (Perl's {@code Coro::nready})} */
    public static int nready() {
        return CoroScheduler.current().nready();
    }

    /**
     * Puts the running coro at the end of its ready queue and runs the next one (Perl's
     * {@code cede}); never runs a coro of lower priority.
     */
    public static void cede() {
        // kept small so that the JIT inlines it into the caller: a frame less to freeze and thaw
        CoroScheduler s = CoroScheduler.current();
        if (!s.cedeToDriver(s.current)) {
            cedeGenerally(s);
        }
    }

    /** {@link #cede()} in every case that {@link CoroScheduler#cedeToDriver} leaves alone. */
    private static void cedeGenerally(CoroScheduler s) {
        s.checkThread();
        Coro me = s.current;
        me.checkPending();
        s.checkCanBlock();
        me.readyChecked();
        s.switchOut();
        me.checkPending();
    }

    /**
     * Like {@link #cede()}, but runs another ready coro whatever its priority (Perl's
     * {@code cede_notself}).
     *
     * @return whether another coro was ready (else nothing happened)
     */
    public static boolean cedeNotSelf() {
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        Coro me = s.current;
        me.checkPending();
        if (s.readyQueue.size() == 0) {
            return false;
        }
        s.checkCanBlock();
        Coro next = s.readyQueue.poll();
        me.ready();
        s.setHandoff(next);
        s.switchOut();
        me.checkPending();
        return true;
    }

    /**
     * Runs the next ready coro without readying the running one (Perl's {@code schedule}): it
     * sleeps until something calls its {@link #ready()}. Spurious wake-ups are possible.
     */
    public static void schedule() {
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        Coro me = s.current;
        me.checkPending();
        s.checkCanBlock();
        Object before = me.waitingOn;
        if (before == null) {
            me.waitingOn = "schedule";
        }
        try {
            s.switchOut();
        } finally {
            me.waitingOn = before;
        }
        me.checkPending();
    }

    /**
     * Ends the running coro with these values for {@link #join()} (Perl's {@code terminate}):
     * unwinds it, running its {@code finally} blocks.
     *
     * @param values what {@code join} returns
     * @return never returns
     * @throws IllegalStateException in the main coro
     */
    public static RuntimeException terminate(Object... values) {
        List<Object> v = valueList(values);
        Coro me = current();
        if (me.isMain) {
            throw new IllegalStateException("the main coro cannot terminate");
        }
        throw new CoroExit(v, false);
    }

    /**
     * Sleeps on the loop's timers (Coro::AnyEvent's {@code sleep}).
     *
     * @param duration how long
     */
    public static void sleep(Duration duration) {
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        s.block(new Waiter(s.current), new WaitingOn("sleep", duration), Objects.requireNonNull(duration, "duration"));
    }

    /**
     * Waits for a future without blocking the loop, and returns its value.
     *
     * @param future any ioasync future
     * @param <T> the value type
     * @return the value
     * @throws dev.ioasync.FutureFailure when it failed
     * @throws java.util.concurrent.CancellationException when it was cancelled
     */
    public static <T> T await(Future<T> future) {
        return await(future, null);
    }

    /**
     * Waits at most {@code timeout} for a future and returns its value.
     *
     * @param future any ioasync future
     * @param timeout the longest wait, or {@code null} for no limit
     * @param <T> the value type
     * @return the value
     * @throws CoroTimeoutException when the time ran out (the future is left as it is)
     */
    public static <T> T await(Future<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        if (!future.isReady()) {
            Waiter w = new Waiter(s.current);
            future.onReady(f -> w.signal());
            s.externalWaits++;
            try {
                if (!s.block(w, new WaitingOn("await", future), timeout)) {
                    throw new CoroTimeoutException("future not ready after " + timeout);
                }
            } finally {
                s.externalWaits--;
            }
        }
        return future.get();
    }

    /**
     * Runs {@code task} on the loop's thread and returns its result: at once with the continuation
     * mechanism (coros run on the loop's thread), and handed to the main coro and back with the
     * virtual-thread fallback (no Coro switch: no other coro runs meanwhile). Use it from a coro for
     * loop methods that check the calling thread ({@code watchTimeAfter}, {@code watchIo},
     * {@code add}, ...), so that the code runs under both mechanisms.
     *
     * @param task the code
     * @param <T> its result type
     * @return its result
     */
    public static <T> T loopCall(java.util.function.Supplier<T> task) {
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        return s.onLoopThread(Objects.requireNonNull(task, "task"));
    }

    /**
     * Runs {@code block} now and whenever the running coro is switched back in (Perl's
     * {@code Coro::on_enter}), until the returned scope is closed. The block must not block or
     * throw (a throw is logged).
     *
     * @param block the code
     * @return its scope
     */
    public static Winder onEnter(Runnable block) {
        Objects.requireNonNull(block, "block");
        Coro me = current();
        Runnable hook = block::run;
        runHook(hook);
        if (me.enterHooks == null) {
            me.enterHooks = new ArrayList<>(2);
        }
        me.enterHooks.add(hook);
        return () -> me.enterHooks.remove(hook);
    }

    /**
     * Runs {@code block} whenever the running coro is switched out, and once more when the
     * returned scope is closed (Perl's {@code Coro::on_leave}); the block must not block or throw.
     *
     * @param block the code
     * @return its scope
     */
    public static Winder onLeave(Runnable block) {
        Objects.requireNonNull(block, "block");
        Coro me = current();
        Runnable hook = block::run;
        if (me.leaveHooks == null) {
            me.leaveHooks = new ArrayList<>(2);
        }
        me.leaveHooks.add(hook);
        return () -> {
            if (me.leaveHooks.remove(hook)) {
                runHook(hook);
            }
        };
    }

    /**
     * A new rouse callback owned by the running coro (Perl's {@code rouse_cb}).
     *
     * @return the callback
     */
    public static RouseCallback rouseCb() {
        Coro me = current();
        RouseCallback cb = new RouseCallback(me.s);
        me.lastRouse = cb;
        return cb;
    }

    /**
     * Waits for the running coro's most recent rouse callback (Perl's {@code rouse_wait}).
     *
     * @return the arguments it was called with
     */
    public static List<Object> rouseWait() {
        RouseCallback cb = current().lastRouse;
        if (cb == null) {
            throw new IllegalStateException("rouseWait(): this coro made no rouse callback");
        }
        return cb.await(null);
    }

    /**
     * Waits for a rouse callback to be called; returns at once when it was called already.
     *
     * @param cb the callback
     * @return the arguments of its first call
     * @throws IllegalStateException on a second wait for the same callback
     */
    public static List<Object> rouseWait(RouseCallback cb) {
        return Objects.requireNonNull(cb, "cb").await(null);
    }

    /**
     * Waits at most {@code timeout} for a rouse callback.
     *
     * @param cb the callback
     * @param timeout the longest wait
     * @return the arguments of its first call
     * @throws CoroTimeoutException when the time ran out
     */
    public static List<Object> rouseWait(RouseCallback cb, Duration timeout) {
        return Objects.requireNonNull(cb, "cb").await(timeout);
    }

    /** Cancels every coro but the running one and the main coro (Perl's {@code Coro::killall}). */
    public static void killall() {
        CoroScheduler.current().killall();
    }

    /** {@return a {@code ps}-like table of every live coro (Coro::Debug's {@code ps})} */
    public static String list() {
        return CoroScheduler.table(CoroScheduler.current().coros());
    }

    // ================================================================== instance API

    /**
     * Puts this coro at the end of its ready queue (Perl's {@code ready}). A suspended coro stays
     * ready but does not run until {@link #resume()}.
     *
     * @return {@code false} when it was ready already (or is a zombie)
     */
    public boolean ready() {
        s.checkThread();
        return readyChecked();
    }

    /** {@link #ready()} once the thread is known to be right (the switching calls checked it). */
    boolean readyChecked() {
        if (zombie || inQueue || readyPending || suspended) {
            return readyRarely();
        }
        s.readyQueue.addLast(this);
        s.requestPump();
        return true;
    }

    /**
     * {@return whether this coro is in none of the states that {@link #cede()}'s general path deals
     * with}: running plainly, in no ready queue, not suspended, no ready pending, no enter or leave
     * hooks, no cancel or throw pending (all loads of this one object, independent of each other)
     */
    boolean cedesPlainly() {
        return !(inQueue | readyPending | suspended | zombie) && enterHooks == null && leaveHooks == null
                && pendingExit == null && pendingThrow == null;
    }

    /** The cold cases of {@link #readyChecked()}, out of line so that it stays small enough to inline. */
    private boolean readyRarely() {
        if (zombie || inQueue || readyPending) {
            return false;
        }
        readyPending = true; // suspended: ready once resumed
        return true;
    }

    void wake() {
        ready();
    }

    /** Switches to this coro at once, whatever its priority, without readying the running one (Perl's {@code schedule_to}). */
    public void scheduleTo() {
        switchTo(false);
    }

    /** Readies the running coro and switches to this one at once (Perl's {@code cede_to}). */
    public void cedeTo() {
        switchTo(true);
    }

    private void switchTo(boolean cede) {
        s.checkThread();
        Coro me = s.current;
        if (zombie) {
            throw new IllegalStateException("cannot switch to " + this + ": it has ended");
        }
        me.checkPending();
        if (this == me) {
            return;
        }
        s.checkCanBlock();
        if (cede) {
            me.ready();
        }
        s.setHandoff(this);
        s.switchOut();
        me.checkPending();
    }

    /**
     * Cancels this coro (Perl's {@code cancel}): unwinds it from its switch point, running its
     * {@code finally} blocks and guards, then its {@link #onDestroy} callbacks, before this call
     * returns; {@link #join()} then returns {@code values}. The unwinding cannot be caught for
     * good: it is raised again at every later switch point, so cleanup code must not block.
     * Cancelling the running coro never returns. From a loop callback while the scheduler is idle,
     * from the deadlock handler, or from an ended coro's onDestroy callback (where the caller
     * cannot wait), the unwinding is only started. When the cancelled coro's unwinding cancels (or
     * throws into) the caller in turn, the caller ends (or gets the exception) as this call returns.
     *
     * @param values what {@code join} returns
     */
    public void cancel(Object... values) {
        CoroEnding.cancel(this, valueList(values));
    }

    /**
     * Cancels this coro (Perl's {@code safe_cancel}) where that can be done in its own context
     * before this call returns; fails otherwise.
     *
     * @param values what {@code join} returns
     * @return {@code true}
     * @throws IllegalStateException on the running coro (use {@link #terminate}), the main coro,
     *     or from a loop callback while the scheduler is idle
     */
    public boolean safeCancel(Object... values) {
        CoroEnding.safeCancel(this, valueList(values));
        return true;
    }

    /**
     * Raises {@code exception} in this coro at its next switch point (Perl's {@code throw}); a
     * blocked coro is readied so that it sees it at once, and gives up what it waited for (a
     * semaphore {@code down} so interrupted takes no token).
     *
     * @param exception what to raise, or {@code null} to clear a pending one
     */
    public void throwInto(RuntimeException exception) {
        s.checkThread();
        if (zombie) {
            return;
        }
        pendingThrow = exception;
        if (exception != null && started && this != s.current) {
            ready(); // a new coro sees it when it first runs
        }
    }

    /**
     * Waits until this coro ends and returns the values given to {@link #terminate} or
     * {@link #cancel}, or its body's value (Perl's {@code join}).
     *
     * @return the values
     * @throws CoroFailedException when its body threw (the cause)
     */
    public List<Object> join() {
        return join(null);
    }

    /**
     * Waits at most {@code timeout} for this coro to end; see {@link #join()}.
     *
     * @param timeout the longest wait, or {@code null}
     * @return the values
     * @throws CoroTimeoutException when the time ran out
     */
    public List<Object> join(Duration timeout) {
        return CoroEnding.join(this, timeout);
    }

    /**
     * Adds a callback run when this coro ends, after its stack has unwound and before its joiners
     * resume (Perl's {@code on_destroy}); it gets the join values and must not throw (a throw is
     * logged; a fatal JVM error goes on) or block (cede, schedule, join and waits throw
     * {@link IllegalStateException} there: the coro has ended). A terminate of the ended coro in its
     * own callback ends that callback only. On a zombie it runs at once.
     *
     * @param callback the callback
     * @return this
     */
    public Coro onDestroy(Consumer<List<Object>> callback) {
        CoroEnding.onDestroy(this, Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /** Keeps this coro from running until {@link #resume()} (Perl's {@code suspend}); a wake-up meanwhile is kept. */
    public void suspend() {
        s.checkThread();
        if (isMain) {
            throw new IllegalStateException("the main coro cannot be suspended");
        }
        if (suspended || zombie) {
            return;
        }
        suspended = true;
        if (inQueue) {
            s.readyQueue.remove(this);
            readyPending = true;
        }
    }

    /** Lets a {@linkplain #suspend() suspended} coro run again; one readied meanwhile goes back to its ready queue. */
    public void resume() {
        s.checkThread();
        if (!suspended) {
            return;
        }
        suspended = false;
        if (readyPending) {
            readyPending = false;
            ready();
        }
    }

    /** {@return whether it has never run (Perl's {@code is_new})} */
    public boolean isNew() {
        return !started && !zombie;
    }

    /** {@return whether it is ready to run (Perl's {@code is_ready}); true also for a suspended coro readied meanwhile} */
    public boolean isReady() {
        return inQueue || readyPending;
    }

    /** {@return whether it is the running coro (Perl's {@code is_running})} */
    public boolean isRunning() {
        return s.current == this;
    }

    /** {@return whether it is suspended (Perl's {@code is_suspended})} */
    public boolean isSuspended() {
        return suspended;
    }

    /** {@return whether it has ended (Perl's {@code is_zombie})} */
    public boolean isZombie() {
        return zombie;
    }

    /** {@return its priority (Perl's {@code prio})} */
    public int prio() {
        return prio;
    }

    /**
     * Sets its priority (Perl's {@code prio($new)}); a ready coro moves to the end of its new
     * ready queue at once (Perl waits until it next runs).
     *
     * @param newPrio {@link #PRIO_MIN}..{@link #PRIO_MAX}
     * @return the old priority
     */
    public int prio(int newPrio) {
        if (newPrio < PRIO_MIN || newPrio > PRIO_MAX) {
            throw new IllegalArgumentException("priority " + newPrio + " is outside " + PRIO_MIN + ".." + PRIO_MAX);
        }
        int old = prio;
        if (inQueue) {
            s.readyQueue.remove(this);
            prio = newPrio;
            s.readyQueue.addLast(this);
        } else {
            prio = newPrio;
        }
        return old;
    }

    /**
     * Lowers its priority by {@code change} (Perl's {@code nice}), clamped to the valid range.
     *
     * @param change how much lower (negative: higher)
     * @return the new priority
     */
    public int nice(int change) {
        prio(Math.max(PRIO_MIN, Math.min(PRIO_MAX, prio - change)));
        return prio;
    }

    /** {@return its description, or {@code null} (Perl's {@code desc})} */
    public String desc() {
        return desc;
    }

    /**
     * Sets its description.
     *
     * @param newDesc the description, or {@code null}
     * @return the old one
     */
    public String desc(String newDesc) {
        String old = desc;
        desc = newDesc;
        return old;
    }

    /** {@return its id, unique in its scheduler (the main coro is 1)} */
    public long id() {
        return id;
    }

    /** {@return its row in {@link #list()}} */
    public CoroInfo info() {
        return new CoroInfo(id, desc, state(), prio, waitingOn == null ? null : waitingOn.toString());
    }

    private String state() {
        if (zombie) {
            return "zombie";
        }
        if (s.current == this) {
            return "running";
        }
        if (suspended) {
            return "suspended";
        }
        if (inQueue) {
            return "ready";
        }
        if (!started) {
            return "new";
        }
        return "blocked";
    }

    @Override
    public String toString() {
        return "Coro#" + id + (desc == null ? "" : "(" + desc + ")");
    }

    // ================================================================== internals

    boolean isMainCoro() {
        return isMain;
    }

    /** Raises a pending cancel (again and again) or a pending throw (once). */
    void checkPending() {
        if (pendingExit != null) {
            throw pendingExit;
        }
        RuntimeException t = pendingThrow;
        if (t != null) {
            pendingThrow = null;
            throw t;
        }
    }

    void runEnterHooks() {
        if (enterHooks != null) {
            for (Runnable h : enterHooks.toArray(new Runnable[0])) {
                runHook(h);
            }
        }
    }

    void runLeaveHooks() {
        if (leaveHooks != null) {
            for (Runnable h : leaveHooks.toArray(new Runnable[0])) {
                runHook(h);
            }
        }
    }

    static void runHook(Runnable h) {
        try {
            h.run();
        } catch (RuntimeException e) {
            CoroScheduler.log(Level.WARNING, "a Coro onEnter/onLeave block threw; they must not", e);
        }
    }

    static List<Object> valueList(Object[] values) {
        Objects.requireNonNull(values, "values (pass none, or (Object) null for one null value)");
        return values.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    Map<Specific<?>, Object> locals() {
        if (locals == null) {
            locals = new IdentityHashMap<>(4);
        }
        return locals;
    }

    void resetForPool() {
        if (inQueue) {
            s.readyQueue.remove(this);
            prio = PRIO_NORMAL;
        } else {
            prio = PRIO_NORMAL;
        }
        desc = null;
        locals = null;
        enterHooks = null;
        leaveHooks = null;
        pendingThrow = null;
        lastRouse = null;
    }

}
