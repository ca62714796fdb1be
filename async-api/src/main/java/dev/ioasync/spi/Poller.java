package dev.ioasync.spi;

import dev.ioasync.io.IoHandle;
import java.io.IOException;

/**
 * The operating-system multiplexer behind a loop: the whole of a backend's duty.
 *
 * <p>Timers, the {@code later} queue, dispatch of callbacks and error routing live in the core
 * ({@link dev.ioasync.Loop}), once; a poller only registers handles, waits for readiness and
 * reports it. Shaped after Netty's {@code IoHandler}.
 *
 * <p>Thread rules: every method but {@link #wakeup()} is called only on the loop thread.
 * {@code wakeup} may be called from any thread at any time, also before or after a poll.
 */
public interface Poller extends AutoCloseable {

    /**
     * Registers a handle this backend made.
     *
     * @param handle the handle
     * @param interestOps the {@link IoOps} bits to watch
     * @param attachment what {@link ReadySink#ready} reports for this handle
     * @return the registration
     * @throws IllegalArgumentException when the handle was made by another backend
     * @throws IOException when the operating system refuses
     */
    PollRegistration register(IoHandle handle, int interestOps, Object attachment) throws IOException;

    /**
     * Waits for readiness and reports it to {@code sink}.
     *
     * @param timeoutNanos {@code 0} to return at once, a negative value to wait until something
     *     happens or {@link #wakeup()} is called, else the most to wait
     * @param sink receives one call per ready handle
     * @return the number of handles reported
     * @throws IOException when the multiplexer itself fails
     */
    int poll(long timeoutNanos, ReadySink sink) throws IOException;

    /**
     * Makes a poll in progress return soon. Thread-safe. A wake-up that arrives before a poll
     * starts makes that poll return without blocking (as {@link java.nio.channels.Selector#wakeup()}
     * does); a backend whose multiplexer does not do this itself must remember the wake-up.
     */
    void wakeup();

    /** {@return the factory for handles this poller can watch} */
    IoHandleFactory handles();

    /** Releases the multiplexer. Registered handles are not closed. */
    @Override
    void close();
}
