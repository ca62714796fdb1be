package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Cancellable;
import dev.ioasync.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Low-level timers: {@code watchTimeAfter}, {@code watchTimeAt}, {@code unwatchTime}. */
public abstract class TimerTck extends ManualClockTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected TimerTck() {
    }

    private record Fired(long deadlineMillis, int insertion) {
    }

    private List<Fired> scheduleRandom(int n, List<Cancellable> handles, List<Fired> fired, long seed) {
        Random random = new Random(seed);
        List<Fired> expected = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long ms = random.nextInt(1000); // many equal deadlines
            Fired f = new Fired(ms, i);
            expected.add(f);
            handles.add(manual.watchTimeAfter(Duration.ofMillis(ms), () -> fired.add(f)));
        }
        return expected;
    }

    private static final Comparator<Fired> DEADLINE_THEN_INSERTION =
            Comparator.comparingLong(Fired::deadlineMillis).thenComparingInt(Fired::insertion);

    @Test
    void timers_100kRandomDeadlinesFireInDeadlineOrderTiesInInsertionOrder() {
        List<Fired> fired = new ArrayList<>();
        List<Fired> expected = scheduleRandom(100_000, new ArrayList<>(), fired, 42);
        assertThat(manual.pendingTimers()).isEqualTo(100_000);
        clock.advance(Duration.ofSeconds(1));
        manual.loopOnce(Duration.ZERO);
        expected.sort(DEADLINE_THEN_INSERTION);
        assertThat(fired).hasSize(100_000).isEqualTo(expected);
        assertThat(manual.pendingTimers()).isZero();
    }

    @Test
    void timers_cancellingHalfOf100kLeavesTheRestInOrder() {
        List<Fired> fired = new ArrayList<>();
        List<Cancellable> handles = new ArrayList<>();
        List<Fired> expected = scheduleRandom(100_000, handles, fired, 7);
        List<Fired> kept = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            if (i % 2 == 0) {
                assertThat(handles.get(i).cancel()).isTrue();
                assertThat(handles.get(i).isPending()).isFalse();
            } else {
                kept.add(expected.get(i));
            }
        }
        assertThat(manual.pendingTimers()).isEqualTo(50_000);
        clock.advance(Duration.ofSeconds(1));
        manual.loopOnce(Duration.ZERO);
        kept.sort(DEADLINE_THEN_INSERTION);
        assertThat(fired).isEqualTo(kept);
    }

    @Test
    void timers_increasingAndEarlierDeadlinesInterleaveInOrderAndCancelAnywhere() {
        List<String> fired = new ArrayList<>();
        Cancellable a = manual.watchTimeAfter(Duration.ofMillis(10), () -> fired.add("a10"));
        manual.watchTimeAfter(Duration.ofMillis(20), () -> fired.add("b20"));
        manual.watchTimeAfter(Duration.ofMillis(5), () -> fired.add("c5"));
        Cancellable d = manual.watchTimeAfter(Duration.ofMillis(30), () -> fired.add("d30"));
        manual.watchTimeAfter(Duration.ofMillis(20), () -> fired.add("e20"));
        manual.watchTimeAfter(Duration.ofMillis(15), () -> fired.add("f15"));
        manual.watchTimeAfter(Duration.ofMillis(40), () -> fired.add("g40"));
        assertThat(a.cancel()).isTrue();
        assertThat(a.cancel()).isFalse();
        assertThat(d.cancel()).isTrue();
        assertThat(a.isPending()).isFalse();
        assertThat(manual.pendingTimers()).isEqualTo(5);
        clock.advance(Duration.ofMillis(100));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).containsExactly("c5", "f15", "b20", "e20", "g40");
        assertThat(manual.pendingTimers()).isZero();
    }

    @Test
    void timers_firesOnlyWhenDueOnTheLoopClock() {
        List<String> fired = new ArrayList<>();
        manual.watchTimeAfter(Duration.ofMillis(100), () -> fired.add("100"));
        manual.watchTimeAfter(Duration.ofMillis(50), () -> fired.add("50"));
        clock.advance(Duration.ofMillis(49));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMillis(1));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).containsExactly("50");
        clock.advance(Duration.ofMillis(50));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).containsExactly("50", "100");
    }

    @Test
    void timers_cancelAfterFiringReturnsFalseAndUnwatchIsHarmless() {
        boolean[] fired = {false};
        Cancellable c = manual.watchTimeAfter(Duration.ZERO, () -> fired[0] = true);
        assertThat(c.isPending()).isTrue();
        manual.loopOnce(Duration.ZERO);
        assertThat(fired[0]).isTrue();
        assertThat(c.isPending()).isFalse();
        assertThat(c.cancel()).isFalse();
        manual.unwatchTime(c);
    }

    @Test
    void timers_zeroDelayFiresAtTheNextIterationNotAtOnce() {
        boolean[] fired = {false};
        manual.watchTimeAfter(Duration.ZERO, () -> fired[0] = true);
        assertThat(fired[0]).isFalse();
        manual.loopOnce(Duration.ZERO);
        assertThat(fired[0]).isTrue();
    }

    @Test
    void timers_aDueTimerSetByATimerCallbackWaitsForTheNextIteration() {
        List<String> fired = new ArrayList<>();
        manual.watchTimeAfter(Duration.ZERO, () -> {
            fired.add("first");
            manual.watchTimeAfter(Duration.ZERO, () -> fired.add("second"));
        });
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).containsExactly("first");
        manual.loopOnce(Duration.ZERO);
        assertThat(fired).containsExactly("first", "second");
    }

    @Test
    void timers_watchTimeAtUsesTheWallClock() {
        boolean[] fired = {false};
        manual.watchTimeAt(clock.instant().plusSeconds(30), () -> fired[0] = true);
        clock.advance(Duration.ofSeconds(29));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired[0]).isFalse();
        clock.advance(Duration.ofSeconds(1));
        manual.loopOnce(Duration.ZERO);
        assertThat(fired[0]).isTrue();
    }

    @Test
    void timers_aTimeInThePastFiresAtTheNextIteration() {
        boolean[] fired = {false};
        manual.watchTimeAt(clock.instant().minusSeconds(30), () -> fired[0] = true);
        manual.loopOnce(Duration.ZERO);
        assertThat(fired[0]).isTrue();
    }

    @Test
    void timers_realClockTimerDoesNotFireEarly() {
        long t0 = System.nanoTime();
        long[] firedAt = {0};
        loop.watchTimeAfter(Duration.ofMillis(60), () -> firedAt[0] = System.nanoTime());
        runUntil(loop, () -> firedAt[0] != 0, "a 60 ms timer");
        assertThat(Duration.ofNanos(firedAt[0] - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    }
}
