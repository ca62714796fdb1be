package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.testkit.LoopRunner;
import dev.ioasync.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link LoopRunner} on the backend under test: it returns a future's value once the
 * loop made it, throws its failure as it is, and fails a test that would hang after a real-time
 * limit.
 */
public abstract class LoopRunnerTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected LoopRunnerTck() {
    }

    @Test
    void returnsTheValueOnceTheLoopHasMadeIt() {
        Future<String> f = loop.delay(Duration.ofMillis(1)).then(v -> Future.doneFuture("made by a timer"));
        assertThat(LoopRunner.await(loop, f, WAIT)).isEqualTo("made by a timer");
    }

    @Test
    void aFutureCompletedByAnotherThreadWakesTheLoop() throws InterruptedException {
        Future<Integer> f = new Future<>();
        Thread other = Thread.ofPlatform().start(() -> f.done(42));
        assertThat(LoopRunner.await(loop, f)).isEqualTo(42);
        other.join();
    }

    @Test
    void aFailureIsThrownAsItIs() {
        Future<String> f = loop.delay(Duration.ofMillis(1)).then(v -> Future.failedFuture("no route", "net", "host"));
        assertThatThrownBy(() -> LoopRunner.await(loop, f, WAIT))
                .isInstanceOf(FutureFailure.class)
                .hasMessage("no route")
                .satisfies(e -> assertThat(((FutureFailure) e).category()).isEqualTo("net"));
    }

    @Test
    void aCancelledFutureIsACancellation() {
        Future<String> f = new Future<>(loop);
        loop.later(f::cancel);
        assertThatThrownBy(() -> LoopRunner.await(loop, f, WAIT)).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFutureThatNeverCompletesFailsTheTestAfterTheLimit() {
        Future<String> never = new Future<>(loop);
        long start = System.nanoTime();
        assertThatThrownBy(() -> LoopRunner.await(loop, never, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("timed out after PT0.2S waiting for a future to become ready")
                .hasMessageContaining(provider().name());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(never.isReady()).isFalse();
    }

    @Test
    void theLimitIsRealTimeEvenOnAManualClock() {
        try (Loop manual = newLoop(new ManualClock())) {
            Future<Void> timer = manual.delay(Duration.ofSeconds(1)); // never fires: the clock stands still
            assertThatThrownBy(() -> LoopRunner.await(manual, timer, Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class);
            assertThat(timer.isReady()).isFalse();
        }
    }

    @Test
    void runUntilChecksBeforeAndAfterEachIteration() {
        AtomicInteger ticks = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            loop.later(ticks::incrementAndGet);
        }
        LoopRunner.runUntil(loop, () -> ticks.get() == 3, WAIT, "three deferred calls");
        assertThat(ticks).hasValue(3);

        LoopRunner.runUntil(loop, () -> true, Duration.ZERO, "nothing"); // already true: no iteration
    }

    @Test
    void runUntilSeesAConditionAnotherThreadMadeTrue() throws InterruptedException {
        AtomicInteger flag = new AtomicInteger();
        Thread other = Thread.ofPlatform().start(() -> flag.set(1)); // does not wake the loop
        LoopRunner.runUntil(loop, () -> flag.get() == 1, WAIT, "the other thread's flag");
        other.join();
    }

    @Test
    void runUntilNamesWhatItWaitedFor() {
        assertThatThrownBy(() -> LoopRunner.runUntil(loop, () -> false, Duration.ofMillis(50), "the reply"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the reply");
    }

    @Test
    void aNegativeLimitIsRejected() {
        assertThatThrownBy(() -> LoopRunner.await(loop, new Future<String>(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative timeout");
    }
}
