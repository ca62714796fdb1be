package dev.ioasync.coro.internal;

/**
 * One suspended or running stack (Perl's Coro::State): the execution context of a coro other than
 * the main one.
 */
public interface Strand {

    /**
     * Runs the strand from where it last suspended (or from its start) until it, or a strand it
     * {@linkplain #transferTo transferred} to, suspends to the driver or ends. Called by the driver
     * only, never from inside a strand.
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

    /**
     * {@return whether {@link #transferTo} works}: strands that run on threads of their own can
     * hand the baton to each other without going through the driver
     */
    default boolean canTransfer() {
        return false;
    }

    /**
     * Suspends this strand and runs {@code next} directly (from where it suspended, or from its
     * start), without waking the driver; returns when this strand is resumed or transferred to
     * again. Called from inside this strand only, and only where {@link #canTransfer()}.
     *
     * @param next a strand of the same scheduler, not this one
     */
    default void transferTo(Strand next) {
        throw new UnsupportedOperationException("this mechanism switches through its driver only");
    }

    /** {@return whether the body has returned (or thrown)} */
    boolean isDone();

    /** {@return whether the calling code runs inside this strand} */
    boolean isCurrent();
}
