package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Switches between coros that do not go through the main coro (with the fallback, a baton handed
 * straight from one virtual thread to the next): loop calls made after such a hand-off, and
 * schedulers of several loops switching at the same time on their own threads.
 */
class HandOffTest extends CoroTestBase {

    @Test
    void aLoopCallAfterCoroToCoroSwitchesRunsOnTheLoopThread() {
        List<Boolean> onLoopThread = new ArrayList<>();
        Coro a = Coro.async(() -> {
            for (int i = 0; i < 50; i++) {
                Coro.cede();
            }
        });
        Coro b = Coro.async(() -> {
            for (int i = 0; i < 50; i++) {
                Coro.cede();
                onLoopThread.add(Coro.loopCall(loop::inLoopThread));
                log("b" + i + " in " + Coro.current().id());
            }
        });
        b.join();
        a.join();
        assertThat(onLoopThread).hasSize(50).containsOnly(true);
        assertThat(trace).hasSize(50).allMatch(s -> s.endsWith(" in " + b.id()));
    }

    @Test
    void threeCorosTakeTurnsInFifoOrder() {
        List<Coro> coros = new ArrayList<>();
        for (String name : new String[] {"x", "y", "z"}) {
            coros.add(Coro.async(() -> {
                for (int i = 0; i < 3; i++) {
                    log(name + i);
                    Coro.cede();
                }
            }));
        }
        coros.forEach(Coro::join);
        assertThat(trace).containsExactly("x0", "y0", "z0", "x1", "y1", "z1", "x2", "y2", "z2");
    }

    @Test
    void schedulersOfSeveralLoopsSwitchAtTheSameTime() throws Exception {
        int loops = 3;
        int cedes = 2000;
        List<CompletableFuture<Long>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            CompletableFuture<Long> result = new CompletableFuture<>();
            results.add(result);
            Thread t = new Thread(() -> {
                try (Loop own = Loop.create("select")) {
                    CoroScheduler.of(own);
                    long[] count = new long[1];
                    Runnable body = () -> {
                        for (int i = 0; i < cedes; i++) {
                            count[0]++;
                            Coro.cede();
                        }
                    };
                    Coro c1 = Coro.async(body);
                    Coro c2 = Coro.async(body);
                    c1.join();
                    c2.join();
                    result.complete(count[0]);
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "hand-off-loop-" + l);
            threads.add(t);
            t.start();
        }
        for (CompletableFuture<Long> r : results) {
            assertThat(r.get(15, TimeUnit.SECONDS)).isEqualTo(2L * cedes);
        }
        for (Thread t : threads) {
            t.join(5000);
        }
        assertThat(Coro.current()).isSameAs(sched.main()); // this thread's binding is untouched
    }
}
