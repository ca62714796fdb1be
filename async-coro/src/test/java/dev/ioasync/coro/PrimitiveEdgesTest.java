package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Constructor and argument edge cases of the primitives against Coro's manuals, and the waits
 * without taking: Coro::Semaphore {@code wait} (and its callback form), Coro::Signal
 * {@code wait($callback)}, Coro::SemaphoreSet {@code wait} and {@code sem}.
 */
@SuppressWarnings("try") // guards held for their scope only
class PrimitiveEdgesTest extends CoroTestBase {

    // ------------------------------------------------------------------ Channel sizes

    @Test
    void channelOfSizeZeroIsUnboundedAsInCoro() {
        Channel<Integer> ch = new Channel<>(0);
        for (int i = 0; i < 1000; i++) {
            ch.put(i); // the main coro never waits: there is always room
        }
        assertThat(ch.size()).isEqualTo(1000);
        assertThat(ch.maxSize()).isEqualTo(Integer.MAX_VALUE).isEqualTo(new Channel<>().maxSize());
        assertThat(ch.get()).isZero();
    }

    @Test
    void aNegativeChannelSizeIsRefusedWithWhatToUse() {
        assertThatThrownBy(() -> new Channel<>(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1").hasMessageContaining("0").hasMessageContaining("unbounded");
    }

    @Test
    void channelOfSizeTwoBuffersOneItem() {
        Channel<String> ch = new Channel<>(2);
        assertThat(ch.put("a", Duration.ZERO)).isTrue(); // room for one
        assertThat(ch.put("b", Duration.ZERO)).isFalse(); // the second waits (withdrawn at once)
        assertThat(ch.size()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ Semaphore counts

    @Test
    void aSemaphoreOfZeroOrNegativeCountIsLockedUntilEnoughUps() {
        Semaphore sem = new Semaphore(-2);
        Coro c = Coro.async(() -> {
            sem.down();
            log("got it");
        });
        Coro.cede();
        sem.up();
        sem.up();
        Coro.cede();
        assertThat(trace).isEmpty();
        assertThat(sem.count()).isZero();
        sem.up();
        c.join();
        assertThat(trace).containsExactly("got it");
        assertThat(new Semaphore(0).tryDown()).isFalse();
        assertThat(new Semaphore().count()).isEqualTo(1);
    }

    @Test
    void aFairSemaphoreWithANegativeCountAlsoNeedsEnoughUps() {
        Semaphore sem = Semaphore.fair(-1);
        Coro c = Coro.async(() -> {
            sem.down();
            log("got it");
        });
        Coro.cede();
        sem.up(); // count 0: no token yet
        Coro.cede();
        assertThat(trace).isEmpty();
        sem.up();
        c.join();
        assertThat(trace).containsExactly("got it");
        assertThat(sem.count()).isZero();
    }

    @Test
    void aCountThatWouldOverflowIsRefusedAndUnchanged() {
        Semaphore sem = new Semaphore(Integer.MAX_VALUE);
        assertThatThrownBy(sem::up).isInstanceOf(ArithmeticException.class).hasMessageContaining("int range");
        assertThat(sem.count()).isEqualTo(Integer.MAX_VALUE);
        Semaphore low = new Semaphore(Integer.MIN_VALUE);
        assertThatThrownBy(() -> low.adjust(-1)).isInstanceOf(ArithmeticException.class);
        assertThat(low.count()).isEqualTo(Integer.MIN_VALUE);
    }

    // ------------------------------------------------------------------ Semaphore.await (Coro's wait)

    @Test
    void semaphoreAwaitWaitsForATokenWithoutTakingIt() {
        Semaphore sem = new Semaphore(0);
        Coro c = Coro.async(() -> {
            sem.await();
            log("free: " + sem.count());
            log("tryDown: " + sem.tryDown());
        });
        Coro.cede();
        assertThat(sem.waiters()).isEqualTo(1);
        sem.up();
        c.join();
        assertThat(trace).containsExactly("free: 1", "tryDown: true");
        assertThat(sem.count()).isZero();
        sem.up();
        sem.await(); // free now: returns at once
        assertThat(sem.count()).isEqualTo(1);
    }

    @Test
    void semaphoreAwaitCanTimeOut() {
        Semaphore sem = new Semaphore(0);
        assertThat(sem.await(Duration.ofMillis(5))).isFalse();
        assertThat(sem.waiters()).isZero();
        assertThat(sem.await(Duration.ZERO)).isFalse();
        sem.up();
        assertThat(sem.await(Duration.ZERO)).isTrue();
        assertThat(sem.count()).isEqualTo(1);
    }

    @Test
    void semaphoreAwaitInterruptedPassesTheWakeUpOn() {
        Semaphore sem = new Semaphore(0);
        Coro interrupted = Coro.async(() -> {
            try {
                sem.await();
            } catch (IllegalStateException e) {
                log("interrupted");
            }
        });
        Coro down = Coro.async(() -> {
            sem.down();
            log("down took it");
        });
        Coro.cede();
        sem.up(); // wakes the first waiter only...
        interrupted.throwInto(new IllegalStateException("no")); // ...which passes it on
        down.join();
        interrupted.join();
        assertThat(trace).containsExactlyInAnyOrder("interrupted", "down took it");
    }

    @Test
    void semaphoreAwaitCallbackRunsAtOnceWhenATokenIsFree() {
        Semaphore sem = new Semaphore(1);
        sem.await(() -> log("called, count " + sem.count()));
        assertThat(trace).containsExactly("called, count 1");
        assertThat(sem.count()).isEqualTo(1);
        assertThat(sem.waiters()).isZero();
    }

    @Test
    void semaphoreAwaitCallbacksRunInsideUpInOrderAndTakeNoToken() {
        Semaphore sem = new Semaphore(0);
        sem.await(() -> log("first, count " + sem.count()));
        sem.await(() -> log("second takes it: " + sem.tryDown()));
        sem.await(() -> log("third, count " + sem.count()));
        Coro c = Coro.async(() -> {
            sem.down();
            log("coro got a token");
        });
        Coro.cede();
        assertThat(sem.waiters()).isEqualTo(4);
        sem.up();
        assertThat(trace).containsExactly("first, count 1", "second takes it: true");
        assertThat(sem.waiters()).isEqualTo(2); // the third callback and the coro wait on
        sem.adjust(2);
        assertThat(trace).containsExactly("first, count 1", "second takes it: true", "third, count 2");
        c.join();
        assertThat(trace).endsWith("coro got a token");
        assertThat(sem.count()).isEqualTo(1);
    }

    @Test
    void aSemaphoreCallbackThatThrowsIsLoggedAndTheOthersGoOn() {
        Semaphore sem = new Semaphore(0);
        try (LogCapture logs = new LogCapture()) {
            sem.await(() -> {
                throw new IllegalStateException("callback failure (expected by this test)");
            });
            sem.await(() -> log("next callback"));
            sem.up();
            assertThat(trace).containsExactly("next callback");
            assertThat(logs.records).anySatisfy(r -> assertThat(r.getThrown())
                    .hasMessageContaining("callback failure"));
        }
    }

    // ------------------------------------------------------------------ Signal.await(callback)

    @Test
    void signalCallbackIsCalledInsideTheNextSendOnce() {
        Signal sig = new Signal();
        sig.await(() -> log("called, awaited " + sig.awaited()));
        assertThat(trace).isEmpty();
        assertThat(sig.awaited()).isTrue();
        sig.send();
        assertThat(trace).containsExactly("called, awaited false");
        assertThat(sig.isSent()).isFalse(); // the send went to the callback
        sig.send();
        assertThat(trace).hasSize(1); // once
        assertThat(sig.isSent()).isTrue();
    }

    @Test
    void signalCallbackUsesARememberedSendAtOnce() {
        Signal sig = new Signal();
        sig.send();
        sig.await(() -> log("at once"));
        assertThat(trace).containsExactly("at once");
        assertThat(sig.isSent()).isFalse();
    }

    @Test
    void aSendThatReachesACallbackWakesNoCoroButABroadcastWakesAll() {
        Signal sig = new Signal();
        sig.await(() -> log("callback 1"));
        Coro c = Coro.async(() -> {
            sig.await();
            log("coro woken");
        });
        Coro.cede();
        sig.await(() -> {
            log("callback 2");
            sig.await(() -> log("added during the broadcast"));
        });
        sig.send();
        Coro.cede();
        assertThat(trace).containsExactly("callback 1");
        sig.broadcast();
        c.join();
        assertThat(trace).containsExactly("callback 1", "callback 2", "coro woken");
        sig.broadcast();
        assertThat(trace).endsWith("added during the broadcast");
    }

    // ------------------------------------------------------------------ SemaphoreSet

    @Test
    void semaphoreSetAwaitSemAndCounts() {
        SemaphoreSet set = new SemaphoreSet(0);
        assertThat(set.count("k")).isZero();
        Coro c = Coro.async(() -> {
            set.await("k");
            log("k free: " + set.count("k"));
        });
        Coro.cede();
        assertThat(set.waiters("k")).isEqualTo(1);
        set.sem("k").up();
        c.join();
        assertThat(trace).containsExactly("k free: 1");
        assertThat(set.await("other", Duration.ZERO)).isFalse();
        assertThat(set.size()).isEqualTo(1); // "other" was dropped again, "k" is above its initial count
        set.await("k", () -> log("callback: k free"));
        assertThat(trace).endsWith("callback: k free");
        assertThat(set.tryDown("k")).isTrue();
        assertThat(set.size()).isZero();
    }

    @Test
    void aSemaphoreSetGuardGivesItsTokenBackOnce() {
        SemaphoreSet set = new SemaphoreSet();
        SemaphoreSet.AutoCloseableGuard g = set.guard("k");
        assertThat(set.count("k")).isZero();
        g.close();
        g.close();
        assertThat(set.count("k")).isEqualTo(1);
        try (SemaphoreSet.AutoCloseableGuard g2 = set.guard("k", Duration.ZERO)) {
            assertThatThrownBy(() -> set.guard("k", Duration.ZERO)).isInstanceOf(CoroTimeoutException.class);
        }
        assertThat(set.count("k")).isEqualTo(1);
    }
}
