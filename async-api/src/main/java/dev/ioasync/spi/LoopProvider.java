package dev.ioasync.spi;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A loop backend, found by {@link java.util.ServiceLoader} (IO::Async's {@code IO::Async::Loop::*}
 * subclasses, chosen by the magic constructor).
 *
 * <p>Every provider carries an availability probe, so that {@link dev.ioasync.Loop#create()} can
 * say why a backend was skipped, and so that a backend that was asked for by name but cannot load
 * is an error that names its cause (never a silent fallback).
 */
public interface LoopProvider {

    /** {@return the backend's name, as {@code -Dioasync.loop} takes it: {@code select}, {@code epoll}, ...} */
    String name();

    /**
     * Other names that {@code -Dioasync.loop}, {@code IO_ASYNC_LOOP} and
     * {@link dev.ioasync.Loop#create(String)} accept for this backend, lower case; none by default.
     *
     * @return the aliases, for example {@code iouring} for {@code io_uring}
     */
    default List<String> aliases() {
        return List.of();
    }

    /** {@return whether the backend can run on this machine and JVM} */
    boolean isAvailable();

    /** {@return why the backend cannot run here, empty when it can} */
    Optional<Throwable> unavailabilityCause();

    /**
     * How much this backend suits the current operating system: the magic constructor takes the
     * available provider with the highest value. {@code select} answers {@code 0} everywhere;
     * native backends answer more on their own OS.
     *
     * @return the priority
     */
    int priority();

    /**
     * Opens a poller.
     *
     * @return a new poller, owned by the caller
     * @throws IOException when the operating system refuses
     * @throws IllegalStateException when the backend is not available
     */
    Poller openPoller() throws IOException;
}
