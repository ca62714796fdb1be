package dev.ioasync.coro;

/**
 * A blocking Coro wait that returns a value ({@link Coro#await(dev.ioasync.Future, java.time.Duration)},
 * {@link Coro#join(java.time.Duration)}, {@link Coro#rouseWait(RouseCallback, java.time.Duration)})
 * ran out of time. Waits that return a boolean ({@link Semaphore#down(java.time.Duration)}, ...)
 * return {@code false} instead.
 */
public final class CoroTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates one.
     *
     * @param message what timed out
     */
    public CoroTimeoutException(String message) {
        super(message);
    }
}
