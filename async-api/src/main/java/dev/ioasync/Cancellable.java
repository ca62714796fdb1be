package dev.ioasync;

/**
 * Something scheduled that can be called off: the id IO::Async's {@code watch_time} returns,
 * given back to {@code unwatch_time}.
 */
public interface Cancellable {

    /**
     * Calls it off. Idempotent; cancelling what already ran does nothing.
     *
     * @return {@code true} when this call cancelled it, {@code false} when it had already run or
     *     been cancelled
     */
    boolean cancel();

    /** {@return whether it is still scheduled} */
    boolean isPending();
}
