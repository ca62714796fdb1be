package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.coro.internal.Mechanisms;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;
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

    @Test
    void aCedeThatCannotHappenIsAnExceptionThatSaysSo() throws Exception {
        Assumptions.assumeTrue(sched.mechanism().equals("continuation"), "only Continuation stacks can be pinned");
        Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
        Method pin = cont.getMethod("pin");
        Method unpin = cont.getMethod("unpin");
        Coro c = Coro.async(() -> {
            try {
                pin.invoke(null);
                try {
                    Coro.cede();
                    log("ceded while pinned?");
                } catch (IllegalStateException e) {
                    log(e.getMessage());
                } finally {
                    unpin.invoke(null);
                }
                Coro.cede(); // unpinned: switching works again
                log("after");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        });
        c.join();
        assertThat(trace).hasSize(2);
        assertThat(trace.get(0)).contains("cannot switch coros here", "pinned", "CRITICAL_SECTION");
        assertThat(trace.get(1)).isEqualTo("after");
        assertThat(Coro.nready()).isZero();
    }
}
