package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.coro.internal.Mechanisms;
import org.junit.jupiter.api.Test;

class MechanismTest extends CoroTestBase {

    @Test
    void theIntendedMechanismRuns() {
        String expected = System.getProperty("ioasync.coro.expectMechanism");
        if (expected != null) {
            assertThat(sched.mechanism()).as(Mechanisms.reason()).isEqualTo(expected);
        }
        assertThat(Mechanisms.reason()).isNotBlank();
    }

    @Test
    void coroCodeSeesItsOwnCoroAndScheduler() {
        Coro c = Coro.async(() -> {
            log("in " + Coro.current().id());
            assertThat(CoroScheduler.current()).isSameAs(sched);
            assertThat(Coro.current().isRunning()).isTrue();
            assertThat(Coro.main().isRunning()).isFalse();
        });
        c.join();
        assertThat(trace).containsExactly("in " + c.id());
        assertThat(Coro.current()).isSameAs(Coro.main()).isSameAs(sched.main());
        assertThat(Coro.main().id()).isEqualTo(1);
    }
}
