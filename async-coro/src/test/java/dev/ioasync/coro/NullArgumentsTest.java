package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A null argument of the public API fails with a message naming the parameter. */
class NullArgumentsTest extends CoroTestBase {

    private static void refuses(String parameter, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessageContaining(parameter);
    }

    @Test
    void coroAndItsStaticApi() {
        refuses("body", () -> new Coro((Runnable) null));
        refuses("body", () -> new Coro((Body) null));
        refuses("args", () -> new Coro(a -> null, (Object[]) null));
        refuses("body", () -> Coro.async((Runnable) null));
        refuses("body", () -> Coro.async((Body) null, 1));
        refuses("args", () -> Coro.async(a -> null, (Object[]) null));
        refuses("body", () -> Coro.asyncPool((Runnable) null));
        refuses("body", () -> Coro.asyncPool((Body) null));
        refuses("args", () -> Coro.asyncPool(a -> null, (Object[]) null));
        refuses("callback", () -> Coro.unblockSub((Runnable) null));
        refuses("callback", () -> Coro.unblockSub((java.util.function.Consumer<Object>) null));
        refuses("duration", () -> Coro.sleep(null));
        refuses("future", () -> Coro.await(null));
        refuses("future", () -> Coro.await(null, Duration.ZERO));
        refuses("task", () -> Coro.loopCall(null));
        refuses("block", () -> Coro.onEnter(null));
        refuses("block", () -> Coro.onLeave(null));
        refuses("cb", () -> Coro.rouseWait(null));
        refuses("cb", () -> Coro.rouseWait(null, Duration.ZERO));
        refuses("values", () -> Coro.terminate((Object[]) null));
        Coro c = new Coro(() -> { });
        refuses("values", () -> c.cancel((Object[]) null));
        refuses("values", () -> c.safeCancel((Object[]) null));
        refuses("callback", () -> c.onDestroy(null));
        refuses("values", () -> Coro.rouseCb().call((Object[]) null));
        refuses("loop", () -> CoroScheduler.of(null));
        refuses("coros", () -> new DeadlockException(null));
    }

    @Test
    void primitives() {
        refuses("item", () -> new Channel<String>().put(null));
        refuses("callback", () -> new Semaphore().await((Runnable) null));
        refuses("callback", () -> new Signal().await((Runnable) null));
        refuses("initial", () -> new Specific<>(null));
        SemaphoreSet set = new SemaphoreSet();
        refuses("key", () -> set.down(null));
        refuses("key", () -> set.tryDown(null));
        refuses("key", () -> set.up(null));
        refuses("key", () -> set.guard(null));
        refuses("key", () -> set.await(null));
        refuses("key", () -> set.sem(null));
        refuses("key", () -> set.count(null));
        refuses("key", () -> set.waiters(null));
        refuses("callback", () -> set.await("k", (Runnable) null));
    }

    @Test
    void streams() {
        refuses("stream", () -> CoroStream.of(null));
        refuses("host", () -> CoroStream.connect(null, 1, Duration.ofSeconds(1)));
        refuses("handler", () -> CoroStream.listen("127.0.0.1", 0, null));
    }
}
