package dev.ioasync.micrometer;

import dev.ioasync.Loop;
import dev.ioasync.observe.LoopMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds one loop's {@link Loop#metrics()} to a Micrometer registry, tagged {@code loop} (its
 * name) and {@code backend}. Meters: {@code ioasync.loop.iterations}, {@code ioasync.loop.callbacks},
 * {@code ioasync.loop.errors}, {@code ioasync.loop.blocked} (counters);
 * {@code ioasync.loop.poll.time}, {@code ioasync.loop.busy.time} (seconds, counters);
 * {@code ioasync.loop.utilization}, {@code ioasync.loop.later.queue}, {@code ioasync.loop.notifiers},
 * {@code ioasync.loop.timers}, {@code ioasync.loop.handles} (gauges);
 * {@code ioasync.loop.timer.lateness} (time gauge, tag {@code phi} 0.5 and 0.99) and
 * {@code ioasync.loop.timer.lateness.max}; {@code ioasync.loop.bytes.read} and
 * {@code ioasync.loop.bytes.written} (bytes, counters), {@code ioasync.loop.connections.accepted}
 * (counter), {@code ioasync.loop.limit.hits} (counter, tag {@code kind} {@code read-limit} or
 * {@code write-limit}) and {@code ioasync.loop.errors.category} (counter, tag {@code category}
 * for the categories a loop routes most: {@code callback}, {@code io}, {@code read-limit},
 * {@code write-limit}, {@code tls}; the total stays in {@code ioasync.loop.errors}).
 */
public final class LoopMeterBinder implements MeterBinder {

    /** The error categories given a meter each. */
    static final java.util.List<String> ERROR_CATEGORIES = java.util.List.of("callback", "io", "read-limit",
            "write-limit", "tls");

    private final Loop loop;
    private final Iterable<Tag> tags;
    private final SnapshotCache<LoopMetrics> cache;

    /**
     * Binds {@code loop} with no extra tags.
     *
     * @param loop the loop
     */
    public LoopMeterBinder(Loop loop) {
        this(loop, Tags.empty());
    }

    /**
     * Binds {@code loop} with extra tags.
     *
     * @param loop the loop
     * @param tags added to every meter
     */
    public LoopMeterBinder(Loop loop, Iterable<Tag> tags) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.tags = Tags.concat(Objects.requireNonNull(tags, "tags"), "loop", loop.observer().name(),
                "backend", loop.backend());
        this.cache = new SnapshotCache<>(loop::metrics, loop::inLoopThread);
    }

    /**
     * {@inheritDoc} Each meter holds the loop weakly (Micrometer's rule for function-based
     * meters) and this binder's snapshot cache strongly, so the meters live as long as the loop,
     * however the binder is kept.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "ioasync.loop.iterations", "loop iterations (poll, then dispatch)", null,
                LoopMetrics::iterations);
        counter(registry, "ioasync.loop.callbacks", "callbacks dispatched", null, LoopMetrics::callbacks);
        counter(registry, "ioasync.loop.errors", "errors routed to a handler", null, LoopMetrics::errorsTotal);
        counter(registry, "ioasync.loop.blocked", "callbacks the watchdog found blocking the loop", null,
                LoopMetrics::callbacksBlocked);
        counter(registry, "ioasync.loop.poll.time", "time waiting in the poll", "seconds",
                m -> m.pollNanos() / 1e9);
        counter(registry, "ioasync.loop.busy.time", "time running callbacks", "seconds",
                m -> m.busyNanos() / 1e9);
        gauge(registry, "ioasync.loop.utilization", "share of time running callbacks since the loop opened",
                LoopMetrics::utilisation);
        gauge(registry, "ioasync.loop.later.queue", "queued later calls", LoopMetrics::laterQueueDepth);
        gauge(registry, "ioasync.loop.notifiers", "notifiers on the loop", LoopMetrics::notifiers);
        gauge(registry, "ioasync.loop.timers", "pending timers", LoopMetrics::timers);
        gauge(registry, "ioasync.loop.handles", "watched handles", LoopMetrics::watchedHandles);
        counter(registry, "ioasync.loop.bytes.read", "bytes the loop's streams read", BaseUnits.BYTES,
                LoopMetrics::bytesRead);
        counter(registry, "ioasync.loop.bytes.written", "bytes the loop's streams wrote", BaseUnits.BYTES,
                LoopMetrics::bytesWritten);
        counter(registry, "ioasync.loop.connections.accepted", "connections the loop's listeners accepted",
                BaseUnits.CONNECTIONS, LoopMetrics::connectionsAccepted);
        FunctionCounter.builder("ioasync.loop.limit.hits", loop, l -> cache.get().readLimitHits()).tags(tags)
                .tag("kind", "read-limit").description("stream limits hit").register(registry);
        FunctionCounter.builder("ioasync.loop.limit.hits", loop, l -> cache.get().writeLimitHits()).tags(tags)
                .tag("kind", "write-limit").description("stream limits hit").register(registry);
        for (String category : ERROR_CATEGORIES) {
            FunctionCounter.builder("ioasync.loop.errors.category", loop,
                    l -> cache.get().errorsByCategory().getOrDefault(category, 0L)).tags(tags).tag("category", category)
                    .description("errors routed to a handler, by category").register(registry);
        }
        for (double phi : new double[] {0.5, 0.99}) {
            TimeGauge.builder("ioasync.loop.timer.lateness", loop,
                    TimeUnit.NANOSECONDS, l -> cache.get().timerLatenessNanos().percentile(phi))
                    .tags(tags).tag("phi", Double.toString(phi))
                    .description("timer lateness percentile (to within a factor of two)").register(registry);
        }
        TimeGauge.builder("ioasync.loop.timer.lateness.max", loop, TimeUnit.NANOSECONDS,
                l -> cache.get().timerLatenessNanos().max()).tags(tags).description("largest timer lateness")
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<LoopMetrics> value) {
        FunctionCounter.builder(name, loop, l -> value.applyAsDouble(cache.get())).tags(tags).description(description)
                .baseUnit(unit).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<LoopMetrics> value) {
        Gauge.builder(name, loop, l -> value.applyAsDouble(cache.get())).tags(tags).description(description)
                .register(registry);
    }

    @Override
    public String toString() {
        return "LoopMeterBinder[" + loop + "]";
    }
}
