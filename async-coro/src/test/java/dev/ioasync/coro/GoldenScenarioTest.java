package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A deterministic scenario that pins the order in which Semaphore, Signal, Channel and RWLock hand
 * control around. The expected trace was worked out from Coro's rules (FIFO ready queues, barging
 * semaphores, remembered send, put-then-wait channels, writer-preferring unlock); any change to
 * it is a change of behaviour.
 */
class GoldenScenarioTest extends CoroTestBase {

    @Test
    void orderIsPinned() {
        Semaphore mutex = new Semaphore(1);
        Signal go = new Signal();
        Channel<String> ch = new Channel<>(1);
        RWLock rw = new RWLock();

        Coro a = Coro.async(() -> {
            mutex.down();
            log("A has mutex");
            Coro.cede();
            mutex.up();
            log("A released");
            go.await();
            log("A got signal");
            ch.put("from A");
            log("A put returned");
            rw.wrlock();
            log("A writes");
            rw.unlock();
        });
        a.desc("A");
        Coro b = Coro.async(() -> {
            mutex.down();
            log("B has mutex");
            go.send();
            log("B sent");
            rw.rdlock();
            log("B reads");
            Coro.cede();
            rw.unlock();
            log("B unlocked");
            log("B got " + ch.get());
            mutex.up();
        });
        b.desc("B");
        Coro c = Coro.async(() -> {
            rw.rdlock();
            log("C reads");
            Coro.cede();
            Coro.cede();
            rw.unlock();
            log("C unlocked");
        });
        c.desc("C");
        a.join();
        b.join();
        c.join();
        // A: down (mutex free) and cede; B: mutex taken, waits; C: read lock, cede; A: up wakes B,
        // then waits for the signal; C: cede; B: takes the mutex, send wakes A, read lock, cede;
        // C: unlock (no writer waits); A: put queues the item and waits (max size 1);
        // B: unlock, get takes the item and wakes A; A: put returns, write lock is free.
        assertThat(trace).containsExactly(
                "A has mutex",
                "C reads",
                "A released",
                "B has mutex",
                "B sent",
                "B reads",
                "C unlocked",
                "A got signal",
                "B unlocked",
                "B got from A",
                "A put returned",
                "A writes");
    }
}
