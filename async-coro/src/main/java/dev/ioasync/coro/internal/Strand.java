package dev.ioasync.coro.internal;

/**
 * One suspended or running stack (Perl's Coro::State): the execution context of a coro other than
 * the main one.
 */
public interface Strand {

    /**
     * Runs the strand from where it last suspended (or from its start) until it suspends again or
     * ends. Called by the driver only, never from inside a strand.
     */
    void resume();

    /**
     * Gives control back to the driver's {@link #resume()}; returns when the driver resumes this
     * strand again. Called from inside this strand only.
     *
     * @throws IllegalStateException when the stack cannot be suspended here (a native frame or a
     *     critical section on it); the strand then goes on running
     */
    void suspend();

    /** {@return whether the body has returned (or thrown)} */
    boolean isDone();

    /** {@return whether the calling code runs inside this strand} */
    boolean isCurrent();
}
