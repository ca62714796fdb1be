package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineChannel;
import java.util.function.UnaryOperator;

/**
 * The routine's side of an in-channel: {@link #recv()} blocks the routine until a value or the
 * end arrives. Used by thread routines, with values as they are ({@link HandoffQueue}), and by
 * the child JVM, with frames decoded by the channel's codec ({@link ChildInput}).
 *
 * @param <T> the value type
 */
final class QueueInChannel<T> implements RoutineChannel<T> {

    /** Put in the queue to mark the end of the channel; stays there for later receivers. */
    static final Object END = new Object();

    private final InSource queue;
    private final UnaryOperator<Object> decode;
    private volatile boolean ended;

    QueueInChannel(InSource queue, UnaryOperator<Object> decode) {
        this.queue = queue;
        this.decode = decode;
    }

    @Override
    public void send(T value) {
        throw new IllegalStateException("this is an in-channel: the routine receives on it");
    }

    @Override
    @SuppressWarnings("unchecked")
    public T recv() throws InterruptedException {
        if (ended) {
            return null;
        }
        Object v = queue.take();
        if (v == END) {
            ended = true;
            queue.add(END);
            return null;
        }
        return (T) decode.apply(v);
    }

    @Override
    public void close() {
        ended = true;
    }
}
