package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Notifier;
import dev.ioasync.testkit.ManualClock;
import dev.ioasync.timer.Absolute;
import dev.ioasync.timer.Countdown;
import dev.ioasync.timer.Periodic;
import dev.ioasync.timer.Reschedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timer notifiers: Countdown, Absolute, Periodic, on an injected clock. */
public abstract class TimerNotifierTck extends ManualClockTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected TimerNotifierTck() {
    }

    private void step(Duration d) {
        clock.advance(d);
        manual.loopOnce(Duration.ZERO);
    }

    private long now() {
        return clock.nanoTime();
    }

    // ------------------------------------------------------------ Countdown

    @Test
    void countdown_expiresOnceAfterItsDelay() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ofSeconds(2), () -> expired[0]++);
        manual.add(c);
        c.start();
        assertThat(c.isRunning()).isTrue();
        step(Duration.ofMillis(1999));
        assertThat(expired[0]).isZero();
        step(Duration.ofMillis(1));
        assertThat(expired[0]).isEqualTo(1);
        assertThat(c.isRunning()).isFalse();
        assertThat(c.isExpired()).isTrue();
        step(Duration.ofSeconds(10));
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void countdown_startBeforeAddIsPendingUntilAdded() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ofSeconds(1), () -> expired[0]++);
        c.start();
        assertThat(c.isStartPending()).isTrue();
        assertThat(c.isRunning()).isFalse();
        step(Duration.ofSeconds(5));
        manual.add(c);
        assertThat(c.isRunning()).isTrue();
        step(Duration.ofSeconds(1));
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void countdown_startOnARunningTimerIsAnError() {
        Countdown c = new Countdown(Duration.ofSeconds(1), () -> { });
        c.name("once");
        manual.add(c);
        c.start();
        assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running")
                .hasMessageContaining("once");
    }

    @Test
    void countdown_zeroDelayIsAllowedAndFiresAtTheNextIteration() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ZERO, () -> expired[0]++);
        manual.add(c);
        c.start();
        assertThat(expired[0]).isZero();
        manual.loopOnce(Duration.ZERO);
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void countdown_stopPreventsExpiryAndStartAgainCountsTheWholeDelay() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ofSeconds(1), () -> expired[0]++);
        manual.add(c);
        c.start();
        step(Duration.ofMillis(900));
        c.stop();
        step(Duration.ofSeconds(5));
        assertThat(expired[0]).isZero();
        c.start();
        step(Duration.ofMillis(999));
        assertThat(expired[0]).isZero();
        step(Duration.ofMillis(1));
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void countdown_resetRestartsTheCountFromNow() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ofSeconds(1), () -> expired[0]++);
        manual.add(c);
        c.reset(); // not running: nothing
        assertThat(c.isRunning()).isFalse();
        c.start();
        step(Duration.ofMillis(800));
        c.reset();
        step(Duration.ofMillis(800));
        assertThat(expired[0]).isZero();
        step(Duration.ofMillis(200));
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void countdown_changingTheDelayWhileRunningRestartsWithTheNewDelay() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ofSeconds(10), () -> expired[0]++);
        manual.add(c);
        c.start();
        step(Duration.ofSeconds(1));
        c.delay(Duration.ofSeconds(2));
        step(Duration.ofMillis(1999));
        assertThat(expired[0]).isZero();
        step(Duration.ofMillis(1));
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void countdown_removeOnExpireTakesItOutOfItsParent() {
        Notifier parent = new Notifier();
        Countdown c = new Countdown(Duration.ofSeconds(1), () -> { }).removeOnExpire(true);
        parent.addChild(c);
        manual.add(parent);
        c.start();
        step(Duration.ofSeconds(1));
        assertThat(parent.children()).isEmpty();
        assertThat(c.loop()).isNull();
    }

    @Test
    void countdown_removingItFromTheLoopStopsIt() {
        int[] expired = {0};
        Countdown c = new Countdown(Duration.ofSeconds(1), () -> expired[0]++);
        manual.add(c);
        c.start();
        manual.remove(c);
        assertThat(c.isRunning()).isFalse();
        step(Duration.ofSeconds(2));
        assertThat(expired[0]).isZero();
        assertThat(manual.pendingTimers()).isZero();
    }

    @Test
    void countdown_withoutDelayOrCallbackCannotStart() {
        assertThatThrownBy(() -> new Countdown().start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> new Countdown().delay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    }

    // ------------------------------------------------------------ Absolute

    @Test
    void absolute_firesAtItsTimeAndStartsWhenAdded() {
        int[] expired = {0};
        Absolute a = new Absolute(clock.instant().plusSeconds(60), () -> expired[0]++);
        manual.add(a);
        assertThat(a.isRunning()).isTrue();
        step(Duration.ofSeconds(59));
        assertThat(expired[0]).isZero();
        step(Duration.ofSeconds(1));
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void absolute_aTimeInThePastFiresAtTheNextIteration() {
        int[] expired = {0};
        manual.add(new Absolute(clock.instant().minusSeconds(60), () -> expired[0]++));
        assertThat(expired[0]).isZero();
        manual.loopOnce(Duration.ZERO);
        assertThat(expired[0]).isEqualTo(1);
    }

    @Test
    void absolute_movingTheTimeMovesTheDeadline() {
        int[] expired = {0};
        Absolute a = new Absolute(clock.instant().plusSeconds(60), () -> expired[0]++);
        manual.add(a);
        a.time(clock.instant().plusSeconds(5));
        step(Duration.ofSeconds(5));
        assertThat(expired[0]).isEqualTo(1);
    }

    // ------------------------------------------------------------ Periodic

    @Test
    void periodic_hardTicksStayOnScheduleOverManyLateTicks() {
        List<Long> ticks = new ArrayList<>();
        long start = now();
        long interval = Duration.ofMillis(100).toNanos();
        Periodic p = new Periodic(Duration.ofMillis(100), () -> ticks.add(now()));
        manual.add(p);
        p.start();
        for (int k = 1; k <= 1000; k++) {
            // the loop is 30 ms late for every tick: the schedule must not drift
            clock.advance(Duration.ofNanos(start + k * interval + Duration.ofMillis(30).toNanos() - now()));
            manual.loopOnce(Duration.ZERO);
            assertThat(ticks).hasSize(k);
            assertThat(p.nextDeadlineNanos()).isEqualTo(start + (k + 1) * interval);
        }
    }

    @Test
    void periodic_hardCatchesUpAfterAStallOneTickPerIteration() {
        int[] ticks = {0};
        Periodic p = new Periodic(Duration.ofSeconds(1), () -> ticks[0]++);
        manual.add(p);
        p.start();
        clock.advance(Duration.ofMillis(3500)); // stall: three ticks missed
        manual.loopOnce(Duration.ZERO);
        assertThat(ticks[0]).isEqualTo(1);
        manual.loopOnce(Duration.ZERO);
        manual.loopOnce(Duration.ZERO);
        assertThat(ticks[0]).isEqualTo(3);
        manual.loopOnce(Duration.ZERO);
        assertThat(ticks[0]).isEqualTo(3);
        step(Duration.ofMillis(500));
        assertThat(ticks[0]).isEqualTo(4);
    }

    @Test
    void periodic_skipFiresOnceAfterAStallAndKeepsTheOriginalSlots() {
        int[] ticks = {0};
        long start = now();
        Periodic p = new Periodic(Duration.ofSeconds(1), () -> ticks[0]++).reschedule(Reschedule.SKIP);
        manual.add(p);
        p.start();
        clock.advance(Duration.ofMillis(3500));
        manual.loopOnce(Duration.ZERO);
        manual.loopOnce(Duration.ZERO);
        assertThat(ticks[0]).isEqualTo(1);
        assertThat(p.nextDeadlineNanos()).isEqualTo(start + Duration.ofSeconds(4).toNanos());
    }

    @Test
    void periodic_driftSchedulesFromTheMomentOfTheTick() {
        long start = now();
        Periodic p = new Periodic(Duration.ofSeconds(1), () -> { }).reschedule(Reschedule.DRIFT);
        manual.add(p);
        p.start();
        clock.advance(Duration.ofMillis(1300));
        manual.loopOnce(Duration.ZERO);
        assertThat(p.nextDeadlineNanos()).isEqualTo(start + Duration.ofMillis(2300).toNanos());
    }

    @Test
    void periodic_firstIntervalZeroTicksAtTheNextIterationNotAtOnce() {
        int[] ticks = {0};
        Periodic p = new Periodic(Duration.ofSeconds(1), () -> ticks[0]++).firstInterval(Duration.ZERO);
        manual.add(p);
        p.start();
        assertThat(ticks[0]).isZero();
        manual.loopOnce(Duration.ZERO);
        assertThat(ticks[0]).isEqualTo(1);
        step(Duration.ofSeconds(1));
        assertThat(ticks[0]).isEqualTo(2);
    }

    @Test
    void periodic_firstIntervalIsKeptAcrossStopAndStart() {
        int[] ticks = {0};
        Periodic p = new Periodic(Duration.ofSeconds(10), () -> ticks[0]++).firstInterval(Duration.ofSeconds(1));
        manual.add(p);
        p.start();
        p.stop();
        p.start();
        step(Duration.ofSeconds(1));
        assertThat(ticks[0]).isEqualTo(1);
    }

    @Test
    void periodic_aTickThatThrowsStaysScheduled() {
        List<Throwable> errors = new ArrayList<>();
        int[] ticks = {0};
        Periodic p = new Periodic(Duration.ofSeconds(1), () -> {
            ticks[0]++;
            throw new IllegalStateException("tick " + ticks[0]);
        });
        p.onError((e, source) -> errors.add(e));
        manual.add(p);
        p.start();
        step(Duration.ofSeconds(1));
        step(Duration.ofSeconds(1));
        step(Duration.ofSeconds(1));
        assertThat(ticks[0]).isEqualTo(3);
        assertThat(p.isRunning()).isTrue();
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).hasRootCauseMessage("tick 1");
    }

    @Test
    void periodic_stopFromItsOwnTickEndsIt() {
        int[] ticks = {0};
        Periodic[] p = new Periodic[1];
        p[0] = new Periodic(Duration.ofSeconds(1), () -> {
            if (++ticks[0] == 2) {
                p[0].stop();
            }
        });
        manual.add(p[0]);
        p[0].start();
        for (int i = 0; i < 5; i++) {
            step(Duration.ofSeconds(1));
        }
        assertThat(ticks[0]).isEqualTo(2);
        assertThat(manual.pendingTimers()).isZero();
    }

    @Test
    void periodic_intervalMustBePositive() {
        assertThatThrownBy(() -> new Periodic(Duration.ZERO, () -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
    }

    // ------------------------------------------------------------ configure by Perl names

    @Test
    void configure_takesTheIoAsyncParameterNames() {
        int[] expired = {0};
        Countdown c = new Countdown();
        c.configure(Map.of("delay", 0.5, "on_expire", (Runnable) () -> expired[0]++, "name", "half"));
        assertThat(c.delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.name()).isEqualTo("half");
        manual.add(c);
        c.start();
        step(Duration.ofMillis(500));
        assertThat(expired[0]).isEqualTo(1);

        Periodic p = new Periodic();
        p.configure(Map.of("interval", Duration.ofSeconds(2), "first_interval", 0, "reschedule", "skip",
                "on_tick", (Runnable) () -> { }));
        assertThat(p.interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void configure_unknownKeyOrWrongTypeIsAnErrorNamingTheKey() {
        Countdown c = new Countdown();
        assertThatThrownBy(() -> c.configure(Map.of("delya", 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delya").hasMessageContaining("Countdown");
        assertThatThrownBy(() -> c.configure(Map.of("on_expire", "not code"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on_expire").hasMessageContaining("Runnable");
        assertThatThrownBy(() -> new Periodic().configure(Map.of("reschedule", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reschedule");
    }
}
