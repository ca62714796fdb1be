package dev.ioasync.routine.internal;

import dev.ioasync.Loop;
import dev.ioasync.routine.ChannelException;
import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineException;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.RoutineOutcome;
import dev.ioasync.routine.codec.Codec;
import java.util.Objects;

/**
 * A routine on a platform or virtual thread of this JVM. Messages go loop to routine through one
 * {@link HandoffQueue} per in-channel, routine to loop through {@link Loop#later}, so they arrive
 * on the loop thread in the order sent, before the finish. Each message is a copy made by its
 * channel's codec when it is sent (as IO::Async's thread model serializes it): the sender may
 * change the value afterwards, and the receiver never sees that. An in-channel message is encoded
 * on the loop thread and decoded by the routine's {@code recv}; an out-channel message is copied
 * on the routine's thread. The return value is handed over as it is.
 *
 * <p>Each direction of each channel has a {@link SendBudget}: the bytes queued and not yet taken
 * by the receiver (the routine's {@code recv}, or the loop side's {@code recv}/{@code on_recv})
 * stay under the channel's {@linkplain dev.ioasync.routine.Channel#writeLimit write limit}, and a
 * send past it is refused at once with a {@link ChannelException} of category {@code write-limit}.
 */
public final class ThreadTransport implements Transport {


    private final Loop loop;
    private final RoutineModel model;
    private final RoutineSink sink;
    private final Codec[] inCodecs;
    private final HandoffQueue[] inQueues;
    private final QueueInChannel<?>[] inEnds;
    private final SendBudget[] inBudgets;
    private final OutEnd<?>[] outEnds;
    private final Thread thread;

    /**
     * Makes the routine's thread; {@link #start} starts it.
     *
     * @param loop the loop to deliver to
     * @param model {@link RoutineModel#THREAD} or {@link RoutineModel#VIRTUAL}
     * @param name the thread's name
     * @param code the body
     * @param wire the codecs of the channels (the frame limits do not apply in this JVM)
     * @param outWriteLimits the write limit of each out-channel, in bytes, 0 for none (an
     *     in-channel's comes with each {@link #send(int, Object, long, Object) send})
     * @param sink where results go
     */
    public ThreadTransport(Loop loop, RoutineModel model, String name, RoutineCode code, Wire wire,
                           long[] outWriteLimits, RoutineSink sink) {
        this.loop = loop;
        this.model = model;
        this.sink = sink;
        int ins = wire.inCodecs().size();
        int outs = wire.outCodecs().size();
        this.inCodecs = wire.inCodecs().toArray(Codec[]::new);
        this.inQueues = new HandoffQueue[ins];
        this.inEnds = new QueueInChannel<?>[ins];
        this.inBudgets = new SendBudget[ins];
        Runnable body = () -> run(code);
        this.thread = model == RoutineModel.VIRTUAL
                ? Thread.ofVirtual().name(name).unstarted(body)
                : Thread.ofPlatform().name(name).daemon(true).unstarted(body);
        for (int i = 0; i < ins; i++) {
            inQueues[i] = new HandoffQueue();
            Codec c = inCodecs[i];
            SendBudget budget = new SendBudget();
            inBudgets[i] = budget;
            inEnds[i] = new QueueInChannel<>(inQueues[i], v -> {
                byte[] b = (byte[]) v;
                budget.release(SendBudget.cost(b.length));
                return c.decode(b);
            });
        }
        this.outEnds = new OutEnd<?>[outs];
        for (int i = 0; i < outs; i++) {
            outEnds[i] = new OutEnd<>(i, wire.outCodecs().get(i), outWriteLimits[i]);
        }
    }

    /** Starts the routine's thread. */
    public void start() {
        thread.start();
    }

    /**
     * The loop side took (or dropped) messages of an out-channel: their bytes no longer count
     * against its send limit. Messages leave a channel in the order they came, so the costs are
     * kept in that order. Called on the loop thread.
     *
     * @param channel the out-channel index
     * @param messages how many
     */
    @Override
    public void released(int channel, int messages) {
        outEnds[channel].released(messages);
    }

    /**
     * The routine's thread. A {@link VirtualMachineError} ends the routine like any throwable
     * (the loop sees it die, with the error as cause) and is then rethrown, so that the thread's
     * uncaught-exception handler reports it, once: it is never swallowed as an ordinary death.
     */
    private void run(RoutineCode code) {
        RoutineOutcome outcome;
        VirtualMachineError fatal = null;
        try {
            Object result = code.run(new Context());
            outcome = new RoutineOutcome("return", result, null, -1);
        } catch (VirtualMachineError e) {
            fatal = e;
            outcome = new RoutineOutcome("died", null, RoutineException.of(e), -1);
        } catch (Throwable t) {
            outcome = new RoutineOutcome("died", null, RoutineException.of(t), -1);
        }
        RoutineOutcome o = outcome;
        try {
            loop.later(() -> sink.finished(o));
        } catch (IllegalStateException closed) {
            System.getLogger(ThreadTransport.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> id() + " ended after its loop was closed");
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    private void post(Runnable r) {
        try {
            loop.later(r);
        } catch (IllegalStateException closed) {
            throw new IllegalStateException("the loop of this routine is closed", closed);
        }
    }

    @Override
    public String id() {
        return model.name().toLowerCase(java.util.Locale.ROOT) + "-" + thread.threadId();
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public void send(int channel, Object value, long writeLimit, Object what) {
        byte[] b = inCodecs[channel].encode(value);
        long cost = SendBudget.cost(b.length);
        SendBudget budget = inBudgets[channel];
        if (!budget.tryAcquire(cost, writeLimit)) {
            throw WriteLimit.refusal(what, cost, budget.queued(), writeLimit);
        }
        inQueues[channel].add(b);
    }

    @Override
    public long queuedBytes(int channel) {
        return inBudgets[channel].queued();
    }

    @Override
    public void closeIn(int channel) {
        inQueues[channel].add(QueueInChannel.END);
    }

    @Override
    public void kill(String signal) {
        thread.interrupt();
    }

    private final class Context implements RoutineContext {

        @Override
        @SuppressWarnings("unchecked")
        public <T> RoutineChannel<T> in(int index) {
            return (RoutineChannel<T>) inEnds[Objects.checkIndex(index, inEnds.length)];
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> RoutineChannel<T> out(int index) {
            return (RoutineChannel<T>) outEnds[Objects.checkIndex(index, outEnds.length)];
        }

        @Override
        public RoutineModel model() {
            return model;
        }
    }


    private final class OutEnd<T> implements RoutineChannel<T> {
        private final int index;
        private final Codec codec;
        private final SendBudget budget = new SendBudget();
        private final long writeLimit;
        /** The cost of each message delivered to the loop side and not yet taken; loop thread only. */
        private final CostFifo delivered = new CostFifo();
        private volatile boolean closed;

        OutEnd(int index, Codec codec, long writeLimit) {
            this.index = index;
            this.codec = codec;
            this.writeLimit = writeLimit;
        }

        void released(int messages) {
            budget.release(delivered.take(messages));
        }

        @Override
        public void send(T value) {
            Objects.requireNonNull(value, "a channel message cannot be null (null marks end of stream)");
            if (closed) {
                throw new IllegalStateException("this channel end is closed");
            }
            byte[] b = codec.encode(value);
            long cost = SendBudget.cost(b.length);
            Object copy = codec.decode(b);
            if (!budget.tryAcquire(cost, writeLimit)) {
                throw new ChannelException("write-limit", "cannot send " + cost + " bytes on out-channel " + index
                        + " of " + id() + ": " + budget.queued() + " bytes are queued that the loop side has not "
                        + "received yet (recv or on_recv), and the channel's write limit is " + writeLimit
                        + " bytes (Channel.writeLimit(bytes) changes it before the routine starts; 0 turns it off)");
            }
            try {
                post(() -> {
                    delivered.add(cost);
                    sink.message(index, copy);
                });
            } catch (RuntimeException e) {
                budget.release(cost);
                throw e;
            }
        }

        @Override
        public T recv() {
            throw new IllegalStateException("this is an out-channel: the routine sends on it");
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                post(() -> sink.eof(index));
            }
        }
    }
}
