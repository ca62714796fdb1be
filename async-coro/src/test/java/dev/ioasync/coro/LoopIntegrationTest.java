package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idle hook, await, sleep, unblockSub, and deadlock detection. */
class LoopIntegrationTest extends CoroTestBase {

    @Test
    void sleepWaitsOnTheLoopsTimersWhileOthersRun() {
        Coro sleeper = Coro.async(() -> {
            Coro.sleep(Duration.ofMillis(30));
            log("slept");
        });
        Coro busy = Coro.async(() -> log("busy ran"));
        long t0 = System.nanoTime();
        sleeper.join();
        busy.join();
        assertThat(trace).containsExactly("busy ran", "slept");
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(25).toNanos());
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void awaitAFutureCompletedByATimer() {
        Future<String> f = loop.newFuture();
        loop.watchTimeAfter(Duration.ofMillis(10), () -> f.done("ready"));
        Coro c = Coro.async(a -> Coro.await(f));
        assertThat(c.join()).containsExactly("ready");
        assertThat(Coro.await(loop.delay(Duration.ofMillis(1)))).isNull(); // from main too
    }

    @Test
    void awaitAFutureCompletedFromAnotherThread() throws Exception {
        Future<Integer> f = loop.newFuture();
        Thread t = Thread.ofPlatform().start(() -> loop.later(() -> f.done(42)));
        assertThat(Coro.await(f, Duration.ofSeconds(10))).isEqualTo(42);
        t.join();
    }

    @Test
    void awaitRethrowsAFailureAndTimesOut() {
        Future<String> failed = loop.newFuture();
        failed.fail("nope", "test");
        assertThatThrownBy(() -> Coro.await(failed)).isInstanceOf(FutureFailure.class).hasMessage("nope");
        Future<String> never = loop.newFuture();
        assertThatThrownBy(() -> Coro.await(never, Duration.ofMillis(10))).isInstanceOf(CoroTimeoutException.class);
    }

    @Test
    void unblockSubLetsALoopCallbackBlockUnderLoopRun() {
        Semaphore sem = new Semaphore(0);
        List<String> seen = new ArrayList<>();
        Runnable cb = Coro.unblockSub(() -> {
            sem.down(); // would be illegal in a plain loop callback
            seen.add("callback got the token");
            loop.stop();
        });
        loop.later(cb);
        loop.watchTimeAfter(Duration.ofMillis(5), sem::up);
        loop.run();
        assertThat(seen).containsExactly("callback got the token");
    }

    @Test
    void coroutinesReadiedByCallbacksRunUnderLoopRun() {
        Signal sig = new Signal();
        Coro.async(() -> {
            sig.await();
            log("woken by a timer");
            loop.stop();
        });
        loop.watchTimeAfter(Duration.ofMillis(5), sig::send);
        loop.run();
        assertThat(trace).containsExactly("woken by a timer");
    }

    @Test
    void blockingInACallbackWhileIdleIsRefusedLoudly() {
        List<Throwable> errors = new ArrayList<>();
        loop.errorHandler((e, src) -> errors.add(e));
        loop.watchTimeAfter(Duration.ofMillis(1), Coro::cede);
        Coro.sleep(Duration.ofMillis(20));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("unblockSub"));
    }

    @Test
    void deadlockIsReportedWithEveryCoro() {
        Semaphore never = new Semaphore(0);
        Coro stuck = Coro.async(never::down);
        stuck.desc("stuck worker");
        stuck.prio(Coro.PRIO_HIGH);
        Coro parked = Coro.async(Coro::schedule);
        assertThatThrownBy(stuck::join).isInstanceOfSatisfying(DeadlockException.class, e -> {
            assertThat(e.coros()).extracting(CoroInfo::id).containsExactly(1L, stuck.id(), parked.id());
            assertThat(e.coros().get(1)).isEqualTo(
                    new CoroInfo(stuck.id(), "stuck worker", "blocked", Coro.PRIO_HIGH, "Semaphore.down"));
            assertThat(e.coros().get(0).waitingOn()).isEqualTo("join " + stuck);
            assertThat(e.coros().get(2).waitingOn()).isEqualTo("schedule");
            assertThat(e.getMessage()).contains("deadlock detected", "stuck worker", "Semaphore.down", "WAITING ON");
        });
        assertThat(Coro.current()).isSameAs(Coro.main());
        assertThat(never.waiters()).isEqualTo(1); // the stuck coro still waits; the main coro does not
    }

    @Test
    void aDeadlockHandlerCanResolveIt() {
        Semaphore never = new Semaphore(0);
        Coro stuck = Coro.async(never::down);
        List<DeadlockException> reports = new ArrayList<>();
        sched.onDeadlock(report -> {
            reports.add(report);
            never.up();
        });
        stuck.join();
        assertThat(reports).hasSize(1);
        assertThat(stuck.isZombie()).isTrue();
    }

    @Test
    void aPendingTimerIsNoDeadlock() {
        Signal sig = new Signal();
        loop.watchTimeAfter(Duration.ofMillis(10), sig::send);
        sig.await(); // main waits; the idle hook runs the loop until the timer fires
        assertThat(sig.isSent()).isFalse();
    }
}
