package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Scheduling: priorities, FIFO, ready, cede variants, hand-offs, states, suspend/resume (edge cases 7 and 10). */
@SuppressWarnings("try") // winders held for their scope only
class SchedulerTest extends CoroTestBase {

    private Coro tracer(String name, int prio, int cedes) {
        Coro c = new Coro(() -> {
            for (int i = 0; i <= cedes; i++) {
                log(name + i);
                if (i < cedes) {
                    Coro.cede();
                }
            }
        });
        c.prio(prio);
        c.desc(name);
        return c;
    }

    @Test
    void fifoWithinAPriority() {
        Coro a = tracer("a", 0, 1);
        Coro b = tracer("b", 0, 1);
        a.ready();
        b.ready();
        a.join();
        b.join();
        assertThat(trace).containsExactly("a0", "b0", "a1", "b1");
    }

    @Test
    void higherPriorityRunsFirst() {
        Coro low = tracer("low", Coro.PRIO_LOW, 0);
        Coro high = tracer("high", Coro.PRIO_MAX, 0);
        Coro normal = tracer("normal", Coro.PRIO_NORMAL, 0);
        low.ready();
        normal.ready();
        high.ready();
        low.join();
        assertThat(trace).containsExactly("high0", "normal0", "low0");
    }

    @Test
    void cedeNeverRunsALowerPriorityCoro() {
        Coro low = tracer("low", Coro.PRIO_LOW, 0);
        low.ready();
        Coro.cede(); // main has priority 0: the low coro must not run
        assertThat(trace).isEmpty();
        assertThat(low.isReady()).isTrue();
        assertThat(Coro.cedeNotSelf()).isTrue(); // runs it whatever its priority
        assertThat(trace).containsExactly("low0");
        assertThat(Coro.cedeNotSelf()).isFalse(); // nothing else ready
    }

    @Test
    void readyOnAReadyCoroReturnsFalse() {
        Coro c = new Coro(() -> log("ran"));
        assertThat(c.isNew()).isTrue();
        assertThat(c.ready()).isTrue();
        assertThat(c.ready()).isFalse();
        assertThat(Coro.nready()).isEqualTo(1);
        c.join();
        assertThat(trace).containsExactly("ran");
        assertThat(c.ready()).isFalse(); // a zombie
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void changingThePriorityOfAReadyCoroTakesEffectAtOnce() {
        Coro a = tracer("a", 0, 0);
        Coro b = tracer("b", 0, 0);
        a.ready();
        b.ready();
        b.prio(Coro.PRIO_HIGH); // Perl would still run a first
        a.join();
        b.join();
        assertThat(trace).containsExactly("b0", "a0");
        assertThat(b.nice(2)).isEqualTo(Coro.PRIO_LOW);
        assertThatThrownBy(() -> b.prio(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scheduleSleepsUntilReadied() {
        Coro c = Coro.async(() -> {
            log("before");
            Coro.schedule();
            log("after");
        });
        Coro.cede();
        assertThat(trace).containsExactly("before");
        assertThat(c.isReady()).isFalse();
        assertThat(c.info().state()).isEqualTo("blocked");
        assertThat(c.info().waitingOn()).isEqualTo("schedule");
        Coro.cede();
        assertThat(trace).containsExactly("before");
        c.ready();
        c.join();
        assertThat(trace).containsExactly("before", "after");
    }

    @Test
    void scheduleToAndCedeToSwitchAtOnce() {
        Coro a = new Coro(() -> {
            log("a0");
            Coro.main().ready(); // scheduleTo did not ready the main coro
        });
        a.prio(Coro.PRIO_LOW);
        Coro b = tracer("b", Coro.PRIO_MAX, 0);
        b.ready();
        a.scheduleTo(); // a runs first although b is ready with a higher priority
        assertThat(trace).containsExactly("a0", "b0");
        Coro c = Coro.async(() -> {
            log("c");
            Coro.main().cedeTo();
            log("c again");
        });
        c.cedeTo();
        assertThat(trace).containsExactly("a0", "b0", "c");
        Coro.cede();
        assertThat(trace).endsWith("c again");
    }

    @Test
    void statePredicates() {
        Coro[] seen = new Coro[1];
        Coro c = new Coro(() -> {
            seen[0] = Coro.current();
            assertThat(Coro.current().isRunning()).isTrue();
            Coro.schedule();
        });
        assertThat(c.isNew()).isTrue();
        assertThat(c.isRunning()).isFalse();
        c.ready();
        assertThat(c.isReady()).isTrue();
        Coro.cede();
        assertThat(seen[0]).isSameAs(c);
        assertThat(c.isNew()).isFalse();
        assertThat(c.isReady()).isFalse();
        assertThat(c.isZombie()).isFalse();
        c.cancel();
        assertThat(c.isZombie()).isTrue();
        assertThat(Coro.main().isRunning()).isTrue();
    }

    @Test
    void suspendThenResumeNeverLosesAWakeUp() {
        Coro c = Coro.async(() -> log("ran"));
        c.suspend();
        assertThat(c.isSuspended()).isTrue();
        Coro.cede();
        assertThat(trace).isEmpty();
        assertThat(Coro.nready()).isZero();
        assertThat(c.isReady()).isTrue(); // the activation is kept
        assertThat(c.info().state()).isEqualTo("suspended");
        c.resume();
        assertThat(c.isSuspended()).isFalse();
        c.join();
        assertThat(trace).containsExactly("ran");
    }

    @Test
    void aSuspendedCoroReadiedMeanwhileRunsAfterResume() {
        Coro c = Coro.async(() -> {
            Coro.schedule();
            log("woken");
        });
        Coro.cede();
        c.suspend();
        assertThat(c.ready()).isTrue();
        Coro.cede();
        assertThat(trace).isEmpty();
        c.resume();
        c.join();
        assertThat(trace).containsExactly("woken");
    }

    @Test
    void descAndListShowEveryCoro() {
        Coro c = new Coro(() -> { });
        assertThat(c.desc("worker")).isNull();
        assertThat(c.desc()).isEqualTo("worker");
        String ps = Coro.list();
        assertThat(ps).contains("ID", "STATE", "PRIO", "DESC", "WAITING ON", "main", "worker", "new", "running");
        assertThat(sched.coros()).extracting(CoroInfo::id).contains(1L, c.id());
        c.ready();
        c.join();
        assertThat(Coro.list()).doesNotContain("worker");
    }

    @Test
    void mainCannotTerminateOrBeJoined() {
        assertThatThrownBy(() -> Coro.terminate()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Coro.main().join()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Coro.main().cancel()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void callsFromAForeignThreadAreRefused() throws Exception {
        Throwable[] seen = new Throwable[1];
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Coro.main().ready();
            } catch (Throwable e) {
                seen[0] = e;
            }
        });
        t.join(5000);
        assertThat(seen[0]).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onEnterAndOnLeaveRunAtEverySwitch() {
        Coro c = Coro.async(() -> {
            try (Winder enter = Coro.onEnter(() -> log("enter")); Winder leave = Coro.onLeave(() -> log("leave"))) {
                log("body");
                Coro.cede();
                log("body again");
            }
            Coro.cede();
            log("out of scope");
        });
        c.join();
        assertThat(trace).containsExactly("enter", "body", "leave", "enter", "body again", "leave", "out of scope");
    }

    @Test
    void aRingOfAThousandCorosCedesInFifoOrder() {
        int n = 1000;
        int rounds = 3;
        long[] last = {-1};
        boolean[] inOrder = {true};
        Coro[] ring = new Coro[n];
        for (int i = 0; i < n; i++) {
            int me = i;
            ring[i] = Coro.async(() -> {
                for (int r = 0; r < rounds; r++) {
                    long step = (long) r * n + me;
                    if (step != last[0] + 1) {
                        inOrder[0] = false;
                    }
                    last[0] = step;
                    Coro.cede();
                }
            });
        }
        for (Coro c : ring) {
            c.join();
        }
        assertThat(inOrder[0]).isTrue();
        assertThat(last[0]).isEqualTo((long) rounds * n - 1);
        assertThat(sched.coros()).hasSize(1); // only main is left
    }

    @Test
    void theSameSchedulerForTheSameLoop() {
        assertThat(CoroScheduler.of(loop)).isSameAs(sched);
        assertThat(CoroScheduler.current()).isSameAs(sched);
        assertThat(sched.loop()).isSameAs(loop);
        assertThat(sched.currentCoro()).isSameAs(Coro.main());
    }
}
