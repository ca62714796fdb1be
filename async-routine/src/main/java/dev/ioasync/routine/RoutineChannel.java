package dev.ioasync.routine;

/**
 * The routine's side of a {@link Channel}: plain blocking calls, as IO::Async::Channel behaves
 * inside the routine's process or thread.
 *
 * <p>Thread rules: thread-safe; usually used by the routine's own thread only.
 *
 * @param <T> the message type
 */
public interface RoutineChannel<T> {

    /**
     * Sends a message to the loop side (IO::Async::Channel's {@code send} in the routine).
     *
     * @param value the message; never {@code null}, which marks end of stream
     * @throws NullPointerException when {@code value} is {@code null}
     * @throws IllegalStateException when this end was closed, or the loop side went away
     * @throws dev.ioasync.routine.codec.CodecException in a child JVM, when the codec cannot carry it
     * @throws ChannelException with category {@code write-limit} when the bytes sent and not yet
     *     taken by the loop side's {@code recv} or {@code on_recv}, plus this message, would exceed
     *     the channel's {@link Channel#writeLimit}; nothing was sent, and a later send succeeds once
     *     the loop side has caught up
     */
    void send(T value);

    /**
     * Waits for the next message from the loop side (IO::Async::Channel's {@code recv} in the
     * routine).
     *
     * @return the message, or {@code null} at end of stream (the loop side closed the channel)
     * @throws InterruptedException when the routine is {@linkplain Routine#kill killed} in a
     *     thread model, or its thread is otherwise interrupted
     */
    T recv() throws InterruptedException;

    /** Closes this end: the loop side sees end of stream once it has read what was sent. */
    void close();
}
