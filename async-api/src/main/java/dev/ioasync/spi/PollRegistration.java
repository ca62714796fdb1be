package dev.ioasync.spi;

/**
 * One handle registered with a {@link Poller}: its interest may change and it may be cancelled.
 * Modelled on Netty's {@code IoRegistration}. Used only on the loop thread.
 */
public interface PollRegistration {

    /**
     * Changes the interest. {@link IoOps#NONE} pauses the handle without forgetting it.
     *
     * @param ops the new {@link IoOps} bits
     */
    void interest(int ops);

    /** {@return the current interest bits} */
    int interest();

    /**
     * Stops watching the handle. Idempotent; never throws, also when the handle was closed first.
     */
    void cancel();

    /** {@return whether the registration is live (not cancelled, handle not closed)} */
    boolean isValid();
}
