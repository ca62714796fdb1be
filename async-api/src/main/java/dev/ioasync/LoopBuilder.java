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
    private String name;
    private java.time.Duration watchdogWarn;
    private Boolean jmx;
    private Boolean metrics;

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
     * Names the loop in its metrics, the watchdog's log records, JFR events and its JMX name
     * (default {@code loop-N}).
     *
     * @param name the name
     * @return this
     */
    public LoopBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Sets how long one callback may hold the loop before the blocked-loop watchdog warns
     * (default: the system property {@value dev.ioasync.observe.ObserveOptions#WATCHDOG_PROPERTY},
     * else 2 s). {@link java.time.Duration#ZERO} turns the watchdog off for this loop.
     *
     * @param threshold the threshold
     * @return this
     * @throws IllegalArgumentException when it is negative
     */
    public LoopBuilder watchdog(java.time.Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("watchdog threshold must not be negative, got " + threshold);
        }
        this.watchdogWarn = threshold;
        return this;
    }

    /**
     * Keeps (or not) the loop's timing metrics: iterations, callbacks, poll and busy time, timer
     * lateness and the gauges of {@link Loop#metrics()} (default: on, unless the system property
     * {@value dev.ioasync.observe.ObserveOptions#METRICS_PROPERTY} is {@code false}). Off, the
     * loop reads no clock per iteration for them; see {@link dev.ioasync.observe.ObserveOptions}.
     *
     * @param keep whether to keep them
     * @return this
     */
    public LoopBuilder metrics(boolean keep) {
        this.metrics = keep;
        return this;
    }

    /**
     * Registers (or not) the loop's MBean {@code dev.ioasync:type=Loop,name=<name>} on the
     * platform MBean server until the loop closes (default: the system property
     * {@value dev.ioasync.observe.ObserveOptions#JMX_PROPERTY}, else off).
     *
     * @param register whether to register it
     * @return this
     */
    public LoopBuilder jmx(boolean register) {
        this.jmx = register;
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
        dev.ioasync.observe.ObserveOptions defaults = dev.ioasync.observe.ObserveOptions.fromSystemProperties();
        return Loop.open(p, clock, errorHandler, new dev.ioasync.observe.ObserveOptions(name,
                watchdogWarn != null ? watchdogWarn : defaults.watchdogWarn(), jmx != null ? jmx : defaults.jmx(),
                metrics != null ? metrics : defaults.metrics()));
    }
}
