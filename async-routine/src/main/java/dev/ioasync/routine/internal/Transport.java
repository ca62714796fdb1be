package dev.ioasync.routine.internal;

/** The loop side of one running routine, whatever its model. Called on the loop thread only. */
public interface Transport {

    /** {@return the routine's id: {@code process-PID}, or {@code thread-TID} / {@code virtual-TID}} */
    String id();

    /** {@return the child JVM's pid, or {@code -1} in the thread models} */
    long pid();

    /**
     * Sends a message on an in-channel with no write limit; never blocks.
     *
     * @param channel the in-channel index
     * @param value the message
     */
    default void send(int channel, Object value) {
        send(channel, value, 0, null);
    }

    /**
     * Sends a message on an in-channel unless the bytes queued on that channel and not yet taken
     * by the routine, plus this message, would exceed {@code writeLimit}; never blocks.
     *
     * @param channel the in-channel index
     * @param value the message
     * @param writeLimit the most bytes the channel may hold queued, header included; 0 for no limit
     * @param what names the channel in the message of a refusal (its {@code toString()} is called only then)
     * @throws dev.ioasync.routine.ChannelException with category {@code write-limit} when refused;
     *     nothing was queued
     */
    void send(int channel, Object value, long writeLimit, Object what);

    /**
     * The bytes of an in-channel's messages sent toward the routine and not yet taken by its {@code recv}.
     *
     * @param channel the in-channel index
     * @return the bytes, frame headers included; 0 when the transport queues nothing
     */
    default long queuedBytes(int channel) {
        return 0;
    }

    /**
     * The loop side took (or dropped) messages of an out-channel: their bytes no longer count
     * against its write limit (a child JVM is told so in a credit report).
     *
     * @param channel the out-channel index
     * @param messages how many, in the order they arrived
     */
    default void released(int channel, int messages) {
    }

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
