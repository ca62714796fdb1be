package dev.ioasync.routine.internal;

/** The loop side of one running routine, whatever its model. Called on the loop thread only. */
public interface Transport {

    /** {@return the routine's id: {@code process-PID}, or {@code thread-TID} / {@code virtual-TID}} */
    String id();

    /** {@return the child JVM's pid, or {@code -1} in the thread models} */
    long pid();

    /**
     * Sends a message on an in-channel; never blocks.
     *
     * @param channel the in-channel index
     * @param value the message
     */
    void send(int channel, Object value);

    /**
     * Closes an in-channel: the routine reads end of stream after what was sent.
     *
     * @param channel the in-channel index
     */
    void closeIn(int channel);

    /**
     * Signals the routine: a real signal to a child JVM, an interrupt to a thread.
     *
     * @param signal a signal name such as {@code TERM}, {@code KILL} or {@code INT}
     */
    void kill(String signal);
}
