package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Running and stopping the loop: {@code run}, {@code stop}, {@code loopOnce}, {@code await}, {@code close}, the clock. */
public abstract class LoopControlTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected LoopControlTck() {
    }

    /** A watchdog that stops a run that a broken stop would leave hanging. */
    private void watchdog() {
        loop.watchTimeAfter(WAIT, () -> loop.stop("watchdog"));
    }

    @Test
    void control_runReturnsTheValuesGivenToStop() {
        watchdog();
        loop.later(() -> loop.stop("a", 1, null));
        assertThat(loop.run()).containsExactly("a", 1, null);
    }

    @Test
    void control_stopEndsTheInnermostNestedRun() {
        watchdog();
        List<Object> seen = new ArrayList<>();
        loop.later(() -> {
            loop.later(() -> loop.stop("inner"));
            seen.add(loop.run());
            loop.stop("outer");
        });
        List<Object> outer = loop.run();
        assertThat(seen).containsExactly(List.of("inner"));
        assertThat(outer).containsExactly("outer");
    }

    @Test
    void control_stopFromAnotherThreadEndsRun() throws Exception {
        watchdog();
        CountDownLatch running = new CountDownLatch(1);
        loop.later(running::countDown);
        Thread t = new Thread(() -> {
            try {
                if (running.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    loop.stop("from-thread");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stopper");
        t.start();
        assertThat(loop.run()).containsExactly("from-thread");
        t.join(WAIT.toMillis());
    }

    @Test
    void control_stopOutsideRunDoesNothing() {
        loop.stop("ignored");
        watchdog();
        loop.later(() -> loop.stop("real"));
        assertThat(loop.run()).containsExactly("real");
    }

    @Test
    void control_loopOnceZeroReturnsAtOnceWhenIdle() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            loop.loopOnce(Duration.ZERO);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void control_loopOnceWaitsAboutTheTimeoutWhenNothingHappens() {
        long t0 = System.nanoTime();
        loop.loopOnce(Duration.ofMillis(150));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(140)).isLessThan(WAIT);
    }

    @Test
    void control_loopOnceReturnsEarlyForADueTimer() {
        boolean[] fired = {false};
        loop.watchTimeAfter(Duration.ofMillis(20), () -> fired[0] = true);
        long t0 = System.nanoTime();
        runUntil(loop, () -> fired[0], "a 20 ms timer");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(WAIT);
    }

    @Test
    void control_awaitRunsTheLoopUntilTheFutureIsReady() {
        Future<Void> f = loop.delay(Duration.ofMillis(30));
        assertThat(loop.await(f)).isSameAs(f);
        assertThat(f.isDone()).isTrue();
    }

    @Test
    void control_delayFutureIsDoneAfterItsDelay() {
        long t0 = System.nanoTime();
        awaitReady(loop.delay(Duration.ofMillis(50)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(49));
    }

    @Test
    void control_timeoutFutureFailsWithCategoryTimeout() {
        Future<Void> f = awaitReady(loop.timeout(Duration.ofMillis(10)));
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure().category()).isEqualTo("timeout");
        assertThatThrownBy(f::get).isInstanceOf(FutureFailure.class);
    }

    @Test
    void control_cancellingADelayFutureCancelsItsTimer() {
        int before = loop.pendingTimers();
        Future<Void> f = loop.delay(Duration.ofHours(1));
        assertThat(loop.pendingTimers()).isEqualTo(before + 1);
        f.cancel();
        assertThat(loop.pendingTimers()).isEqualTo(before);
    }

    @Test
    void control_laterFutureIsDoneAtTheNextIteration() {
        Future<Void> f = loop.laterFuture();
        assertThat(f.isReady()).isFalse();
        loop.loopOnce(Duration.ZERO);
        assertThat(f.isDone()).isTrue();
    }

    @Test
    void control_injectedClockDrivesDeadlines() {
        ManualClock clock = new ManualClock();
        try (Loop l = newLoop(clock)) {
            boolean[] fired = {false};
            l.watchTimeAfter(Duration.ofHours(1), () -> fired[0] = true);
            l.loopOnce(Duration.ZERO);
            assertThat(fired[0]).isFalse();
            clock.advance(Duration.ofMinutes(59));
            l.loopOnce(Duration.ZERO);
            assertThat(fired[0]).isFalse();
            clock.advance(Duration.ofMinutes(1));
            l.loopOnce(Duration.ZERO);
            assertThat(fired[0]).isTrue();
            assertThat(l.time()).isEqualTo(clock.instant());
        }
    }

    @Test
    void control_anotherThreadCannotChangeTheLoop() throws Exception {
        assertThat(thrownOnAnotherThread("stranger", () -> loop.watchTimeAfter(Duration.ofSeconds(1), () -> { })))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("later()");
    }

    @Test
    void control_anotherThreadMayRunAnIdleLoop() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        loop.later(() -> loop.stop("ran on " + Thread.currentThread().getName()));
        Thread t = new Thread(() -> result.set(loop.run()), "second-owner");
        t.start();
        t.join(WAIT.toMillis());
        assertThat(result.get()).isEqualTo(List.of("ran on second-owner"));
    }

    @Test
    void control_closedLoopRefusesToRunAndToQueue() throws Exception {
        loop.close();
        assertThat(loop.isClosed()).isTrue();
        assertThatThrownBy(loop::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(thrownOnAnotherThread("stranger", () -> loop.later(() -> { })))
                .isInstanceOf(IllegalStateException.class);
        loop.close();
    }

    @Test
    void control_closeCancelsTimersAndRemovesNotifiers() {
        dev.ioasync.Notifier n = new dev.ioasync.Notifier();
        loop.add(n);
        Future<Void> f = loop.delay(Duration.ofHours(1));
        loop.close();
        assertThat(n.loop()).isNull();
        assertThat(loop.pendingTimers()).isZero();
        assertThat(f.isReady()).isFalse();
    }

    @Test
    void control_closeHooksRunOnceAtCloseAndCanBeCancelled() {
        List<String> ran = new ArrayList<>();
        loop.onClose(() -> ran.add("kept"));
        loop.onClose(() -> ran.add("cancelled")).cancel();
        loop.onClose(() -> {
            throw new IllegalStateException("a throwing hook");
        });
        loop.close();
        loop.close();
        assertThat(ran).containsExactly("kept");
        assertThat(drainLoopErrors()).singleElement().satisfies(e -> assertThat(e).hasMessage("a throwing hook"));
    }

    @Test
    void control_negativeArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> loop.loopOnce(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> loop.watchTimeAfter(Duration.ofMillis(-5), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    }
}
