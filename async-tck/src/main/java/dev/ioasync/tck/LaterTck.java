package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deferred calls: {@code later}, on and off the loop thread. */
public abstract class LaterTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected LaterTck() {
    }

    @Test
    void later_runsInTheOrderQueued() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.later(() -> order.add(n));
        }
        loop.loopOnce(Duration.ZERO);
        assertThat(order).hasSize(100).isSorted();
    }

    @Test
    void later_isNeverSynchronous() {
        boolean[] ran = {false};
        loop.later(() -> ran[0] = true);
        assertThat(ran[0]).isFalse();
        loop.loopOnce(Duration.ZERO);
        assertThat(ran[0]).isTrue();
    }

    @Test
    void later_queuedFromALaterRunsInTheNextIteration() {
        List<String> order = new ArrayList<>();
        loop.later(() -> {
            order.add("a");
            loop.later(() -> order.add("b"));
        });
        loop.loopOnce(Duration.ZERO);
        assertThat(order).containsExactly("a");
        loop.loopOnce(Duration.ZERO);
        assertThat(order).containsExactly("a", "b");
    }

    @Test
    void later_pendingCallMakesThePollNotWait() {
        loop.later(() -> { });
        long t0 = System.nanoTime();
        loop.loopOnce(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void later_fromAnotherThreadWakesABlockedPoll() throws Exception {
        int rounds = 20;
        AtomicInteger ran = new AtomicInteger();
        Thread loopThread = Thread.currentThread();
        CountDownLatch go = new CountDownLatch(1);
        List<CountDownLatch> signals = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            signals.add(new CountDownLatch(1));
        }
        Thread other = new Thread(() -> {
            try {
                go.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                for (CountDownLatch s : signals) {
                    if (!s.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    loop.later(() -> {
                        if (Thread.currentThread() == loopThread) {
                            ran.incrementAndGet();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waker");
        other.start();
        go.countDown();
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            int want = i + 1;
            signals.get(i).countDown();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ran.get() < want && System.nanoTime() < deadline) {
                loop.loopOnce(WAIT); // must be woken by the other thread, not time out
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        other.join(WAIT.toMillis());
        assertThat(ran.get()).isEqualTo(rounds);
        assertThat(took).isLessThan(WAIT);
    }

    @Test
    void later_fromManyThreadsAllRunOnTheLoopThreadInPerThreadOrder() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        Thread loopThread = Thread.currentThread();
        ConcurrentHashMap<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        List<Thread> wrongThread = new CopyOnWriteArrayList<>();
        AtomicInteger total = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            seen.put(id, new ArrayList<>());
            Thread w = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    loop.later(() -> {
                        if (Thread.currentThread() != loopThread) {
                            wrongThread.add(Thread.currentThread());
                        }
                        seen.get(id).add(n);
                        total.incrementAndGet();
                    });
                }
            });
            workers.add(w);
            w.start();
        }
        runUntil(loop, () -> total.get() == threads * perThread, "all deferred calls");
        for (Thread w : workers) {
            w.join(WAIT.toMillis());
        }
        assertThat(wrongThread).isEmpty();
        for (List<Integer> l : seen.values()) {
            assertThat(l).hasSize(perThread).isSorted();
        }
    }
}
