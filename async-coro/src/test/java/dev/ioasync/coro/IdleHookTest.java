package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The deadlock handler ($Coro::idle) must not block: Coro's "FATAL: $Coro::idle blocked itself". */
class IdleHookTest extends CoroTestBase {

    private void assertRefused(Runnable blockingCall) {
        Semaphore never = new Semaphore(0);
        Coro stuck = Coro.async(never::down);
        sched.onDeadlock(report -> blockingCall.run());
        assertThatThrownBy(stuck::join)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("$Coro::idle blocked itself")
                .hasMessageContaining("deadlock handler")
                .isNotInstanceOf(DeadlockException.class);
        // the scheduler is consistent: a handler that does not block frees the coro
        sched.onDeadlock(report -> stuck.cancel("freed"));
        assertThat(stuck.join()).containsExactly("freed");
        assertThat(Coro.current()).isSameAs(Coro.main());
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void aHandlerThatWaitsOnASemaphoreIsRefused() {
        assertRefused(() -> new Semaphore(0).down());
    }

    @Test
    void aHandlerThatCedesIsRefused() {
        assertRefused(Coro::cede);
    }

    @Test
    void aHandlerThatSchedulesIsRefused() {
        assertRefused(Coro::schedule);
    }

    @Test
    void aHandlerThatJoinsIsRefused() {
        Coro other = Coro.async(Coro::schedule);
        assertRefused(other::join);
        other.cancel();
    }

    @Test
    void aHandlerThatSleepsIsRefused() {
        assertRefused(() -> Coro.sleep(java.time.Duration.ofMillis(1)));
    }

    @Test
    void aHandlerMayReadyACoro() {
        Coro c = Coro.async(() -> {
            Coro.schedule();
            log("readied by the handler");
        });
        Coro.cede();
        sched.onDeadlock(report -> c.ready());
        c.join();
        assertThat(trace).containsExactly("readied by the handler");
    }
}
