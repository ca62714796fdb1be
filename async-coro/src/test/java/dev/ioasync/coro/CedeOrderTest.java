package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Coro's {@code cede} in every shape of the ready queues its common path (the driver readies the
 * ceding coro and picks the next in one step) treats apart: nothing else ready, one coro waiting
 * alone at the same priority (two coros taking turns), several, higher and lower priorities, a
 * priority changed between two cedes, a cancel or a throw arriving while the coro is ceded, and a
 * cede that cannot switch. The order must be Perl's: the ceding coro goes to the tail of its
 * priority's queue; the highest priority that waited longest runs; never a lower one.
 */
class CedeOrderTest extends CoroTestBase {

    private Coro looper(String name, int rounds) {
        return Coro.async(() -> {
            for (int i = 0; i < rounds; i++) {
                log(name + i);
                Coro.cede();
            }
        });
    }

    @Test
    void aLoneCoroThatCedesGoesOnAtOnce() {
        Coro a = looper("a", 3);
        a.join();
        assertThat(trace).containsExactly("a0", "a1", "a2");
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void twoCorosTakeTurnsAndSeeEachOtherReady() {
        List<Object> seen = new ArrayList<>();
        Coro[] both = new Coro[2];
        for (int k = 0; k < 2; k++) {
            String name = k == 0 ? "a" : "b";
            int me = k;
            both[k] = Coro.async(() -> {
                for (int i = 0; i < 3; i++) {
                    log(name + i);
                    Coro.cede();
                    // right after a cede the other one is ready (it ceded to this one) and this one runs
                    seen.add(name + " nready=" + Coro.nready() + " otherReady=" + both[1 - me].isReady()
                            + " selfReady=" + both[me].isReady());
                }
            });
        }
        both[0].join();
        both[1].join();
        assertThat(trace).containsExactly("a0", "b0", "a1", "b1", "a2", "b2");
        assertThat(seen).hasSize(6);
        // the last round: the other one has ended, so nothing is ready any more
        assertThat(seen.subList(0, 5)).allSatisfy(s -> assertThat(s.toString()).endsWith("nready=1 otherReady=true selfReady=false"));
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void aBurstOfCedesAmongThreeKeepsFifoOrder() {
        Coro a = looper("a", 4);
        Coro b = looper("b", 4);
        Coro c = looper("c", 4);
        a.join();
        b.join();
        c.join();
        assertThat(trace).containsExactly("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3");
    }

    @Test
    void cedeYieldsToEqualOrHigherPriorityButNeverToLower() {
        Coro low = new Coro(() -> log("low"));
        low.prio(Coro.PRIO_LOW);
        Coro normal = new Coro(() -> log("normal"));
        Coro high = new Coro(() -> log("high"));
        high.prio(Coro.PRIO_HIGH);
        Coro runner = Coro.async(() -> {
            log("runner0");
            low.ready();
            Coro.cede(); // only a lower priority is ready: goes on at once
            log("runner1");
            normal.ready();
            high.ready();
            Coro.cede(); // high, then normal (the same priority, waited longer), then this one
            log("runner2");
            Coro.cede(); // only low is ready: goes on
            log("runner3");
        });
        runner.join();
        low.join();
        assertThat(trace).containsExactly("runner0", "runner1", "high", "normal", "runner2", "runner3", "low");
    }

    @Test
    void aHighPriorityCoroThatCedesRunsAgainBeforeTheOthers() {
        Coro other = looper("n", 2);
        Coro high = Coro.async(() -> {
            for (int i = 0; i < 3; i++) {
                log("h" + i);
                Coro.cede();
            }
        });
        high.prio(Coro.PRIO_HIGH);
        high.join();
        other.join();
        assertThat(trace).containsExactly("h0", "h1", "h2", "n0", "n1");
    }

    @Test
    void aPriorityChangedBetweenTwoCedesTakesEffectAtTheNextOne() {
        Coro[] pair = new Coro[2];
        pair[0] = Coro.async(() -> {
            log("a0");
            Coro.cede();
            log("a1");
            pair[1].prio(Coro.PRIO_HIGH); // b is ready: it moves ahead at once
            Coro.cede();
            log("a2");
            Coro.cede();
            log("a3");
        });
        pair[1] = Coro.async(() -> {
            log("b0");
            Coro.cede();
            log("b1");
            Coro.cede(); // b is higher now: it goes on
            log("b2");
            Coro.current().prio(Coro.PRIO_LOW);
            Coro.cede(); // lower than a now: a runs to its end first
            log("b3");
        });
        pair[0].join();
        pair[1].join();
        assertThat(trace).containsExactly("a0", "b0", "a1", "b1", "b2", "a2", "a3", "b3");
    }

    @Test
    void aCancelThatArrivesWhileACoroIsCededEndsItThere() {
        Coro[] pair = new Coro[2];
        pair[0] = Coro.async(() -> {
            try {
                log("a0");
                Coro.cede();
                log("a after cancel?");
            } finally {
                log("a unwound");
            }
        });
        pair[1] = Coro.async(() -> {
            log("b cancels a");
            pair[0].cancel("stop");
            log("b goes on");
        });
        assertThat(pair[0].join()).containsExactly("stop");
        pair[1].join();
        assertThat(trace).containsExactly("a0", "b cancels a", "a unwound", "b goes on");
        assertThat(pair[0].isZombie()).isTrue();
    }

    @Test
    void aThrowThatArrivesWhileACoroIsCededSurfacesFromTheCede() {
        Coro[] pair = new Coro[2];
        pair[0] = Coro.async(() -> {
            log("a0");
            try {
                Coro.cede();
                log("a after throw?");
            } catch (IllegalArgumentException e) {
                log("a caught " + e.getMessage());
            }
            Coro.cede();
            log("a1");
        });
        pair[1] = Coro.async(() -> {
            pair[0].throwInto(new IllegalArgumentException("boom"));
            log("b0");
            Coro.cede();
            log("b1");
        });
        pair[0].join();
        pair[1].join();
        assertThat(trace).containsExactly("a0", "b0", "a caught boom", "b1", "a1");
    }

    @Test
    void everyCedeBetweenTwoCorosIsASwitchInTheMetrics() {
        long before = sched.metrics().switches();
        Coro a = looper("a", 100);
        Coro b = looper("b", 100);
        a.join();
        b.join();
        assertThat(sched.metrics().switches() - before).isGreaterThanOrEqualTo(200);
        assertThat(trace).hasSize(200);
        for (int i = 0; i < 100; i++) {
            assertThat(trace.subList(2 * i, 2 * i + 2)).containsExactly("a" + i, "b" + i);
        }
    }

    @Test
    void onEnterAndOnLeaveStillRunAtEveryCede() {
        Coro[] pair = new Coro[2];
        pair[0] = Coro.async(() -> {
            Coro.onEnter(() -> log("enter a"));
            Coro.onLeave(() -> log("leave a"));
            log("a0");
            Coro.cede();
            log("a1");
        });
        pair[1] = Coro.async(() -> {
            log("b0");
            Coro.cede();
            log("b1");
        });
        pair[0].join();
        pair[1].join();
        assertThat(trace).startsWith("enter a", "a0", "leave a", "b0", "enter a", "a1");
        assertThat(trace).contains("b1");
    }

    @Test
    void aCedeThatCannotSwitchLeavesTheOthersWhereTheyWere() throws Exception {
        Assumptions.assumeTrue(sched.mechanism().equals("continuation"), "only Continuation stacks can be pinned");
        Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
        Method pin = cont.getMethod("pin");
        Method unpin = cont.getMethod("unpin");
        Coro other = looper("o", 2);
        Coro c = Coro.async(() -> {
            try {
                pin.invoke(null);
                try {
                    assertThatThrownBy(Coro::cede).isInstanceOf(IllegalStateException.class).hasMessageContaining("pinned");
                    log("c pinned nready=" + Coro.nready() + " selfReady=" + Coro.current().isReady());
                } finally {
                    unpin.invoke(null);
                }
                Coro.cede();
                log("c after");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        });
        c.join();
        other.join();
        // other was created first, so it ran first and waits ready; the pinned cede ran nobody
        assertThat(trace).containsExactly("o0", "c pinned nready=1 selfReady=false", "o1", "c after");
        assertThat(Coro.nready()).isZero();
    }
}
