package dev.ioasync.routine;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.ValueCodec;
import dev.ioasync.routine.internal.ClassNamedCode;
import dev.ioasync.routine.internal.MalformedFrameException;
import dev.ioasync.routine.internal.ProcessTransport;
import dev.ioasync.routine.internal.RoutineSink;
import dev.ioasync.routine.internal.ThreadTransport;
import dev.ioasync.routine.internal.Transport;
import dev.ioasync.routine.internal.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A body of code that runs away from the loop, in a thread or a child JVM, and talks to it only
 * through {@link Channel}s (IO::Async::Routine).
 *
 * <pre>{@code
 * Channel<List<Integer>> nums = new Channel<>();
 * Channel<Integer> ret = new Channel<>();
 * Routine routine = new Routine()
 *         .channelsIn(nums).channelsOut(ret)
 *         .code(ctx -> {
 *             List<Integer> in = ctx.<List<Integer>>in(0).recv();
 *             ctx.out(0).send(in.stream().mapToInt(Integer::intValue).sum());
 *             return null;
 *         });
 * loop.add(routine);
 * nums.send(List.of(10, 20, 30));
 * ret.recv().onDone(total -> System.out.println("The total of 10, 20, 30 is: " + total));
 * }</pre>
 *
 * <h2>Models</h2>
 * {@link RoutineModel#THREAD}, {@link RoutineModel#VIRTUAL} or {@link RoutineModel#PROCESS}; the
 * default comes from {@link RoutineModel#fromEnvironment()}. In a child JVM the code is the
 * serialized {@link RoutineCode} (a class named with {@link #code(Class)}, or a serializable
 * lambda), channel messages go through each channel's {@link Codec}, and the return value through
 * {@link #resultCodec}; anything the child prints to {@code System.out} goes to stderr, never into
 * the frame stream. Each frame from the child is checked against its channel's
 * {@link Channel#maxFrameSize} (or this routine's {@link #maxFrameSize} for the result) before any
 * memory is set aside for it. In the thread models channel messages are copied by their codec
 * when sent, so every model sees values as they were at the {@code send}.
 *
 * <h2>Fatal errors</h2>
 * A {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link StackOverflowError}) in the
 * routine's thread, or in the thread that reads a child's frames, ends the routine as any death
 * does ({@link #onDie} and {@link #onFinish} get it as the cause, the child is killed, pending
 * receives fail) and is then rethrown on that thread, whose uncaught-exception handler reports it
 * once.
 *
 * <h2>Lifecycle</h2>
 * The routine starts when it is added to a loop (as in IO::Async) and ends when its code returns
 * or throws, or its process exits. Then, on the loop thread and in this order: every out-channel
 * sees end of stream, {@link #onReturn} or {@link #onDie} runs, {@link #onFinish} runs, and
 * {@link #result()} completes. Unlike Perl's {@code fork} model, the full return value arrives in
 * every model, and {@code onDie} receives the remote exception's class, message and stack trace.
 * Removing a running routine from its loop kills it ({@code TERM}, or an interrupt).
 *
 * <p>Thread rules: confined to the loop thread; every callback runs there.
 */
public final class Routine extends Notifier {

    private RoutineModel model;
    private RoutineCode code;
    private RoutineSetup setup = RoutineSetup.NONE;
    private Codec resultCodec = ValueCodec.DEFAULT;
    private Codec channelCodec;
    private boolean resultCodecSet;
    private int maxFrameSize = Channel.DEFAULT_MAX_FRAME_SIZE;
    private final List<Channel<?>> ins = new ArrayList<>();
    private final List<Channel<?>> outs = new ArrayList<>();
    private Consumer<Object> onReturn;
    private Consumer<RoutineException> onDie;
    private Consumer<RoutineOutcome> onFinish;
    private Future<Object> result;
    private Transport transport;
    private RoutineOutcome outcome;

    /** Creates a routine; give it code and channels, then add it to a loop. */
    public Routine() {
    }

    /**
     * Sets the model (IO::Async's {@code model}).
     *
     * @param model the model, or {@code null} for {@link RoutineModel#fromEnvironment()}
     * @return this
     */
    public Routine model(RoutineModel model) {
        checkNotStarted("model");
        this.model = model;
        return this;
    }

    /** {@return the model: the one set, or the default that applies (IO::Async's {@code model})} */
    public RoutineModel model() {
        return model != null ? model : RoutineModel.fromEnvironment();
    }

    /**
     * Sets the body (IO::Async's {@code code}).
     *
     * @param code the body; a lambda is serializable, but for PROCESS what it captures must be too
     * @return this
     */
    public Routine code(RoutineCode code) {
        checkNotStarted("code");
        this.code = Objects.requireNonNull(code, "code");
        return this;
    }

    /**
     * Names the body by class (the twin of IO::Async's {@code module}/{@code func}): only the
     * name crosses to a child JVM, which instantiates it with its public no-argument constructor.
     *
     * @param type the class
     * @return this
     */
    public Routine code(Class<? extends RoutineCode> type) {
        return code(new ClassNamedCode(Objects.requireNonNull(type, "type").getName()));
    }

    /**
     * Adds channels that carry values into the routine (IO::Async's {@code channels_in}).
     *
     * @param channels the channels, in the order {@link RoutineContext#in} numbers them
     * @return this
     */
    public Routine channelsIn(Channel<?>... channels) {
        return addChannels(ins, true, channels);
    }

    /**
     * Adds channels that carry values out of the routine (IO::Async's {@code channels_out}).
     *
     * @param channels the channels, in the order {@link RoutineContext#out} numbers them
     * @return this
     */
    public Routine channelsOut(Channel<?>... channels) {
        return addChannels(outs, false, channels);
    }

    private Routine addChannels(List<Channel<?>> list, boolean in, Channel<?>... channels) {
        checkNotStarted("channels");
        Objects.requireNonNull(channels, "channels");
        for (int i = 0; i < channels.length; i++) {
            Objects.requireNonNull(channels[i], "channels[" + i + "]");
        }
        for (Channel<?> c : channels) {
            c.bind(this, list.size(), in);
            list.add(c);
            addChild(c);
        }
        return this;
    }

    /**
     * Sets the child JVM's environment (IO::Async's {@code setup}); ignored by the thread models.
     *
     * @param setup the setup
     * @return this
     */
    public Routine setup(RoutineSetup setup) {
        checkNotStarted("setup");
        this.setup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /**
     * Sets the codec of the return value in the PROCESS model (default {@link ValueCodec#DEFAULT}).
     *
     * @param codec the codec
     * @return this
     */
    public Routine resultCodec(Codec codec) {
        checkNotStarted("resultCodec");
        this.resultCodec = Objects.requireNonNull(codec, "codec");
        this.resultCodecSet = true;
        return this;
    }

    /**
     * Sets the codec of every channel of this routine that has none of its own, and of the result
     * unless {@link #resultCodec} set one: the one call that lets record classes through, e.g.
     * {@code routine.codec(ValueCodec.builder().allow(Point.class).build())}.
     *
     * @param codec the codec
     * @return this
     */
    public Routine codec(Codec codec) {
        checkNotStarted("codec");
        Objects.requireNonNull(codec, "codec");
        if (!resultCodecSet) {
            this.resultCodec = codec;
        }
        this.channelCodec = codec;
        return this;
    }

    /**
     * Sets the largest encoded result (and description of a death) a child JVM may send, in bytes
     * (default {@value Channel#DEFAULT_MAX_FRAME_SIZE}); each channel has its own
     * {@link Channel#maxFrameSize}. A child that announces more fails the routine with category
     * {@code codec}, before any memory is set aside for it.
     *
     * @param bytes at least 1
     * @return this
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Routine maxFrameSize(int bytes) {
        checkNotStarted("maxFrameSize");
        if (bytes < 1) {
            throw new IllegalArgumentException("maxFrameSize " + bytes + " < 1");
        }
        this.maxFrameSize = bytes;
        return this;
    }

    /**
     * Sets what runs when the code returns (IO::Async's {@code on_return}).
     *
     * @param handler called with the return value, whole, in every model; {@code null} for none
     * @return this
     */
    public Routine onReturn(Consumer<Object> handler) {
        this.onReturn = handler;
        return this;
    }

    /**
     * Sets what runs when the code throws or its process dies (IO::Async's {@code on_die}).
     *
     * @param handler called with the remote exception's description; {@code null} for none
     * @return this
     */
    public Routine onDie(Consumer<RoutineException> handler) {
        this.onDie = handler;
        return this;
    }

    /**
     * Sets what runs when the routine has ended, either way (IO::Async's {@code on_finish}).
     *
     * @param handler called with the outcome, after {@code onReturn} or {@code onDie}; {@code null} for none
     * @return this
     */
    public Routine onFinish(Consumer<RoutineOutcome> handler) {
        this.onFinish = handler;
        return this;
    }

    /**
     * The result future (IO::Async's {@code result_future}), bound to the loop: done with the
     * return value, failed with category {@code died} (or {@code codec} when the child's bytes
     * could not be read) and the {@link RoutineException} as detail.
     *
     * @return the future
     * @throws IllegalStateException before the routine was added to a loop
     */
    public Future<Object> result() {
        if (result == null) {
            throw new IllegalStateException(this + " has not been added to a loop");
        }
        return result;
    }

    /**
     * The id of the running routine (IO::Async's {@code id}): {@code process-PID}, or
     * {@code thread-TID} / {@code virtual-TID}. Unique among running routines.
     *
     * @return the id, or {@code null} before the start
     */
    public String id() {
        return transport == null ? null : transport.id();
    }

    /** {@return the child JVM's pid in the PROCESS model once started} */
    public OptionalLong pid() {
        return transport == null || transport.pid() < 0 ? OptionalLong.empty() : OptionalLong.of(transport.pid());
    }

    /**
     * Keeps {@code n} child JVMs started ahead of need for the PROCESS model, as a pre-forking
     * server keeps spare children (not in IO::Async, which forks at need). A spare has booted and
     * waits for its code, so a routine or Function worker that takes one gets its first result
     * without waiting for a JVM to start; each taken spare is replaced in the background. Spares
     * are kept for the default {@link RoutineSetup} from now on, and for any other setup from the
     * first routine started with it; a routine takes a spare only of its own setup. While it
     * waits, a spare runs a Function worker's whole path on made-up frames, so that its classes
     * are loaded and its hot code compiled before its routine comes. A spare also decodes, without
     * running it, the code that the last routine of its setup was sent, which loads and initialises
     * that code's classes (their static initialisers run in the spare, once, ahead of its routine):
     * the next routine or worker of the same code starts without that cost. A taken spare's
     * replacement starts a moment later, so as not to compete with the first call. Each spare costs an idle
     * JVM's resident memory (about 55-63 MB resident, 33-39 MB of it private, with the serial
     * collector on JDK 25). They end with this JVM (a spare whose parent goes away exits quietly
     * with status 3). Default 0.
     *
     * @param n spares per setup, at least 0; 0 ends the spares
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public static void keepSpareProcesses(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("keepSpareProcesses " + n + " < 0");
        }
        dev.ioasync.routine.internal.SpareChildren.keep(n, dev.ioasync.routine.internal.SpareChildren.defaultChild());
    }

    /** {@return the pids of the spare child JVMs waiting now (see {@link #keepSpareProcesses})} */
    public static java.util.List<Long> spareProcessPids() {
        return dev.ioasync.routine.internal.SpareChildren.pids();
    }

    /** {@return whether the routine has started} */
    public boolean isStarted() {
        return transport != null || outcome != null;
    }

    /** {@return whether the routine has started and not yet ended} */
    public boolean isRunning() {
        return transport != null && outcome == null;
    }

    /** {@return how the routine ended, or {@code null} while it runs} */
    public RoutineOutcome outcome() {
        return outcome;
    }

    /**
     * Signals the routine (IO::Async's {@code kill}): a real signal to a child JVM ({@code KILL}
     * and {@code TERM} through {@link Process}, others through {@code kill(1)}); in the thread
     * models any signal interrupts the thread, which a blocked {@link RoutineChannel#recv()} sees
     * as {@link InterruptedException}. Does nothing once the routine has ended.
     *
     * @param signal a signal name such as {@code TERM}, {@code KILL}, {@code INT}, with or without
     *     {@code SIG}
     */
    public void kill(String signal) {
        Objects.requireNonNull(signal, "signal");
        if (isRunning()) {
            transport.kill(signal);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    protected void addedToLoop(Loop loop) {
        if (isStarted()) {
            throw new IllegalStateException(this + " has already run; a routine runs once");
        }
        if (code == null) {
            throw new IllegalStateException(this + " has no code");
        }
        result = loop.newFuture();
        RoutineModel m = model();
        model = m;
        Sink sink = new Sink();
        if (channelCodec != null) {
            ins.forEach(c -> c.defaultCodec(channelCodec));
            outs.forEach(c -> c.defaultCodec(channelCodec));
        }
        Wire wire = new Wire(codecs(ins), limits(ins), codecs(outs), limits(outs), resultCodec, maxFrameSize);
        try {
            transport = switch (m) {
                case THREAD, VIRTUAL -> startThread(loop, m, code, wire, sink);
                case PROCESS -> ProcessTransport.start(loop, code, wire, setup, sink,
                        ins.stream().mapToLong(Channel::writeLimit).toArray(),
                        outs.stream().mapToLong(Channel::writeLimit).toArray());
            };
        } catch (IOException | RuntimeException e) {
            RoutineException err = RoutineException.of(e);
            loop.later(() -> sink.finished(new RoutineOutcome("died", null, err, -1)));
            return;
        }
        Transport t = transport;
        for (int i = 0; m == RoutineModel.PROCESS && i < outs.size(); i++) { // the child's credit reports
            int index = i;
            outs.get(i).onReleased(n -> t.released(index, n));
        }
        for (Channel<?> c : ins) {
            c.started();
        }
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        if (isRunning()) {
            transport.kill("TERM");
        }
    }

    private ThreadTransport startThread(Loop loop, RoutineModel m, RoutineCode c, Wire wire, Sink sink) {
        ThreadTransport t = new ThreadTransport(loop, m, "ioasync-routine" + (name() == null ? "" : "-" + name()),
                c, wire, outs.stream().mapToLong(Channel::writeLimit).toArray(), sink);
        for (int i = 0; i < outs.size(); i++) {
            int index = i;
            outs.get(i).onReleased(n -> t.released(index, n));
        }
        t.start();
        return t;
    }

    private static List<Integer> limits(List<Channel<?>> channels) {
        List<Integer> l = new ArrayList<>(channels.size());
        for (Channel<?> c : channels) {
            l.add(c.maxFrameSize());
        }
        return l;
    }

    private static List<Codec> codecs(List<Channel<?>> channels) {
        List<Codec> l = new ArrayList<>(channels.size());
        for (Channel<?> c : channels) {
            l.add(c.codec());
        }
        return l;
    }

    void sendOn(int index, Object value, long writeLimit, Object what) {
        if (outcome != null) {
            throw new IllegalStateException("cannot send to " + this + ": it has ended");
        }
        transport.send(index, value, writeLimit, what);
    }

    long queuedOn(int index) {
        return outcome == null && transport != null ? transport.queuedBytes(index) : 0;
    }

    void closeOn(int index) {
        if (outcome == null && transport != null) {
            transport.closeIn(index);
        }
    }

    private void checkNotStarted(String what) {
        if (isStarted()) {
            throw new IllegalStateException("cannot set " + what + " of " + this + ": it has started");
        }
    }

    /**
     * The category a routine's death gives its futures: {@code codec} when bytes from the child
     * could not be read (a malformed or oversized frame), {@code read-limit} when a child JVM sent
     * past an out-channel's credit window, else {@code died}.
     */
    static String failureCategory(RoutineException e) {
        if (e != null && e.original() instanceof ChannelException c && "read-limit".equals(c.category())) {
            return "read-limit";
        }
        return e != null && e.original() instanceof dev.ioasync.routine.codec.CodecException c
                && c.getCause() instanceof MalformedFrameException ? "codec" : "died";
    }

    @Override
    public String toString() {
        String id = id();
        return id == null ? super.toString() : "Routine[" + (name() == null ? id : name() + ", " + id) + "]";
    }

    /** What the transport delivers, on the loop thread. */
    private final class Sink implements RoutineSink {

        @Override
        public void message(int channel, Object value) {
            outs.get(channel).deliver(value);
        }

        @Override
        public void eof(int channel) {
            outs.get(channel).deliverEof();
        }

        @Override
        public void broken(int channel, String category, String message, Throwable cause) {
            if (channel >= 0) {
                outs.get(channel).deliverBroken(category, message, cause);
            } else {
                for (Channel<?> c : outs) {
                    c.deliverBroken(category, message, cause);
                }
            }
        }

        @Override
        public void finished(RoutineOutcome o) {
            if (outcome != null) {
                return;
            }
            outcome = o;
            for (Channel<?> c : outs) {
                c.deliverEof();
            }
            if (o.returned()) {
                Consumer<Object> h = onReturn;
                if (h != null) {
                    invokeEvent("on_return", () -> h.accept(o.value()));
                }
            } else {
                Consumer<RoutineException> h = onDie;
                if (h != null) {
                    invokeEvent("on_die", () -> h.accept(o.exception()));
                }
            }
            Consumer<RoutineOutcome> f = onFinish;
            if (f != null) {
                invokeEvent("on_finish", () -> f.accept(o));
            }
            if (o.returned()) {
                result.done(o.value());
            } else {
                if (onDie != null || f != null) {
                    result.observe(); // the failure reached a handler: it was not lost
                }
                result.fail(o.exception().getMessage(), failureCategory(o.exception()), o.exception());
            }
        }
    }
}
