package dev.ioasync.coro;

/**
 * Thrown by {@link Coro#join()} when the coro's body threw: the cause is what it threw. (Perl's
 * Coro kills the program when an {@code async} body dies; here only the coro ends, failed.)
 */
public final class CoroFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates one.
     *
     * @param coro a description of the failed coro
     * @param cause what its body threw
     */
    public CoroFailedException(String coro, Throwable cause) {
        super(coro + " failed: " + cause, cause);
    }
}
