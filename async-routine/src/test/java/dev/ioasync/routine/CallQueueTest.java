package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Loop;
import dev.ioasync.routine.codec.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue between a Function and its worker threads: priority and call order whichever way the
 * calls are kept (FIFO or heap), removal, and worker threads that sleep between bursts and are
 * woken for every call, each call taken exactly once.
 */
class CallQueueTest {

    private Loop loop;
    private long seq;

    @BeforeEach
    void open() {
        loop = Loop.create("select");
    }

    @AfterEach
    void close() {
        loop.close();
    }

    private PendingCall call(int priority) {
        return new PendingCall(priority, seq++, null, new Object[0], loop.newFuture());
    }

    private static FunctionWorker worker(CallQueue q) {
        return new FunctionWorker(RoutineModel.THREAD, args -> null, ValueCodec.DEFAULT, q, null, false, 0);
    }

    private static List<Long> drain(CallQueue q) {
        List<Long> seqs = new ArrayList<>();
        for (PendingCall c; (c = q.poll()) != null; ) {
            seqs.add(c.seq);
        }
        return seqs;
    }

    @Test
    void higherPriorityFirstThenCallOrderWhetherPrioritiesAreMixedOrNot() {
        CallQueue q = new CallQueue();
        for (int i = 0; i < 3; i++) {
            q.add(call(0)); // 0 1 2: one priority, kept as a FIFO
        }
        assertThat(q.poll().seq).isEqualTo(0);
        q.add(call(5)); // 3: mixed from here
        q.add(call(0)); // 4
        q.add(call(-1)); // 5
        q.add(call(5)); // 6
        assertThat(drain(q)).containsExactly(3L, 6L, 1L, 2L, 4L, 5L);
        for (int i = 0; i < 3; i++) {
            q.add(call(2)); // 7 8 9: one priority again
        }
        q.add(call(2)); // 10
        assertThat(drain(q)).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void aCallAddedAgainGoesBackToItsPlaceInCallOrder() {
        CallQueue q = new CallQueue();
        PendingCall first = call(0);
        q.add(first);
        assertThat(q.poll()).isSameAs(first);
        q.add(call(0)); // 1
        q.add(call(0)); // 2
        q.poll(); // sorts 1 and 2, takes 1
        q.add(first); // 0 again (a call taken back from a worker): before 2
        q.add(call(0)); // 3
        assertThat(drain(q)).containsExactly(0L, 2L, 3L);
    }

    @Test
    void removeTakesOutOnlyTheCallsStillQueuedAndRemoveAllKeepsQueueOrder() {
        CallQueue q = new CallQueue();
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            PendingCall c = call(i == 4 ? 1 : 0);
            calls.add(c);
            q.add(c);
        }
        PendingCall taken = q.poll();
        assertThat(taken).isSameAs(calls.get(4));
        assertThat(q.remove(taken)).isFalse();
        assertThat(q.remove(calls.get(2))).isTrue();
        assertThat(q.remove(calls.get(2))).isFalse();
        PendingCall late = call(3);
        q.add(late); // not sorted yet when removed
        assertThat(q.remove(late)).isTrue();
        List<Long> all = new ArrayList<>();
        for (PendingCall c : q.removeAll()) {
            all.add(c.seq);
        }
        assertThat(all).containsExactly(0L, 1L, 3L, 5L);
        assertThat(q.poll()).isNull();
    }

    @Test
    void callsAddedWhileHeldReachWorkersTogetherInOrderAndAHeldCallCanBeRemoved() throws Exception {
        CallQueue q = new CallQueue();
        FunctionWorker w = worker(q);
        q.holdWakes(loop);
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PendingCall c = call(i == 3 ? 2 : 0);
            calls.add(c);
            q.add(c);
        }
        q.holdWakes(loop); // nests: the inner release publishes nothing
        assertThat(q.remove(calls.get(1))).as("a held call is removed as a queued one").isTrue();
        assertThat(q.remove(calls.get(1))).isFalse();
        q.releaseWakes();
        AtomicReference<PendingCall> took = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                took.set(q.take(w)); // nothing published yet: it sleeps until the release wakes it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        q.releaseWakes();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).as("the worker was woken by the release").isFalse();
        assertThat(took.get()).as("the highest priority of the batch first").isSameAs(calls.get(3));
        assertThat(drain(q)).containsExactly(0L, 2L, 4L);
    }

    @Test
    void aHeldCallIsPublishedByTheDeferredCallWhenTheLoopRunsBeforeTheRelease() throws Exception {
        CallQueue q = new CallQueue();
        FunctionWorker w = worker(q);
        q.holdWakes(loop);
        PendingCall c = call(0);
        q.add(c);
        AtomicReference<PendingCall> took = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                took.set(q.take(w));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // a wait inside a result callback runs the loop nested, before the batch's release: the
        // deferred call queued with the first held call publishes it, so that wait can end
        loop.loopOnce(java.time.Duration.ZERO);
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).as("the worker got the call before the release").isFalse();
        assertThat(took.get()).isSameAs(c);
        q.releaseWakes();
        assertThat(q.poll()).isNull();
    }

    @Test
    void workersThatSleepBetweenBurstsTakeEveryCallExactlyOnce() throws Exception {
        CallQueue q = new CallQueue();
        int takers = 3;
        int bursts = 200;
        int perBurst = 50;
        Set<Long> taken = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicReference<CountDownLatch> burstDone = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<FunctionWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < takers; t++) {
            FunctionWorker w = worker(q);
            workers.add(w);
            threads.add(Thread.ofPlatform().daemon().name("taker-" + t).start(() -> {
                try {
                    for (PendingCall c; (c = q.take(w)) != null; ) {
                        if (!taken.add(c.seq)) {
                            duplicates.incrementAndGet();
                        }
                        w.running = null;
                        burstDone.get().countDown();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }));
        }
        for (int b = 0; b < bursts; b++) {
            CountDownLatch done = new CountDownLatch(perBurst);
            burstDone.set(done);
            int prio = b % 3 == 0 ? 0 : b % 5; // some bursts mixed, some of one priority
            for (int i = 0; i < perBurst; i++) {
                q.add(call(i % 2 == 0 ? 0 : prio));
            }
            // the takers drain it and fall asleep again; a lost wake-up would leave calls here
            assertThat(done.await(30, TimeUnit.SECONDS)).as("burst %d taken", b).isTrue();
        }
        for (FunctionWorker w : workers) {
            q.requestStop(w);
        }
        for (Thread t : threads) {
            t.join(30_000);
            assertThat(t.isAlive()).as(t.getName() + " ended when asked to stop").isFalse();
        }
        assertThat(failure.get()).isNull();
        assertThat(duplicates.get()).isZero();
        assertThat(taken).hasSize(bursts * perBurst);
    }

    @Test
    void aWorkerAskedToStopOrInterruptedWhileAsleepLeavesTake() throws Exception {
        CallQueue q = new CallQueue();
        FunctionWorker stopped = worker(q);
        FunctionWorker killed = worker(q);
        AtomicReference<Object> stoppedGot = new AtomicReference<>("nothing yet");
        AtomicReference<Throwable> killedGot = new AtomicReference<>();
        Thread a = Thread.ofPlatform().daemon().start(() -> {
            try {
                stoppedGot.set(q.take(stopped));
            } catch (InterruptedException e) {
                stoppedGot.set(e);
            }
        });
        Thread b = Thread.ofPlatform().daemon().start(() -> {
            try {
                q.take(killed);
            } catch (Throwable e) {
                killedGot.set(e);
            }
        });
        q.requestStop(stopped);
        a.join(30_000);
        assertThat(a.isAlive()).isFalse();
        assertThat(stoppedGot.get()).isNull();
        b.interrupt();
        b.join(30_000);
        assertThat(b.isAlive()).isFalse();
        assertThat(killedGot.get()).isInstanceOf(InterruptedException.class);
        PendingCall c = call(0);
        q.add(c);
        assertThat(q.poll()).as("the call stayed for another worker").isSameAs(c);
        assertThatThrownBy(() -> {
            Thread.currentThread().interrupt();
            q.take(worker(q));
        }).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
