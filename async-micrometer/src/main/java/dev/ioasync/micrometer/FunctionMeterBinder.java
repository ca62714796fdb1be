package dev.ioasync.micrometer;

import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.FunctionMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds one {@link Function}'s {@link Function#metrics()} to a Micrometer registry, tagged
 * {@code function} (the name given, else the Function's {@code toString}). Meters:
 * {@code ioasync.function.calls} (counter, tag {@code result}: {@code done}, {@code failed},
 * {@code cancelled}); {@code ioasync.function.queued} and {@code ioasync.function.workers} (tag
 * {@code state}: {@code busy}, {@code idle}) (gauges); {@code ioasync.function.workers.started}
 * and {@code ioasync.function.workers.died} (counters); {@code ioasync.function.call.latency}
 * (time gauge, tag {@code phi} 0.5 and 0.99) and {@code ioasync.function.call.latency.max}.
 *
 * <p>A Function belongs to its loop's thread: a read on that thread is exact; a read on another
 * thread returns the last snapshot and asks the loop (through {@code later}) for a fresh one.
 */
public final class FunctionMeterBinder implements MeterBinder {

    private final Function function;
    private final Iterable<Tag> tags;
    private volatile FunctionMetrics last;
    private volatile boolean refreshQueued;

    /**
     * Binds {@code function}, which must be in a loop, tagged with {@code name}.
     *
     * @param function the Function
     * @param name the {@code function} tag
     * @param tags added to every meter
     */
    public FunctionMeterBinder(Function function, String name, Iterable<Tag> tags) {
        this.function = Objects.requireNonNull(function, "function");
        this.tags = Tags.concat(Objects.requireNonNull(tags, "tags"), "function", Objects.requireNonNull(name, "name"));
    }

    private FunctionMetrics metrics() {
        Loop loop = function.loop();
        if (loop != null && loop.inLoopThread()) {
            FunctionMetrics m = function.metrics();
            last = m;
            return m;
        }
        if (loop != null && !refreshQueued && !loop.isClosed()) {
            refreshQueued = true;
            try {
                loop.later(() -> {
                    refreshQueued = false;
                    last = function.metrics();
                });
            } catch (IllegalStateException closed) {
                refreshQueued = false;
            }
        }
        FunctionMetrics m = last;
        return m != null ? m : new FunctionMetrics(0, 0, 0, 0, 0, 0,
                dev.ioasync.observe.HistogramSnapshot.EMPTY, 0, java.util.Map.of());
    }

    /**
     * {@inheritDoc} Each meter holds the Function weakly (Micrometer's rule for function-based
     * meters) and this binder strongly, so the meters live as long as the Function, however the
     * binder is kept.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        callCounter(registry, "done", FunctionMetrics::callsDone);
        callCounter(registry, "failed", FunctionMetrics::callsFailed);
        callCounter(registry, "cancelled", FunctionMetrics::callsCancelled);
        Gauge.builder("ioasync.function.queued", function, f -> metrics().queued()).tags(tags)
                .description("calls waiting for a worker").register(registry);
        Gauge.builder("ioasync.function.workers", function, f -> metrics().busy()).tags(tags).tag("state", "busy")
                .description("workers").register(registry);
        Gauge.builder("ioasync.function.workers", function, f -> metrics().idle()).tags(tags).tag("state", "idle")
                .description("workers").register(registry);
        counter(registry, "ioasync.function.workers.started", "workers started", FunctionMetrics::workersStarted);
        counter(registry, "ioasync.function.workers.died", "workers that died (error or kill)",
                FunctionMetrics::workersDied);
        for (double phi : new double[] {0.5, 0.99}) {
            TimeGauge.builder("ioasync.function.call.latency", function, TimeUnit.NANOSECONDS,
                    f -> metrics().callLatencyNanos().percentile(phi)).tags(tags).tag("phi", Double.toString(phi))
                    .description("call latency percentile (to within a factor of two)").register(registry);
        }
        TimeGauge.builder("ioasync.function.call.latency.max", function, TimeUnit.NANOSECONDS,
                f -> metrics().callLatencyNanos().max()).tags(tags).description("longest call").register(registry);
    }

    private void callCounter(MeterRegistry registry, String result, ToDoubleFunction<FunctionMetrics> value) {
        FunctionCounter.builder("ioasync.function.calls", function, f -> value.applyAsDouble(metrics())).tags(tags)
                .tag("result", result).description("calls finished, by result").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description,
            ToDoubleFunction<FunctionMetrics> value) {
        FunctionCounter.builder(name, function, f -> value.applyAsDouble(metrics())).tags(tags)
                .description(description).register(registry);
    }

    @Override
    public String toString() {
        return "FunctionMeterBinder[" + function + "]";
    }
}
