package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A wait interrupted by throwInto or cancel takes nothing, and passes on what was handed to it (edge case 8). */
class InterruptedWaitsTest extends CoroTestBase {

    private Coro waitFor(String name, Runnable wait) {
        Coro c = Coro.async(() -> {
            try {
                wait.run();
                log(name + " got it");
            } catch (IllegalStateException e) {
                log(name + " interrupted");
            }
        });
        c.desc(name);
        return c;
    }

    @Test
    void fairSemaphorePassesAHandedTokenOn() {
        Semaphore sem = Semaphore.fair(0);
        Coro first = waitFor("first", sem::down);
        Coro second = waitFor("second", sem::down);
        Coro.cede();
        sem.up(); // handed to first ...
        first.throwInto(new IllegalStateException("no")); // ... which is interrupted: second gets it
        first.join();
        second.join();
        assertThat(trace).containsExactly("first interrupted", "second got it");
        assertThat(sem.count()).isZero();
    }

    @Test
    void bargingSemaphoreWakesTheNextWhenTheWokenOneIsInterrupted() {
        Semaphore sem = new Semaphore(0);
        Coro first = waitFor("first", sem::down);
        Coro second = waitFor("second", sem::down);
        Coro.cede();
        sem.up();
        first.cancel();
        second.join();
        assertThat(trace).containsExactly("second got it");
        assertThat(first.isZombie()).isTrue();
    }

    @Test
    void signalPassesASendOnButNotABroadcast() {
        Signal sig = new Signal();
        Coro first = waitFor("first", sig::await);
        Coro second = waitFor("second", sig::await);
        Coro.cede();
        sig.send();
        first.throwInto(new IllegalStateException("no"));
        first.join();
        second.join();
        assertThat(trace).containsExactly("first interrupted", "second got it");
        assertThat(sig.isSent()).isFalse();
    }

    @Test
    void rwlockPassesTheWakeUpOn() {
        RWLock lock = new RWLock();
        lock.wrlock();
        Coro writer = waitFor("writer", lock::wrlock);
        Coro reader = waitFor("reader", lock::rdlock);
        Coro.cede();
        lock.unlock(); // wakes the writer (preferred) ...
        writer.throwInto(new IllegalStateException("no")); // ... which gives up: the reader gets in
        writer.join();
        reader.join();
        assertThat(trace).containsExactly("writer interrupted", "reader got it");
        assertThat(lock.readers()).isEqualTo(1);
        assertThat(lock.isWriteLocked()).isFalse();
    }

    @Test
    void aTimedWaitCanBeInterruptedAndItsTimerIsCancelled() {
        Semaphore sem = new Semaphore(0);
        Coro c = waitFor("timed", () -> sem.down(Duration.ofSeconds(30)));
        Coro.cede();
        assertThat(loop.pendingTimers()).isEqualTo(1);
        c.throwInto(new IllegalStateException("no"));
        c.join();
        assertThat(trace).containsExactly("timed interrupted");
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void throwIntoASuspendedCoroWaitsForResume() {
        Coro c = waitFor("suspended", Coro::schedule);
        Coro.cede();
        c.suspend();
        c.throwInto(new IllegalStateException("no"));
        Coro.cede();
        assertThat(trace).isEmpty();
        c.resume();
        c.join();
        assertThat(trace).containsExactly("suspended interrupted");
    }

    @Test
    void killallFromACoroSparesItAndMain() {
        Coro other = Coro.async(Coro::schedule);
        Coro killer = Coro.async(() -> {
            Coro.killall();
            log("killer survived");
        });
        killer.join();
        assertThat(other.isZombie()).isTrue();
        assertThat(trace).containsExactly("killer survived");
    }
}
