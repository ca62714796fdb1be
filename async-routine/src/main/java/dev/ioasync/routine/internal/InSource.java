package dev.ioasync.routine.internal;

/**
 * Where a {@link QueueInChannel} takes its values from: a thread routine's {@link HandoffQueue},
 * or one channel of a child JVM's {@link ChildInput}.
 *
 * <p>Thread rules: thread-safe.
 */
interface InSource {

    /**
     * Takes the next value, waiting for it.
     *
     * @return the value, or {@link QueueInChannel#END}
     * @throws InterruptedException when the thread is interrupted
     */
    Object take() throws InterruptedException;

    /**
     * Puts a value back at the end (the channel's end marker, for later receivers).
     *
     * @param v the value
     */
    void add(Object v);
}
