package dev.ioasync.routine;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.ValueCodec;
import dev.ioasync.routine.internal.ClassNamedFunction;
import dev.ioasync.routine.internal.FunctionWorkerBody;
import dev.ioasync.routine.internal.RemoteErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pool of worker routines that serve calls to one function (IO::Async::Function).
 *
 * <pre>{@code
 * Function f = new Function().code(args -> (Integer) args[0] + (Integer) args[1]).maxWorkers(4);
 * loop.add(f);
 * int three = (Integer) f.call(1, 2).get();
 * }</pre>
 *
 * <h2>Workers</h2>
 * Workers are {@link Routine}s in the {@link #model} chosen. They start lazily, at the first call
 * that finds no idle worker (or at an explicit {@link #start()}), never when the Function is
 * added to a loop: eager workers are what broke pre-forking servers in Perl. Then there are at
 * most {@link #maxWorkers}; once started, {@link #minWorkers} of them stay, and the others stop
 * after {@link #idleTimeout} without work. A worker stops after {@link #maxWorkerCalls} calls, or
 * after a call that threw when {@link #exitOnDie} is set; the next call that needs one starts a
 * new one. A worker that dies in the middle of a call (its process killed, even by
 * {@code kill -9}) fails that call with category {@code closed}.
 *
 * <h2>Calls</h2>
 * {@link #call} returns a future of the result; an exception from the code fails it with category
 * {@code error} and a {@link RoutineException} as detail. When every worker is busy, calls wait
 * in a queue: higher {@linkplain #callWithPriority priority} first, first come first served within
 * a priority. Cancelling a queued call removes it, so it never runs; cancelling a call a worker
 * is already running drops its result when it comes, and the worker stays in step. The Function
 * holds every call until it completes, so a caller that drops its future loses nothing (in Perl
 * the call is lost). {@link #stop()} fails queued and running calls with category
 * {@code shutdown}; {@link #restart()} lets running calls finish and gives queued ones to the new
 * workers. The arguments are encoded with the {@link #codec} at the call, in every model.
 *
 * <h2>Throughput</h2>
 * In the thread models a worker takes its next call from the queue itself as soon as it has
 * finished one, without waiting for the loop, and finished calls reach the loop in batches: one
 * wake-up of the loop delivers every result that came in meanwhile. Priorities still decide which
 * waiting call a worker takes next, and cancelling a call that no worker has taken still removes
 * it. A worker in a child JVM is fed by the loop, which sends calls ahead (pipelining): up to
 * {@link #pipelineDepth} calls per worker are on their way or waiting in the worker while it runs
 * one, and the worker answers a burst of calls with one write. A call sent ahead is no longer
 * overtaken by a later call of higher priority; {@code pipelineDepth(1)} gives IO::Async's order
 * exactly. Cancelling a call sent ahead asks the worker to skip it (its result is dropped if it
 * had already started). When a worker in a child JVM dies, the call it was running fails with
 * category {@code closed} and the cause, and the calls sent ahead that it had not started go back
 * to the queue for another worker: no call is lost or run twice. {@link #restart()} takes back
 * the calls sent ahead to the old workers that they have not started.
 *
 * <p>Thread rules: confined to the loop thread; every future completes there.
 */
public final class Function extends Notifier {

    private FunctionCode code;
    private RoutineModel model;
    private RoutineSetup setup = RoutineSetup.NONE;
    private Codec codec = ValueCodec.DEFAULT;
    private int maxFrameSize = Channel.DEFAULT_MAX_FRAME_SIZE;
    private long writeLimit = Channel.DEFAULT_WRITE_LIMIT;
    private int minWorkers = 1;
    private int maxWorkers = 8;
    private int maxWorkerCalls;
    private Duration idleTimeout;
    private boolean exitOnDie;
    private int pipelineDepth = DEFAULT_PIPELINE_DEPTH;

    /** The default of {@link #pipelineDepth(int)}. */
    public static final int DEFAULT_PIPELINE_DEPTH = 16;

    private final List<FunctionWorker> workers = new ArrayList<>();
    private final CallQueue queue = new CallQueue();
    private final InFlightCalls inFlight = new InFlightCalls();
    private ResultMailbox mailbox;
    private Cancellable threadIdleTimer;
    private long seq;
    /** Worker counts kept by {@link #count()}: loop thread only. */
    private boolean countsStale = true;
    private int liveCount;
    private int liveThreadCount;
    private int fedCount;

    // metrics: loop thread only
    private long callsDone;
    private long callsFailed;
    private long callsCancelled;
    private long workersStarted;
    private final java.util.Map<String, Long> workersEnded = new java.util.TreeMap<>();
    private final dev.ioasync.observe.Log2Histogram callLatency = new dev.ioasync.observe.Log2Histogram();

    /** Creates a Function; give it code, add it to a loop, then call it. */
    public Function() {
    }

    /**
     * Sets the function (IO::Async's {@code code}). Running workers keep the old code until
     * {@link #restart()}.
     *
     * @param code the function
     * @return this
     */
    public Function code(FunctionCode code) {
        this.code = Objects.requireNonNull(code, "code");
        return this;
    }

    /**
     * Names the function by class (IO::Async's {@code module} and {@code func}): only the name
     * crosses to a child JVM.
     *
     * @param type a class with a public no-argument constructor
     * @return this
     */
    public Function code(Class<? extends FunctionCode> type) {
        return code(new ClassNamedFunction(Objects.requireNonNull(type, "type").getName()));
    }

    /**
     * Sets the workers' model (IO::Async's {@code model}).
     *
     * @param model the model, or {@code null} for {@link RoutineModel#fromEnvironment()}
     * @return this
     */
    public Function model(RoutineModel model) {
        this.model = model;
        return this;
    }

    /** {@return the workers' model: the one set or the default that applies} */
    public RoutineModel model() {
        return model != null ? model : RoutineModel.fromEnvironment();
    }

    /**
     * Sets the worker JVMs' environment (IO::Async's {@code setup}).
     *
     * @param setup the setup
     * @return this
     */
    public Function setup(RoutineSetup setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /**
     * Sets the codec of arguments (every model: they are encoded when the call is made) and of
     * results (PROCESS model); default {@link ValueCodec#DEFAULT}, which carries plain values and
     * the record and enum classes registered with it.
     *
     * @param codec the codec
     * @return this
     */
    public Function codec(Codec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * Sets the largest encoded arguments or result of one call in the PROCESS model, in bytes
     * (default {@value Channel#DEFAULT_MAX_FRAME_SIZE}). Bigger arguments are refused at the call;
     * a worker that announces a bigger result is killed and the call fails with category
     * {@code codec}. Applies to workers started afterwards.
     *
     * @param bytes at least 1
     * @return this
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Function maxFrameSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxFrameSize " + bytes + " < 1");
        }
        this.maxFrameSize = bytes;
        return this;
    }

    /**
     * Sets the most bytes of encoded calls sent ahead to one worker in a child JVM and not yet read
     * by it (default {@value Channel#DEFAULT_WRITE_LIMIT}; see {@link Channel#writeLimit}). Past
     * it, calls are not sent ahead to that worker: they wait in this Function's queue, as when
     * every worker has {@link #pipelineDepth} calls, and go to the first worker with room. One
     * call is always sent to a worker that has none queued. So a worker that does not read its
     * calls (busy, stuck or hostile) holds at most this much of the parent's memory in its pipe
     * queue. No such limit exists in IO::Async. Applies to workers started afterwards.
     *
     * @param bytes the limit; 0 turns it off (the pipeline depth alone bounds what is sent ahead)
     * @return this
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public Function writeLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("write limit must be 0 (off) or more, not " + bytes);
        }
        this.writeLimit = bytes;
        return this;
    }

    /** {@return the write limit of the workers' call channels in bytes, 0 when off} */
    public long writeLimit() {
        return writeLimit;
    }

    /**
     * Sets the number of workers kept once started (IO::Async's {@code min_workers}, default 1).
     *
     * @param n at least 0
     * @return this
     */
    public Function minWorkers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("minWorkers " + n + " < 0");
        }
        this.minWorkers = n;
        return this;
    }

    /**
     * Sets the most workers at once (IO::Async's {@code max_workers}, default 8).
     *
     * @param n at least 1
     * @return this
     */
    public Function maxWorkers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxWorkers " + n + " < 1");
        }
        this.maxWorkers = n;
        return this;
    }

    /**
     * Sets the calls after which a worker stops (IO::Async's {@code max_worker_calls}).
     *
     * @param n the limit, or 0 for none (the default)
     * @return this
     */
    public Function maxWorkerCalls(int n) {
        this.maxWorkerCalls = Math.max(0, n);
        return this;
    }

    /**
     * Sets how long a worker beyond {@link #minWorkers} may stay idle (IO::Async's
     * {@code idle_timeout}).
     *
     * @param timeout the time, or {@code null} for no limit (the default)
     * @return this
     */
    public Function idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * Sets whether a worker stops after its code throws (IO::Async's {@code exit_on_die}).
     *
     * @param exit true to stop it (a new worker replaces it when needed)
     * @return this
     */
    public Function exitOnDie(boolean exit) {
        this.exitOnDie = exit;
        return this;
    }

    /**
     * Sets how many calls the loop sends ahead to one worker in a child JVM (PROCESS model): the
     * call it runs and those waiting in its pipe (default {@value #DEFAULT_PIPELINE_DEPTH}; not in
     * IO::Async, whose workers take one call at a time). More calls in flight let a worker answer
     * them in bursts, one write and one loop wake-up for many; 1 keeps every waiting call in the
     * Function's queue, where a later call of higher priority can still overtake it. New calls go
     * to an idle worker first, and a new worker is started (up to {@link #maxWorkers}) before calls
     * are sent ahead to busy ones. Applies from the next call sent.
     *
     * @param calls at least 1
     * @return this
     * @throws IllegalArgumentException when {@code calls} is less than 1
     */
    public Function pipelineDepth(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("pipelineDepth " + calls + " < 1");
        }
        this.pipelineDepth = calls;
        return this;
    }

    /** {@return how many calls are sent ahead to one worker in a child JVM, at most} */
    public int pipelineDepth() {
        return pipelineDepth;
    }

    // ------------------------------------------------------------------ calls

    /**
     * Calls the function (IO::Async::Function's {@code call}) at priority 0. The arguments are
     * encoded with the {@link #codec} now, in every model, so the caller may change them after
     * the call returns and the code still sees them as they were (as in IO::Async). In the thread
     * models, with a {@link ValueCodec}, arguments that are all immutable JDK values (boxed
     * primitives, strings, {@code BigInteger}, {@code BigDecimal}, {@code null}) reach the code
     * as they are, in a copy of the array: the codec would give back equal values of the same
     * classes, so the copy is skipped.
     *
     * @param args the arguments: values the codec carries
     * @return a future of the result, bound to the loop
     * @throws IllegalStateException when the Function is in no loop or has no code
     * @throws dev.ioasync.routine.codec.CodecException when the codec cannot carry an argument, or
     *     (PROCESS model) they encode to more than {@link #maxFrameSize}
     */
    public Future<Object> call(Object... args) {
        return callWithPriority(0, args);
    }

    /**
     * Calls the function with a queue priority (IO::Async's {@code priority}): when the call has
     * to wait, it goes before every waiting call of lower priority and after those of equal or
     * higher priority.
     *
     * @param priority the priority; higher goes first
     * @param args the arguments, encoded now as {@link #call} says
     * @return a future of the result, bound to the loop
     * @throws IllegalStateException when the Function is in no loop or has no code
     * @throws dev.ioasync.routine.codec.CodecException when the codec cannot carry an argument, or
     *     (PROCESS model) they encode to more than {@link #maxFrameSize}
     */
    public Future<Object> callWithPriority(int priority, Object... args) {
        Objects.requireNonNull(args, "args");
        Loop loop = loop();
        if (loop == null) {
            throw new IllegalStateException("add " + this + " to a loop before calling it");
        }
        if (code == null) {
            throw new IllegalStateException(this + " has no code");
        }
        boolean process = model() == RoutineModel.PROCESS;
        Object[] values = process ? null : PlainArgs.copyIfPlain(codec, args);
        byte[] encoded = values != null ? null : codec.encode(args);
        if (process && encoded.length > maxFrameSize) {
            throw new dev.ioasync.routine.codec.CodecException("the arguments of this call encode to "
                    + encoded.length + " bytes, over the Function's limit of " + maxFrameSize + " bytes (maxFrameSize)");
        }
        PendingCall c = new PendingCall(priority, seq++, encoded, values, loop.newFuture());
        inFlight.add(c);
        c.future.onCancel(() -> {
            callsCancelled++;
            if (queue.remove(c)) {
                inFlight.remove(c); // never ran, never will; a running call's result is dropped instead
            } else if (c.sentTo != null) {
                c.sentTo.withdraw(c); // the worker skips it unless it has started it
            }
        });
        queue.add(c);
        dispatch();
        return c.future;
    }

    /**
     * A snapshot of this Function's counters: queued calls, busy and idle workers, calls done,
     * failed and cancelled, call latency, workers started and ended by reason. Loop thread only
     * (as every Function method).
     *
     * @return the snapshot
     */
    public FunctionMetrics metrics() {
        return new FunctionMetrics(queued(), workersBusy(), workersIdle(), callsDone, callsFailed, callsCancelled,
                callLatency.snapshot(), workersStarted, workersEnded);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts workers up to {@link #minWorkers} now (IO::Async's {@code start}) instead of at the
     * first call.
     *
     * @return this
     * @throws IllegalStateException when the Function is in no loop
     */
    public Function start() {
        if (loop() == null) {
            throw new IllegalStateException("add " + this + " to a loop before starting it");
        }
        while (liveWorkers() < minWorkers) {
            newWorker();
        }
        dispatch();
        return this;
    }

    /**
     * Stops every worker (IO::Async's {@code stop}): queued and running calls fail with category
     * {@code shutdown}, running calls first (a call whose result has not reached the loop yet
     * counts as running), then queued ones in queue order; idle workers end at once, busy ones
     * are killed. The Function can be called again afterwards; new workers then start.
     *
     * @return a future that is done when every worker has ended
     */
    public Future<Void> stop() {
        List<PendingCall> waiting = queue.removeAll();
        for (PendingCall c : waiting) {
            inFlight.remove(c);
        }
        List<PendingCall> running = inFlight.removeAll();
        cancelThreadIdleTimer();
        List<Future<Object>> ends = new ArrayList<>();
        List<FunctionWorker> busy = new ArrayList<>();
        for (FunctionWorker w : List.copyOf(workers)) {
            // a thread worker whose result already reached the loop may not have cleared its
            // running call yet: it is busy only with a call still in flight, else it would be killed
            // on its way back to the queue (where the stop request ends it normally)
            PendingCall r = w.selfServing ? w.running : null;
            if (w.selfServing ? r != null && running.contains(r) : w.isBusy()) {
                busy.add(w);
            }
            for (PendingCall c; (c = w.answered()) != null; ) {
                c.withdrawn = false;
            }
            retire(w);
            if (w.routine.loop() != null) {
                ends.add(w.routine.result());
            }
        }
        for (PendingCall c : running) {
            failCall(c, "Function stopped while the call ran", "shutdown");
        }
        for (FunctionWorker w : busy) {
            w.routine.kill("TERM");
        }
        for (PendingCall c : waiting) {
            failCall(c, "Function stopped with calls pending", "shutdown");
        }
        Loop l = loop();
        if (l == null) {
            return Future.doneFuture(null); // no loop, no workers
        }
        Future<Void> all = l.newFuture();
        Future.waitAll(ends).onReady(f -> {
            if (!all.isReady()) {
                all.done(null);
            }
        });
        return all;
    }

    /**
     * Replaces the workers (IO::Async's {@code restart}), for instance after changing the code:
     * each old worker finishes the call it is running, whose future completes as usual, and then
     * ends; calls still queued go to the new workers, of which {@link #minWorkers} start now.
     *
     * @return a future, bound to the loop, that is done when the old workers have ended
     * @throws IllegalStateException when the Function is in no loop
     */
    public Future<Void> restart() {
        Loop l = loop();
        if (l == null) {
            throw new IllegalStateException("add " + this + " to a loop before restarting it");
        }
        cancelThreadIdleTimer();
        List<Future<Object>> ends = new ArrayList<>();
        for (FunctionWorker w : List.copyOf(workers)) {
            boolean first = true;
            for (PendingCall c : w.sent) { // the first runs; those after it come back, for the new workers
                if (!first && !c.future.isReady()) {
                    c.withdrawn = true;
                    w.withdraw(c);
                }
                first = false;
            }
            if (!w.retiring) {
                retire(w);
            }
            if (w.routine.loop() != null) {
                ends.add(w.routine.result());
            }
        }
        start();
        Future<Void> all = l.newFuture();
        Future.waitAll(ends).onReady(f -> {
            if (!all.isReady()) {
                all.done(null);
            }
        });
        return all;
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        stop();
        for (FunctionWorker w : workers) {
            w.routine.kill("TERM");
        }
        workers.clear(); // their routines leave the loop with this Function and end on their own
        countsStale = true;
        mailbox = null;
    }

    // ------------------------------------------------------------------ counts

    /** {@return how many workers are running (IO::Async's {@code workers})} */
    public int workers() {
        return workers.size();
    }

    /**
     * How many workers are running a call (IO::Async's {@code workers_busy}), as the loop sees
     * it: a call counts as running until its result has reached the loop thread, and in the
     * thread models, where workers take their next call themselves, a call counts as taken when
     * a worker is free for it.
     *
     * @return the count
     */
    public int workersBusy() {
        return fedBusy() + Math.min(Math.max(0, inFlight.size() - fedSent()), liveThreadWorkers());
    }

    /** {@return how many workers wait for a call (IO::Async's {@code workers_idle}), as the loop sees it} */
    public int workersIdle() {
        int n = 0;
        for (FunctionWorker w : workers) {
            if (w.isIdle()) {
                n++;
            }
        }
        return n + idleThreadWorkers();
    }

    /**
     * How many calls wait for a worker to start them, as the loop sees it (see
     * {@link #workersBusy()}): those in the queue and those sent ahead to a busy worker in a child
     * JVM ({@link #pipelineDepth}).
     *
     * @return the count
     */
    public int queued() {
        return inFlight.size() - workersBusy();
    }

    /** {@return the bytes of calls sent to workers in child JVMs that their pipes have not taken yet} (tests) */
    long callBytesQueuedToWorkers() {
        long n = 0;
        for (FunctionWorker w : workers) {
            if (!w.selfServing) {
                n += w.calls.queuedBytes();
            }
        }
        return n;
    }

    /** {@return the calls in this Function's queue, sent to no worker} (tests) */
    int callsNotSent() {
        return unsent();
    }

    /** {@return the calls in the queue: not sent to a worker in a child JVM nor taken by a thread worker} */
    private int unsent() {
        int sentAhead = fedSent();
        return inFlight.size() - sentAhead - Math.min(Math.max(0, inFlight.size() - sentAhead), liveThreadWorkers());
    }

    /** {@return the pids of the worker JVMs in the PROCESS model (empty for threads)} */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (FunctionWorker w : workers) {
            w.routine.pid().ifPresent(pids::add);
        }
        return pids;
    }

    // ------------------------------------------------------------------ workers

    private FunctionWorker idleFedWorker() {
        if (!anyFed()) {
            return null;
        }
        for (FunctionWorker w : workers) {
            if (w.isIdle()) {
                return w;
            }
        }
        return null;
    }

    /** Asks a worker to end after its current call, and counts it as retiring. */
    private void retire(FunctionWorker w) {
        w.retire();
        countsStale = true;
    }

    /**
     * Counts the workers again if they changed (one started, ended or was asked to retire), so
     * that a call does not walk the workers: their objects are written by their own threads.
     */
    private void count() {
        if (countsStale) {
            int live = 0;
            int liveThreads = 0;
            int fed = 0;
            for (FunctionWorker w : workers) {
                if (!w.retiring) {
                    live++;
                    if (w.selfServing) {
                        liveThreads++;
                    }
                }
                if (!w.selfServing) {
                    fed++;
                }
            }
            liveCount = live;
            liveThreadCount = liveThreads;
            fedCount = fed;
            countsStale = false;
        }
    }

    private int liveWorkers() {
        count();
        return liveCount;
    }

    private int liveThreadWorkers() {
        count();
        return liveThreadCount;
    }

    /** {@return whether any worker is fed by the loop (the PROCESS model)} */
    private boolean anyFed() {
        count();
        return fedCount > 0;
    }

    private int fedBusy() {
        if (!anyFed()) {
            return 0;
        }
        int n = 0;
        for (FunctionWorker w : workers) {
            if (!w.selfServing && !w.sent.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** {@return the calls sent to workers in child JVMs and not answered yet} */
    private int fedSent() {
        if (!anyFed()) {
            return 0;
        }
        int n = 0;
        for (FunctionWorker w : workers) {
            if (!w.selfServing) {
                n += w.sent.size();
            }
        }
        return n;
    }

    private int idleThreadWorkers() {
        return Math.max(0, liveThreadWorkers() - Math.max(0, inFlight.size() - fedSent()));
    }

    /** {@return how many more calls a fed worker may be sent now} */
    private int room(FunctionWorker w) {
        if (w.selfServing || w.retiring) {
            return 0;
        }
        if (w.callsFull) {
            return 0; // its call channel is at its write limit until the worker reads
        }
        int room = pipelineDepth - w.sent.size();
        if (maxWorkerCalls > 0) {
            room = Math.min(room, maxWorkerCalls - w.callsDone - w.sent.size());
        }
        return room;
    }

    /** {@return the fed worker with the most room for calls sent ahead, or {@code null} when none has any} */
    private FunctionWorker roomiestFedWorker() {
        if (!anyFed()) {
            return null;
        }
        FunctionWorker best = null;
        int bestRoom = 0;
        for (FunctionWorker w : workers) {
            int r = room(w);
            if (r > bestRoom) {
                best = w;
                bestRoom = r;
            }
        }
        return best;
    }

    private FunctionWorker newWorker() {
        RoutineModel m = model();
        FunctionWorker w;
        if (m == RoutineModel.PROCESS) {
            w = new FunctionWorker(m, new FunctionWorkerBody(code, codec, exitOnDie, maxWorkerCalls), setup, codec,
                    maxFrameSize, writeLimit);
            w.results.onRecv((ch, msg) -> onResult(w, msg));
        } else {
            w = new FunctionWorker(m, code, codec, queue, mailbox(), exitOnDie, maxWorkerCalls);
        }
        w.routine.onFinish(o -> onWorkerFinished(w, o));
        workers.add(w);
        countsStale = true;
        workersStarted++;
        addChild(w.routine);
        return w;
    }

    private ResultMailbox mailbox() {
        Loop l = loop();
        if (mailbox == null || mailbox.loop() != l) {
            mailbox = new ResultMailbox(l, queue, this::onThreadResult, this::afterThreadResults);
        }
        return mailbox;
    }

    /**
     * Feeds PROCESS workers from the queue: idle ones first, then new workers while calls wait and
     * there is room for one, then calls sent ahead to the worker with the most room.
     */
    private void dispatch() {
        while (loop() != null) {
            FunctionWorker idle = idleFedWorker();
            if (idle != null) {
                PendingCall c = queue.poll();
                if (c == null) {
                    break;
                }
                feed(idle, c);
            } else if (unsent() > 0 && liveWorkers() < maxWorkers) {
                newWorker();
            } else {
                FunctionWorker roomy = roomiestFedWorker();
                PendingCall c = roomy == null ? null : queue.poll();
                if (c == null) {
                    break;
                }
                feed(roomy, c);
            }
        }
        if (threadIdleTimer != null && idleThreadWorkers() == 0) {
            cancelThreadIdleTimer();
        }
    }

    /**
     * Sends a call to a fed worker; when its call channel is at its write limit, the call goes back
     * to the queue and the worker is sent nothing more until it answers.
     */
    private void feed(FunctionWorker w, PendingCall c) {
        if (!w.send(c)) {
            queue.add(c);
        }
    }

    /** An answer from a PROCESS worker's result channel, to the oldest call sent to it. */
    private void onResult(FunctionWorker w, Object[] msg) {
        w.callsFull = false; // it reads its calls: try again
        PendingCall c = w.answered();
        if (FunctionWorkerBody.SKIPPED.equals(msg[0])) {
            if (c != null && c.withdrawn && c.inFlight && !c.future.isReady()) {
                c.withdrawn = false;
                queue.add(c); // taken back for another worker (restart)
            } else if (c != null) {
                inFlight.remove(c); // cancelled before it started
            }
        } else {
            boolean error = FunctionWorkerBody.ERROR.equals(msg[0]);
            Object value = !error ? msg[1] : msg[1] instanceof RoutineException r ? r : RemoteErrors.rebuild(msg[1]);
            settle(w, c, error, value);
        }
        if (!w.retiring) {
            PendingCall next;
            while (room(w) > 0 && (next = queue.poll()) != null) {
                feed(w, next);
            }
            if (w.sent.isEmpty()) {
                becameIdle(w);
            }
        }
        dispatch();
    }

    /** A call a thread worker finished, from the mailbox. */
    private void onThreadResult(PendingCall c) {
        FunctionWorker w = c.doneBy;
        Object value = c.result;
        c.result = null;
        c.doneBy = null;
        settle(w, c, c.failed, value);
    }

    private void afterThreadResults() {
        dispatch();
        Loop l = loop();
        if (idleTimeout != null && threadIdleTimer == null && l != null && workers.size() > minWorkers
                && idleThreadWorkers() > 0) {
            threadIdleTimer = l.watchTimeAfter(idleTimeout, () -> {
                threadIdleTimer = null;
                retireIdleThreadWorkers();
            });
        }
    }

    /** The thread workers' idle timeout fired: retire the idle ones beyond {@link #minWorkers}. */
    private void retireIdleThreadWorkers() {
        int n = Math.min(idleThreadWorkers(), liveWorkers() - minWorkers);
        for (int pass = 0; pass < 2 && n > 0; pass++) {
            for (FunctionWorker w : List.copyOf(workers)) {
                if (n > 0 && w.selfServing && !w.retiring && (pass == 1 || w.running == null)) {
                    retire(w);
                    n--;
                }
            }
        }
    }

    private void cancelThreadIdleTimer() {
        if (threadIdleTimer != null) {
            threadIdleTimer.cancel();
            threadIdleTimer = null;
        }
    }

    /** Answers a call a worker finished, unless it was already answered, and retires the worker when due. */
    private void settle(FunctionWorker w, PendingCall c, boolean error, Object value) {
        w.callsDone++;
        if (c != null && inFlight.remove(c)) {
            if (error) {
                RoutineException e = (RoutineException) value;
                failCall(c, e.getMessage(), "error", e);
            } else if (!c.future.isReady()) {
                callsDone++;
                callLatency.record(System.nanoTime() - c.startNanos);
                c.future.done(value);
            }
        }
        if (error && exitOnDie || maxWorkerCalls > 0 && w.callsDone >= maxWorkerCalls) {
            if (w.selfServing) {
                retire(w); // the body stops by itself too; this also covers a changed maxWorkerCalls
            } else {
                w.retiring = true; // the worker's code returns by itself
                countsStale = true;
            }
        }
    }

    private void becameIdle(FunctionWorker w) {
        if (idleTimeout != null && workers.size() > minWorkers) {
            w.idleTimer = loop().watchTimeAfter(idleTimeout, () -> {
                w.idleTimer = null;
                if (w.isIdle() && liveWorkers() > minWorkers) {
                    retire(w);
                }
            });
        }
    }

    private void onWorkerFinished(FunctionWorker w, RoutineOutcome o) {
        String reason = o.returned() ? "returned" : o.exception() == null ? o.type()
                : Routine.failureCategory(o.exception());
        workersEnded.merge(reason, 1L, Long::sum);
        if (!o.returned()) {
            WorkerDeathEvent death = new WorkerDeathEvent();
            if (death.shouldCommit()) {
                death.function = toString();
                death.worker = String.valueOf(w.routine.id());
                death.model = String.valueOf(model());
                death.reason = reason;
                death.message = o.exception() == null ? "" : String.valueOf(o.exception().getMessage());
                death.commit();
            }
        }
        w.cancelIdleTimer();
        workers.remove(w);
        countsStale = true;
        if (w.selfServing && mailbox != null) {
            mailbox.drain(); // what the worker finished before it ended
        }
        PendingCall c;
        if (w.selfServing) {
            c = w.running;
            w.running = null;
        } else {
            // answers come in the order sent: a worker that returned had started none of the calls
            // still sent to it; one that died may have started the oldest, which fails, and none
            // of the others, which go back to the queue
            c = o.returned() ? null : w.answered();
            for (PendingCall p; (p = w.answered()) != null; ) {
                p.withdrawn = false;
                if (p.inFlight && !p.future.isReady()) {
                    queue.add(p);
                } else {
                    inFlight.remove(p);
                }
            }
        }
        if (c != null && inFlight.remove(c)) {
            String why = o.exception() == null ? "the worker ended" : o.exception().getMessage();
            String category = "codec".equals(Routine.failureCategory(o.exception())) ? "codec" : "closed";
            failCall(c, "Function worker " + w.routine.id() + " died during the call: " + why, category,
                    o.exception());
        }
        Loop l = loop();
        if (l != null) {
            l.later(() -> {
                if (w.routine.parent() == this) {
                    removeChild(w.routine);
                }
            });
        }
        dispatch();
    }

    private void failCall(PendingCall c, String message, String category, Object... details) {
        if (!c.future.isReady()) {
            callsFailed++;
            callLatency.record(System.nanoTime() - c.startNanos);
            Object[] d = details.length == 1 && details[0] == null ? new Object[0] : details;
            c.future.fail(message, category, d);
        }
    }
}
