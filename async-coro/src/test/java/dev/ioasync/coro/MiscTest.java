package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rouseCb/rouseWait (edge case 9), Specific, asyncPool. */
class MiscTest extends CoroTestBase {

    @Test
    void rouseCallbackCalledBeforeTheWaitStillDelivers() {
        RouseCallback cb = Coro.rouseCb();
        cb.call("a", 1);
        cb.call("ignored");
        assertThat(Coro.rouseWait(cb)).containsExactly("a", 1);
        assertThatThrownBy(() -> Coro.rouseWait(cb)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once");
    }

    @Test
    void rouseWaitSleepsUntilTheCallbackRuns() {
        Coro c = Coro.async(a -> {
            RouseCallback cb = Coro.rouseCb();
            Coro.loopCall(() -> loop.watchTimeAfter(Duration.ofMillis(5), () -> cb.accept("fired")));
            return Coro.rouseWait();
        });
        assertThat(c.join()).containsExactly(List.of("fired"));
        RouseCallback never = Coro.rouseCb();
        assertThatThrownBy(() -> Coro.rouseWait(never, Duration.ofMillis(5))).isInstanceOf(CoroTimeoutException.class);
    }

    @Test
    void rouseWaitInAnotherCoroThanTheCreator() {
        RouseCallback cb = Coro.rouseCb();
        Coro waiter = Coro.async(a -> Coro.rouseWait(cb));
        Coro.cede();
        cb.run();
        assertThat(waiter.join()).containsExactly(List.of());
    }

    @Test
    void specificIsPerCoro() {
        Specific<String> name = new Specific<>(() -> "initial");
        name.set("main's");
        Coro a = Coro.async(() -> {
            log("a sees " + name.get());
            name.set("a's");
            Coro.cede();
            log("a sees " + name.get());
        });
        Coro b = Coro.async(() -> {
            name.set("b's");
            Coro.cede();
            log("b sees " + name.get());
            name.remove();
            log("b sees " + name.get());
        });
        a.join();
        b.join();
        assertThat(trace).containsExactly("a sees initial", "a sees a's", "b sees b's", "b sees initial");
        assertThat(name.get()).isEqualTo("main's");
    }

    @Test
    void asyncPoolReusesCorosAndResetsThem() {
        Specific<String> local = new Specific<>();
        List<Long> ids = new ArrayList<>();
        RouseCallback first = Coro.rouseCb();
        Coro.asyncPool(() -> {
            ids.add(Coro.current().id());
            Coro.current().prio(Coro.PRIO_HIGH);
            Coro.current().desc("job 1");
            local.set("dirty");
            first.run();
        });
        Coro.rouseWait(first);
        Coro.cede(); // let the pooled coro park itself
        RouseCallback second = Coro.rouseCb();
        Coro.asyncPool(args -> {
            Coro me = Coro.current();
            ids.add(me.id());
            log("prio " + me.prio() + " desc " + me.desc() + " local " + local.get() + " arg " + args[0]);
            second.run();
            return null;
        }, "x");
        Coro.rouseWait(second);
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(trace).containsExactly("prio 0 desc null local null arg x");
    }

    @Test
    void asyncPoolLogsAFailingJobAndKeepsGoing() {
        Coro.asyncPool(() -> {
            throw new IllegalStateException("pool job fails (this warning is expected)");
        });
        RouseCallback cb = Coro.rouseCb();
        Coro.asyncPool(cb::run);
        Coro.rouseWait(cb);
        assertThat(cb.isCalled()).isTrue();
    }

    @Test
    void poolSizeLimitsIdleCoros() {
        sched.poolSize(1);
        assertThat(sched.poolSize()).isEqualTo(1);
        Semaphore sem = new Semaphore(0);
        for (int i = 0; i < 3; i++) {
            Coro.asyncPool(sem::down);
        }
        Coro.cede();
        sem.adjust(3);
        Coro.cede();
        Coro.cede();
        assertThat(sched.idlePool).hasSize(1);
        assertThatThrownBy(() -> sched.poolSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
