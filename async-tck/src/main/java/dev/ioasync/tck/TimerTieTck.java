package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.testkit.ManualClock;
import dev.ioasync.timer.Absolute;
import dev.ioasync.timer.Countdown;
import dev.ioasync.timer.Periodic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Timers with equal deadlines fire in the order they were set, whatever API set them: equal
 * instants given to {@code watchTimeAt} and {@link Absolute} map to equal deadlines (one fixed
 * offset between the wall clock and the monotonic clock per loop), and equal delays set in one
 * step on a still clock give equal deadlines too.
 */
public abstract class TimerTieTck extends ManualClockTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected TimerTieTck() {
    }

    private static List<Integer> oneToEight() {
        return IntStream.rangeClosed(1, 8).boxed().toList();
    }

    @Test
    void ties_eightWatchTimeAtOfOneInstantFireInInsertionOrderOnTheSystemClock() {
        Instant at = Instant.now().plusMillis(50);
        List<Integer> fired = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int k = i;
            loop.watchTimeAt(at, () -> fired.add(k));
        }
        runUntil(loop, () -> fired.size() == 8, "eight timers");
        assertThat(fired).isEqualTo(oneToEight());
    }

    @Test
    void ties_manyRoundsOfEqualInstantsNeverReorder() {
        // each round sets 8 timers for one instant, with real time passing between the calls
        for (int round = 0; round < 20; round++) {
            Instant at = Instant.now().plusMillis(5);
            List<Integer> fired = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int k = i;
                loop.watchTimeAt(at, () -> fired.add(k));
                Thread.onSpinWait();
            }
            runUntil(loop, () -> fired.size() == 8, "eight timers of round " + round);
            assertThat(fired).as("round %d", round).isEqualTo(oneToEight());
        }
    }

    @Test
    void ties_equalInstantsGiveEqualDeadlines() {
        Instant at = Instant.now().plusSeconds(3);
        long first = loop.deadlineNanos(at);
        for (int i = 0; i < 10_000; i++) {
            assertThat(loop.deadlineNanos(at)).isEqualTo(first);
        }
        assertThat(loop.deadlineNanos(at.plusNanos(1))).isEqualTo(first + 1);
        assertThat(manual.deadlineNanos(clock.instant().plusSeconds(2)))
                .isEqualTo(clock.nanoTime() + Duration.ofSeconds(2).toNanos());
    }

    @Test
    void ties_absoluteTimersAndWatchTimeAtOfOneInstantInterleaveInInsertionOrder() {
        Instant at = clock.instant().plusSeconds(10);
        List<Integer> fired = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int k = i;
            if (i % 2 == 0) {
                manual.add(new Absolute(at, () -> fired.add(k)));
            } else {
                manual.watchTimeAt(at, () -> fired.add(k));
            }
            clock.advance(Duration.ofMillis(1)); // time passes between the calls; the instant stays
        }
        clock.advance(Duration.ofSeconds(10));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).isEqualTo(oneToEight());
    }

    @Test
    void ties_absoluteTimersOnTheSystemClockFireInInsertionOrder() {
        Instant at = Instant.now().plusMillis(50);
        List<Integer> fired = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int k = i;
            loop.add(new Absolute(at, () -> fired.add(k)));
        }
        runUntil(loop, () -> fired.size() == 8, "eight absolute timers");
        assertThat(fired).isEqualTo(oneToEight());
    }

    @Test
    void ties_instantsInThePastFireAtTheNextIterationInInsertionOrder() {
        Instant past = Instant.now().minusSeconds(5);
        List<Integer> fired = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int k = i;
            if (i % 3 == 0) {
                loop.add(new Absolute(past, () -> fired.add(k)));
            } else {
                loop.watchTimeAt(past, () -> fired.add(k));
            }
        }
        loop.loopOnce(Duration.ZERO);
        assertThat(fired).isEqualTo(oneToEight());
    }

    @Test
    void ties_equalDelaysOfEveryKindFireInInsertionOrder() {
        Duration d = Duration.ofSeconds(1);
        List<String> fired = new ArrayList<>();
        manual.watchTimeAfter(d, () -> fired.add("watchTimeAfter 1"));
        manual.delay(d).onDone(v -> fired.add("delay 2"));
        manual.add(new Countdown(d, () -> fired.add("countdown 3")).start());
        manual.timeout(d).onFail(f -> fired.add("timeout 4"));
        manual.add(new Periodic(d, () -> fired.add("periodic 5")).start());
        manual.watchTimeAt(clock.instant().plus(d), () -> fired.add("watchTimeAt 6"));
        manual.add(new Absolute(clock.instant().plus(d), () -> fired.add("absolute 7")));
        manual.watchTimeAfter(d, () -> fired.add("watchTimeAfter 8"));
        clock.advance(d);
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).containsExactly("watchTimeAfter 1", "delay 2", "countdown 3", "timeout 4", "periodic 5",
                "watchTimeAt 6", "absolute 7", "watchTimeAfter 8");
    }

    @Test
    void ties_periodicTimersOfOneIntervalKeepTheirOrderAtEveryTick() {
        List<String> fired = new ArrayList<>();
        Periodic a = new Periodic(Duration.ofMillis(100), () -> fired.add("a"));
        Periodic b = new Periodic(Duration.ofMillis(100), () -> fired.add("b"));
        Periodic c = new Periodic(Duration.ofMillis(100), () -> fired.add("c"));
        manual.add(a.start());
        manual.add(b.start());
        manual.add(c.start());
        for (int tick = 0; tick < 5; tick++) {
            clock.advance(Duration.ofMillis(100));
            manual.loopOnce(Duration.ZERO);
        }
        assertThat(String.join("", fired)).isEqualTo("abc".repeat(5));
    }

    @Test
    void ties_delayFuturesOnTheSystemClockCompleteInInsertionOrder() {
        List<Integer> fired = new ArrayList<>();
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int k = i;
            all.add(loop.delay(Duration.ofMillis(20)).onDone(v -> fired.add(k)));
        }
        awaitReady(Future.needsAll(all));
        assertThat(fired).isEqualTo(oneToEight());
    }
}
