package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Semaphore, Signal, Channel, RWLock, SemaphoreSet (edge case 10). */
@SuppressWarnings("try") // guards held for their scope only
class PrimitivesTest extends CoroTestBase {

    private static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void semaphoreBargesLikeCoro() {
        Semaphore sem = new Semaphore(0);
        Coro waiter = Coro.async(() -> {
            sem.down();
            log("waiter");
        });
        Coro.cede();
        sem.up(); // wakes the waiter ...
        assertThat(sem.tryDown()).isTrue(); // ... but main barges in first
        Coro.cede();
        assertThat(trace).isEmpty();
        assertThat(sem.waiters()).isEqualTo(1); // back at the end of the queue
        sem.up();
        waiter.join();
        assertThat(trace).containsExactly("waiter");
    }

    @Test
    void fairSemaphoreHandsTheTokenToTheLongestWaiter() {
        Semaphore sem = Semaphore.fair(0);
        assertThat(sem.isFair()).isTrue();
        Coro waiter = Coro.async(() -> {
            sem.down();
            log("waiter");
        });
        Coro.cede();
        sem.up();
        assertThat(sem.tryDown()).isFalse(); // no barging
        waiter.join();
        assertThat(trace).containsExactly("waiter");
        assertThat(sem.count()).isZero();
    }

    @Test
    void semaphoreCountAdjustGuardAndTimeout() {
        Semaphore sem = new Semaphore();
        assertThat(sem.count()).isEqualTo(1);
        Semaphore.Guard g = sem.guard();
        assertThat(sem.count()).isZero();
        assertThat(sem.down(SHORT)).isFalse(); // timed out on the loop's timer
        g.close();
        assertThat(sem.count()).isEqualTo(1);
        g.close();
        assertThat(sem.count()).isEqualTo(1); // closing twice gives back once
        sem.adjust(2);
        assertThat(sem.count()).isEqualTo(3);
        sem.adjust(-5);
        assertThat(sem.count()).isEqualTo(-2);
        assertThat(sem.tryDown()).isFalse();
        assertThatThrownBy(() -> sem.guard(SHORT)).isInstanceOf(CoroTimeoutException.class);
        assertThat(sem.waiters()).isZero();
    }

    @Test
    void guardGivesTheTokenBackWhenACoroIsCancelled() {
        Semaphore sem = new Semaphore(1);
        Coro c = Coro.async(() -> {
            try (Semaphore.Guard g = sem.guard()) {
                Coro.schedule();
            }
        });
        Coro.cede();
        assertThat(sem.count()).isZero();
        c.cancel();
        assertThat(sem.count()).isEqualTo(1);
    }

    @Test
    void signalRemembersOneSendButNoBroadcast() {
        Signal sig = new Signal();
        sig.send();
        sig.send();
        assertThat(sig.isSent()).isTrue();
        assertThat(sig.await(SHORT)).isTrue(); // the remembered send
        assertThat(sig.await(SHORT)).isFalse(); // only one was remembered
        sig.broadcast();
        assertThat(sig.await(SHORT)).isFalse(); // broadcast is not remembered
    }

    @Test
    void broadcastWakesEveryWaiterAndSendOne() {
        Signal sig = new Signal();
        for (int i = 0; i < 3; i++) {
            int n = i;
            Coro.async(() -> {
                sig.await();
                log("w" + n);
            });
        }
        Coro.cede();
        assertThat(sig.awaited()).isTrue();
        sig.send();
        Coro.cede();
        assertThat(trace).containsExactly("w0");
        sig.broadcast();
        Coro.cede();
        assertThat(trace).containsExactly("w0", "w1", "w2");
        assertThat(sig.awaited()).isFalse();
    }

    @Test
    void channelOfMaxSizeOneIsAnUnbufferedHandOff() {
        Channel<String> ch = new Channel<>(1);
        Coro producer = Coro.async(() -> {
            ch.put("a");
            log("put a returned");
        });
        Coro.cede();
        assertThat(trace).isEmpty(); // put waits until the item is taken
        assertThat(ch.size()).isEqualTo(1);
        assertThat(ch.get()).isEqualTo("a");
        producer.join();
        assertThat(trace).containsExactly("put a returned");
    }

    @Test
    void unboundedChannelKeepsOrderAndShutsDown() {
        Channel<Integer> ch = new Channel<>();
        for (int i = 0; i < 5; i++) {
            ch.put(i); // never waits
        }
        assertThat(ch.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(ch.get()).isEqualTo(i);
        }
        assertThat(ch.get(SHORT)).isNull(); // timed out
        Coro getter = Coro.async(a -> ch.get());
        Coro.cede();
        ch.shutdown();
        assertThat(getter.join()).isEmpty(); // null: shut down and empty
        assertThat(ch.get()).isNull();
        assertThat(ch.get()).isNull();
        assertThatThrownBy(() -> ch.put(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void boundedChannelMakesPutWait() {
        Channel<Integer> ch = new Channel<>(3);
        Coro producer = Coro.async(() -> {
            for (int i = 0; i < 5; i++) {
                ch.put(i);
                log("put" + i);
            }
        });
        Coro.cede();
        assertThat(trace).containsExactly("put0", "put1"); // the third put waits for room
        assertThat(ch.get()).isZero();
        Coro.cede();
        assertThat(trace).containsExactly("put0", "put1", "put2");
        assertThat(ch.size()).isEqualTo(3);
        assertThat(producer.isZombie()).isFalse();
    }

    @Test
    void rwlockManyReadersOneWriterAndWriterPreferredOnUnlock() {
        RWLock lock = new RWLock();
        lock.rdlock();
        assertThat(lock.tryRdlock()).isTrue();
        assertThat(lock.readers()).isEqualTo(2);
        assertThat(lock.tryWrlock()).isFalse();
        Coro writer = Coro.async(() -> {
            lock.wrlock();
            log("writer");
            lock.unlock();
        });
        assertThat(lock.wrlock(SHORT)).isFalse(); // times out: readers hold it
        Coro reader = Coro.async(() -> {
            Coro.cede();
            lock.rdlock(); // Coro lets a new reader in while a writer waits
            log("reader");
            lock.unlock();
        });
        Coro.cede();
        Coro.cede();
        assertThat(trace).containsExactly("reader");
        lock.unlock();
        lock.unlock();
        writer.join();
        reader.join();
        assertThat(trace).containsExactly("reader", "writer");
        assertThat(lock.isWriteLocked()).isFalse();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void semaphoreSetLocksPerKeyAndForgetsUnusedOnes() {
        SemaphoreSet set = new SemaphoreSet();
        try (SemaphoreSet.AutoCloseableGuard g = set.guard("host-a")) {
            assertThat(set.count("host-a")).isZero();
            assertThat(set.tryDown("host-b")).isTrue();
            assertThat(set.down("host-a", SHORT)).isFalse();
            assertThat(set.size()).isEqualTo(2);
        }
        set.up("host-b");
        assertThat(set.size()).isZero();
        assertThat(set.count("host-a")).isEqualTo(1);
        assertThat(set.waiters("host-a")).isZero();
    }

    @Test
    void aTimedOutPutIsWithdrawn() {
        Channel<String> ch = new Channel<>(1);
        assertThat(ch.put("nobody takes me", SHORT)).isFalse();
        assertThat(ch.size()).isZero();
        assertThat(ch.get(SHORT)).isNull();
        Coro getter = Coro.async(a -> ch.get());
        assertThat(ch.put("taken", Duration.ofSeconds(10))).isTrue();
        assertThat(getter.join()).containsExactly("taken");
        Coro producer = Coro.async(() -> ch.put("interrupted"));
        Coro.cede();
        assertThat(ch.size()).isEqualTo(1);
        producer.cancel();
        assertThat(ch.size()).isZero();
    }

    @Test
    void waiterCountsFollowTimeoutsWakeUpsAndInterrupts() {
        Semaphore sem = new Semaphore(0);
        Coro timed = Coro.async(() -> sem.down(Duration.ofMillis(5)));
        Coro woken = Coro.async(sem::down);
        Coro interrupted = Coro.async(sem::down);
        Coro.cede();
        assertThat(sem.waiters()).isEqualTo(3);
        timed.join();
        assertThat(sem.waiters()).isEqualTo(2); // the timed-out waiter no longer counts
        interrupted.throwInto(new IllegalStateException("stop"));
        assertThatThrownBy(interrupted::join).isInstanceOf(CoroFailedException.class);
        assertThat(sem.waiters()).isEqualTo(1);
        sem.up();
        assertThat(sem.waiters()).isZero(); // woken, even before it runs
        woken.join();
        assertThat(sem.count()).isZero();

        Signal sig = new Signal();
        Coro w1 = Coro.async(sig::await);
        Coro w2 = Coro.async(sig::await);
        Coro.cede();
        assertThat(sig.awaited()).isTrue();
        sig.broadcast();
        assertThat(sig.awaited()).isFalse();
        w1.join();
        w2.join();
    }
}
