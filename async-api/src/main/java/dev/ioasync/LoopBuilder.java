package dev.ioasync;

import dev.ioasync.spi.LoopProvider;
import java.util.Objects;

/**
 * Builds a {@link Loop} with a chosen backend, clock and error handler. Unset parts take the
 * magic constructor's defaults.
 */
public final class LoopBuilder {

    private String backends;
    private LoopProvider provider;
    private Clock clock = Clock.system();
    private ErrorHandler errorHandler;

    LoopBuilder() {
    }

    /**
     * Names the backend, or a comma list in order of preference, overriding the property and
     * the environment.
     *
     * @param names for example {@code "select"}
     * @return this
     */
    public LoopBuilder backend(String names) {
        this.backends = Objects.requireNonNull(names, "names");
        this.provider = null;
        return this;
    }

    /**
     * Uses this provider.
     *
     * @param provider the provider
     * @return this
     */
    public LoopBuilder provider(LoopProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.backends = null;
        return this;
    }

    /**
     * Uses this clock for every deadline (tests inject a clock they step by hand).
     *
     * @param clock the clock
     * @return this
     */
    public LoopBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets the loop's last error handler.
     *
     * @param handler the handler
     * @return this
     */
    public LoopBuilder errorHandler(ErrorHandler handler) {
        this.errorHandler = handler;
        return this;
    }

    /**
     * Opens the loop, owned by the calling thread.
     *
     * @return the loop
     * @throws BackendUnavailableException when the chosen backend cannot run here
     */
    public Loop build() {
        LoopProvider p = provider;
        if (p == null) {
            p = backends != null ? Backends.choose(backends, "Loop.create(\"" + backends + "\")") : Backends.choose();
        }
        return Loop.open(p, clock, errorHandler);
    }
}
