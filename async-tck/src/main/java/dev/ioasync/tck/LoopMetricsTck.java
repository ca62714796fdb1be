package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.io.PipePair;
import dev.ioasync.observe.LoopMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code Loop.metrics()}: what the loop counts, on every backend, read on and off its thread. */
public abstract class LoopMetricsTck extends AbstractLoopTck {

    /** Creates the suite. */
    protected LoopMetricsTck() {
    }

    /** Iterations and dispatched callbacks are counted; the loop's name is reported. */
    @Test
    public void countsIterationsAndCallbacks() {
        LoopMetrics before = loop.metrics();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            loop.later(ran::incrementAndGet);
            loop.loopOnce(Duration.ZERO);
        }
        LoopMetrics after = loop.metrics();
        assertThat(ran).hasValue(5);
        assertThat(after.iterations() - before.iterations()).isGreaterThanOrEqualTo(5);
        assertThat(after.callbacks() - before.callbacks()).isGreaterThanOrEqualTo(5);
        assertThat(after.loop()).startsWith("loop-");
        assertThat(after.summary()).startsWith(after.loop() + ": " + after.iterations() + " iterations, "
                + after.callbacks() + " callbacks, ");
    }

    /** Each timer that fires records its lateness (fire time minus deadline), never negative. */
    @Test
    public void recordsTimerLateness() {
        AtomicInteger fired = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            loop.watchTimeAfter(Duration.ofMillis(1 + i), fired::incrementAndGet);
        }
        runUntil(loop, () -> fired.get() == 4, "four timers");
        var lateness = loop.metrics().timerLatenessNanos();
        assertThat(lateness.count()).isEqualTo(4);
        assertThat(lateness.p50()).isBetween(0L, lateness.max());
        assertThat(lateness.p99()).isBetween(lateness.p50(), lateness.max());
        assertThat(lateness.percentile(0)).isGreaterThanOrEqualTo(0);
    }

    /**
     * Gauges on the loop thread are exact: queued later calls, pending timers, watched handles, notifiers.
     *
     * @throws IOException when the pipe cannot be made
     */
    @Test
    public void gaugesAreExactOnTheLoopThread() throws IOException {
        try (PipePair p = loop.pipe()) {
            loop.watchIo(p.reader(), () -> { }, null);
            loop.watchTimeAfter(Duration.ofHours(1), () -> { });
            loop.watchTimeAfter(Duration.ofHours(2), () -> { });
            loop.later(() -> { });
            loop.add(new dev.ioasync.timer.Countdown(Duration.ofHours(1), () -> { }).name("gauge"));
            LoopMetrics m = loop.metrics();
            assertThat(m.watchedHandles()).isEqualTo(1);
            assertThat(m.timers()).isEqualTo(loop.pendingTimers()).isGreaterThanOrEqualTo(2);
            assertThat(m.laterQueueDepth()).isEqualTo(1);
            assertThat(m.notifiers()).isEqualTo(1);
            loop.unwatchIo(p.reader());
            assertThat(loop.metrics().watchedHandles()).isZero();
        }
    }

    /**
     * A poll that finds a handle ready records it in the ready-per-poll histogram.
     *
     * @throws IOException when the pipe fails
     */
    @Test
    public void recordsReadyHandlesPerPoll() throws IOException {
        try (PipePair p = loop.pipe()) {
            boolean[] read = new boolean[1];
            loop.watchIo(p.reader(), () -> {
                try {
                    p.reader().read(ByteBuffer.allocate(16));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                read[0] = true;
            }, null);
            p.writer().write(ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)));
            runUntil(loop, () -> read[0], "the pipe to be readable");
            loop.unwatchIo(p.reader());
            assertThat(loop.metrics().readyPerPoll().max()).isGreaterThanOrEqualTo(1);
        }
    }

    /** Errors routed to a handler are counted by class. */
    @Test
    public void countsErrorsByClass() {
        loop.later(() -> {
            throw new IllegalStateException("one");
        });
        loop.later(() -> {
            throw new IllegalStateException("two");
        });
        loop.later(() -> {
            throw new ArithmeticException("three");
        });
        runUntil(loop, () -> loopErrors.size() == 3, "three errors");
        drainLoopErrors();
        LoopMetrics m = loop.metrics();
        assertThat(m.errorsRouted()).containsEntry("java.lang.IllegalStateException", 2L)
                .containsEntry("java.lang.ArithmeticException", 1L);
        assertThat(m.errorsTotal()).isEqualTo(3);
    }

    /** Time running callbacks counts as busy; time waiting in the poll counts as polling. */
    @Test
    public void splitsTimeBetweenPollAndCallbacks() {
        LoopMetrics before = loop.metrics();
        loop.later(() -> spin(Duration.ofMillis(20)));
        loop.loopOnce(Duration.ZERO);
        loop.loopOnce(Duration.ofMillis(5));
        LoopMetrics after = loop.metrics();
        assertThat(after.busyNanos() - before.busyNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(after.pollNanos()).isGreaterThan(before.pollNanos());
        assertThat(after.utilisation()).isBetween(0.0, 1.0).isGreaterThan(0.0);
    }

    /**
     * Another thread reads what the loop published before it last slept.
     *
     * @throws Exception when the other thread fails
     */
    @Test
    public void snapshotFromAnotherThread() throws Exception {
        for (int i = 0; i < 3; i++) {
            loop.later(() -> { });
            loop.loopOnce(Duration.ZERO);
        }
        long seenOnLoop = loop.metrics().iterations();
        loop.loopOnce(Duration.ofMillis(1)); // publishes before it sleeps
        LoopMetrics there = CompletableFuture.supplyAsync(loop::metrics).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(there.iterations()).isGreaterThanOrEqualTo(seenOnLoop);
        assertThat(there.callbacks()).isGreaterThanOrEqualTo(3);
        assertThat(there.loop()).isEqualTo(loop.metrics().loop());
    }

    /** A builder name is the loop's name in its metrics. */
    @Test
    public void builderNamesTheLoop() {
        try (var named = dev.ioasync.Loop.builder().provider(provider()).name("metrics-named").build()) {
            assertThat(named.metrics().loop()).isEqualTo("metrics-named");
            assertThat(named.observer().name()).isEqualTo("metrics-named");
        }
    }

    /**
     * Keeps the thread busy (a stand-in for a slow callback; not a synchronisation).
     *
     * @param d how long
     */
    static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
