package dev.ioasync.routine.internal;

import dev.ioasync.Loop;
import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineException;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.RoutineOutcome;
import java.util.Objects;

/**
 * A routine on a platform or virtual thread of this JVM. Messages are handed over by reference:
 * loop to routine through one {@link HandoffQueue} per in-channel, routine to loop through
 * {@link Loop#later}, so they arrive on the loop thread in the order sent, before the finish.
 */
public final class ThreadTransport implements Transport {


    private final Loop loop;
    private final RoutineModel model;
    private final RoutineSink sink;
    private final HandoffQueue[] inQueues;
    private final QueueInChannel<?>[] inEnds;
    private final OutEnd<?>[] outEnds;
    private final Thread thread;

    /**
     * Starts the routine's thread.
     *
     * @param loop the loop to deliver to
     * @param model {@link RoutineModel#THREAD} or {@link RoutineModel#VIRTUAL}
     * @param name the thread's name
     * @param code the body
     * @param ins how many in-channels
     * @param outs how many out-channels
     * @param sink where results go
     */
    public ThreadTransport(Loop loop, RoutineModel model, String name, RoutineCode code, int ins, int outs,
                           RoutineSink sink) {
        this.loop = loop;
        this.model = model;
        this.sink = sink;
        this.inQueues = new HandoffQueue[ins];
        this.inEnds = new QueueInChannel<?>[ins];
        for (int i = 0; i < ins; i++) {
            inQueues[i] = new HandoffQueue();
            inEnds[i] = new QueueInChannel<>(inQueues[i], v -> v);
        }
        this.outEnds = new OutEnd<?>[outs];
        for (int i = 0; i < outs; i++) {
            outEnds[i] = new OutEnd<>(i);
        }
        Runnable body = () -> run(code);
        this.thread = model == RoutineModel.VIRTUAL
                ? Thread.ofVirtual().name(name).unstarted(body)
                : Thread.ofPlatform().name(name).daemon(true).unstarted(body);
        thread.start();
    }

    private void run(RoutineCode code) {
        RoutineOutcome outcome;
        try {
            Object result = code.run(new Context());
            outcome = new RoutineOutcome("return", result, null, -1);
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
    public void send(int channel, Object value) {
        inQueues[channel].add(value);
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
        private volatile boolean closed;

        OutEnd(int index) {
            this.index = index;
        }

        @Override
        public void send(T value) {
            Objects.requireNonNull(value, "a channel message cannot be null (null marks end of stream)");
            if (closed) {
                throw new IllegalStateException("this channel end is closed");
            }
            post(() -> sink.message(index, value));
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
