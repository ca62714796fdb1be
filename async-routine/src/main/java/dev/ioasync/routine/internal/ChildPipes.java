package dev.ioasync.routine.internal;

/**
 * What a Function worker in a child JVM uses beyond {@link dev.ioasync.routine.RoutineContext}, so
 * that calls sent ahead are served in bursts: look at an in-channel without waiting, and hold
 * results back while more calls wait, so that a burst of calls is answered with one write.
 *
 * <p>Thread rules: the routine's thread.
 */
interface ChildPipes {

    /**
     * Reads the frames that have already arrived (without waiting for more) and tells whether an
     * in-channel has a message (or its end) waiting.
     *
     * @param channel the in-channel
     * @return whether {@code recv} on it would return at once
     */
    boolean ready(int channel);

    /**
     * Takes the next message of an in-channel if one has already arrived.
     *
     * @param channel the in-channel
     * @return the decoded message, or {@code null} when none waits (or the channel ended)
     */
    Object poll(int channel);

    /**
     * Sends a message on an out-channel without flushing it to the parent yet.
     *
     * @param channel the out-channel
     * @param value the message
     */
    void sendHeld(int channel, Object value);

    /** Flushes what was held to the parent. */
    void flush();
}
