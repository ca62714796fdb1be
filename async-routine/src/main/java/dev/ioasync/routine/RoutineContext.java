package dev.ioasync.routine;

/**
 * What a running {@link RoutineCode} sees: the routine side of its channels, in the order the
 * loop side gave them to {@link Routine#channelsIn} and {@link Routine#channelsOut}.
 *
 * <p>Thread rules: belongs to the routine's thread (or the child JVM's body thread).
 */
public interface RoutineContext {

    /**
     * The routine side of an in-channel: the routine receives what the loop sends.
     *
     * @param index the channel's position in {@code channelsIn}
     * @param <T> the message type
     * @return the channel end
     * @throws IndexOutOfBoundsException when there is no such channel
     */
    <T> RoutineChannel<T> in(int index);

    /**
     * The routine side of an out-channel: the routine sends what the loop receives.
     *
     * @param index the channel's position in {@code channelsOut}
     * @param <T> the message type
     * @return the channel end
     * @throws IndexOutOfBoundsException when there is no such channel
     */
    <T> RoutineChannel<T> out(int index);

    /** {@return the model the routine runs in} */
    RoutineModel model();
}
