package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The in-channel queue of a thread routine with real threads: every value reaches exactly one
 * receiver, in order for one receiver, with and without the spin before parking; an interrupt
 * ends a wait; and a receiver that waits costs no CPU beyond its bounded spin.
 */
class HandoffQueueTest {

    private static final long WAIT_S = 30;

    @Test
    void theSpinIsOffByDefaultAndSettable() {
        assertThat(HandoffQueue.DEFAULT_SPIN_MICROS).isZero();
        assertThat(HandoffQueue.SPIN_NANOS).isIn(0L, Long.getLong(HandoffQueue.SPIN_PROPERTY,
                HandoffQueue.DEFAULT_SPIN_MICROS) * 1000);
        assertThat(new HandoffQueue().spinNanos()).isEqualTo(HandoffQueue.SPIN_NANOS);
        assertThat(new HandoffQueue(0).spinNanos()).isZero();
    }

    @Test
    void oneReceiverGetsEveryValueInOrderWithAndWithoutSpin() throws Exception {
        for (long spin : new long[] {0, 50_000}) {
            HandoffQueue q = new HandoffQueue(spin);
            int n = 20_000;
            CompletableFuture<List<Object>> got = new CompletableFuture<>();
            Thread receiver = Thread.ofPlatform().start(() -> {
                List<Object> l = new ArrayList<>(n);
                try {
                    for (int i = 0; i < n; i++) {
                        l.add(q.take());
                    }
                    got.complete(l);
                } catch (Throwable t) {
                    got.completeExceptionally(t);
                }
            });
            for (int i = 0; i < n; i++) {
                q.add(i);
                if (i % 1000 == 0) {
                    Thread.yield(); // let the receiver catch up and sleep now and then
                }
            }
            List<Object> l = got.get(WAIT_S, TimeUnit.SECONDS);
            for (int i = 0; i < n; i++) {
                assertThat(l.get(i)).isEqualTo(i);
            }
            receiver.join();
        }
    }

    @Test
    void manyReceiversTakeEachValueExactlyOnce() throws Exception {
        HandoffQueue q = new HandoffQueue(10_000);
        int receivers = 4;
        int n = 40_000;
        ConcurrentHashMap<Object, Boolean> seen = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < receivers; r++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Object v;
                    while ((v = q.take()) != QueueInChannel.END) {
                        if (seen.put(v, true) != null) {
                            duplicates.incrementAndGet();
                        }
                    }
                    q.add(QueueInChannel.END); // as QueueInChannel leaves it for the others
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (int i = 0; i < n; i++) {
            q.add(i);
        }
        q.add(QueueInChannel.END);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT_S));
            assertThat(t.isAlive()).as("a receiver still waits: a value or the end was not handed over").isFalse();
        }
        assertThat(duplicates.get()).isZero();
        assertThat(seen).hasSize(n);
    }

    @Test
    void anInterruptEndsAWait() throws Exception {
        HandoffQueue q = new HandoffQueue(1_000);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        Thread receiver = Thread.ofPlatform().start(() -> {
            try {
                waiting.complete(null);
                q.take();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiting.get(WAIT_S, TimeUnit.SECONDS);
        receiver.interrupt();
        assertThat(outcome.get(WAIT_S, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(q::take).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aWaitingReceiverCostsNoCpuBeyondItsSpin() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadCpuTimeSupported(), "no thread CPU time here");
        HandoffQueue q = new HandoffQueue(1_000_000); // a 1 ms spin
        CompletableFuture<Object> got = new CompletableFuture<>();
        Thread receiver = Thread.ofPlatform().start(() -> {
            try {
                got.complete(q.take());
            } catch (Throwable t) {
                got.completeExceptionally(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (receiver.getState() != Thread.State.WAITING) { // parked: its spin is over
            assertThat(System.nanoTime()).as("the receiver parks").isLessThan(deadline);
            Thread.onSpinWait();
        }
        long before = mx.getThreadCpuTime(receiver.threadId());
        long wallStart = System.nanoTime();
        // a window to measure over, not a synchronisation: the receiver parks throughout
        assertThat(got).failsWithin(java.time.Duration.ofMillis(500))
                .withThrowableOfType(java.util.concurrent.TimeoutException.class);
        long cpu = mx.getThreadCpuTime(receiver.threadId()) - before;
        long wall = System.nanoTime() - wallStart;
        assertThat(wall).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(cpu).as("CPU time of a receiver parked for %d ms", wall / 1_000_000)
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(5));
        q.add("wake");
        assertThat(got.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("wake");
    }
}
