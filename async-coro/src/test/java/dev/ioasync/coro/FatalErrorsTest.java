package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fatal JVM error (VirtualMachineError) in a coro body or a Coro callback is never an ordinary
 * coro failure: it is logged once and leaves the scheduler; the scheduler stays usable.
 */
class FatalErrorsTest extends CoroTestBase {

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    /** A real OutOfMemoryError ("Requested array size exceeds VM limit"), without filling the heap. */
    private static Object hugeArray() {
        return new long[Integer.MAX_VALUE];
    }

    private void assertSchedulerUsable() {
        assertThat(Coro.current()).isSameAs(Coro.main());
        assertThat(Coro.main().isReady()).isFalse();
        Coro after = Coro.async(a -> {
            Coro.cede();
            return "after";
        });
        assertThat(after.join()).containsExactly("after");
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void aStackOverflowInABodyLeavesJoinAsItselfLoggedOnce() {
        try (LogCapture logs = new LogCapture()) {
            Coro c = Coro.async(() -> recurse(0));
            Throwable thrown = catchThrowable(c::join);
            assertThat(thrown).isInstanceOf(StackOverflowError.class);
            assertThat(c.isZombie()).isTrue();
            assertThat(logs.countThrown(thrown)).isEqualTo(1);
            assertThat(logs.records).filteredOn(r -> r.getThrown() == thrown).first()
                    .satisfies(r -> assertThat(r.getMessage()).contains(c.toString(), "fatal", "not a coro failure"));
            // joined again: the error itself, never a CoroFailedException, and not logged again
            assertThat(catchThrowable(c::join)).isSameAs(thrown);
            assertThat(logs.countThrown(thrown)).isEqualTo(1);
            assertSchedulerUsable();
        }
    }

    @Test
    void anOutOfMemoryErrorLeavesTheMainCorosCedeAndTheOthersStillRun() {
        Coro bad = Coro.async(() -> {
            log("bad runs");
            hugeArray();
            log("not reached");
        });
        Coro good = Coro.async(() -> log("good runs"));
        assertThatThrownBy(Coro::cede).isInstanceOf(OutOfMemoryError.class);
        assertThat(trace).containsExactly("bad runs");
        assertThat(bad.isZombie()).isTrue();
        assertThat(Coro.main().isReady()).isFalse();
        assertThat(good.isReady()).isTrue();
        good.join();
        assertThat(trace).containsExactly("bad runs", "good runs");
        assertSchedulerUsable();
    }

    @Test
    void aCoroJoiningTheDeadOneGetsTheErrorItself() {
        Coro bad = Coro.async(() -> hugeArray());
        Coro joiner = Coro.async(() -> {
            try {
                bad.join();
            } catch (Throwable t) {
                log(t.getClass().getSimpleName());
            }
        });
        assertThatThrownBy(joiner::join).isInstanceOf(OutOfMemoryError.class);
        joiner.join(); // the program went on: the joiner sees the error itself
        assertThat(trace).containsExactly("OutOfMemoryError");
        assertSchedulerUsable();
    }

    @Test
    void anAsyncPoolJobsFatalErrorIsNotLoggedAndSwallowed() {
        Coro.asyncPool(() -> recurse(0));
        assertThatThrownBy(Coro::cede).isInstanceOf(StackOverflowError.class);
        assertSchedulerUsable();
        RouseCallback cb = Coro.rouseCb();
        Coro.asyncPool(() -> cb.call("pool still works"));
        assertThat(Coro.rouseWait(cb)).containsExactly("pool still works");
    }

    @Test
    void aFatalErrorOfAnOnDestroyCallbackLeavesTheSchedulerAndTheJoinersAreWoken() {
        OutOfMemoryError oom = new OutOfMemoryError("thrown by an onDestroy callback (expected by this test)");
        Coro c = Coro.async(a -> "value");
        c.onDestroy(v -> {
            throw oom;
        });
        Coro joiner = Coro.async(() -> log("joiner got " + c.join()));
        assertThat(catchThrowable(Coro::cede)).isSameAs(oom);
        assertThat(c.isZombie()).isTrue();
        joiner.join();
        assertThat(trace).containsExactly("joiner got [value]");
        assertThat(c.join()).containsExactly("value"); // the body itself did not fail
        assertSchedulerUsable();
    }

    @Test
    void aFatalErrorOfASignalCallbackGoesToTheSender() {
        Signal sig = new Signal();
        StackOverflowError soe = new StackOverflowError("thrown by a Signal callback (expected by this test)");
        sig.await(() -> {
            throw soe;
        });
        Coro waiter = Coro.async(() -> {
            sig.await();
            log("woken");
        });
        Coro.cede();
        assertThat(catchThrowable(sig::broadcast)).isSameAs(soe);
        waiter.join(); // the coro behind the callback was still woken
        assertThat(trace).containsExactly("woken");
    }

    @Test
    void aFatalErrorOfACoroRunFromTheLoopLeavesThroughTheLoop() {
        List<Throwable> routed = new ArrayList<>();
        loop.errorHandler((e, src) -> {
            routed.add(e);
            loop.stop();
        });
        loop.later(() -> Coro.async(() -> recurse(0)));
        Throwable thrown = catchThrowable(loop::run);
        // a loop that rethrows fatal errors throws it from run(); an older loop routes it to its
        // error handler: either way it is the error itself, never a coro failure
        Throwable seen = thrown != null ? thrown : routed.isEmpty() ? null : routed.get(0);
        assertThat(seen).isInstanceOf(StackOverflowError.class);
        assertSchedulerUsable();
    }

    @Test
    void ordinaryExceptionsStillEndTheCoroFailed() {
        Coro c = Coro.async(() -> {
            throw new IllegalStateException("ordinary");
        });
        assertThatThrownBy(c::join).isInstanceOf(CoroFailedException.class).hasRootCauseMessage("ordinary");
        Coro err = Coro.async(() -> {
            throw new AssertionError("an Error, but not a fatal JVM error");
        });
        assertThatThrownBy(err::join).isInstanceOf(CoroFailedException.class).hasCauseInstanceOf(AssertionError.class);
    }
}
