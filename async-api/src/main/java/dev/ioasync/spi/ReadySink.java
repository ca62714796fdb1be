package dev.ioasync.spi;

/**
 * Where a {@link Poller} reports readiness during {@link Poller#poll}. The core's sink only
 * records the event; callbacks run after the poll returns, so a poller never sees user code
 * (and a callback that unwatches other handles cannot upset the poller's iteration).
 */
@FunctionalInterface
public interface ReadySink {

    /**
     * Records that a registered handle is ready.
     *
     * @param attachment the object given to {@link Poller#register} for the handle
     * @param readyOps the {@link IoOps} bits that are ready
     */
    void ready(Object attachment, int readyOps);
}
