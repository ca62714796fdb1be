package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.spi.Poller;
import java.io.IOException;
import java.util.Optional;

/**
 * The portable backend, on {@link java.nio.channels.Selector} (IO::Async::Loop::Select and
 * ::Poll). Pure JDK: available wherever Java runs, with the lowest priority, so a native backend
 * for the OS wins when it is present.
 */
public final class SelectLoopProvider implements LoopProvider {

    /** The backend's name. */
    public static final String NAME = "select";

    /** Creates the provider (found by {@link java.util.ServiceLoader}). */
    public SelectLoopProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.empty();
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Poller openPoller() throws IOException {
        return new SelectPoller();
    }

    @Override
    public String toString() {
        return "LoopProvider[select]";
    }
}
