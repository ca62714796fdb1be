package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.spi.LoopProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Misuse gets a clear error that names what was wrong: every call on a closed loop (an
 * {@link IllegalStateException}, or for a call that returns a future, a future failed with
 * category {@code closed}); a backend that is known but not on the class or module path (named
 * with its module and Maven artifact); a call from the wrong thread (named by its public name); a {@code null}
 * argument (named).
 */
public abstract class MisuseTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected MisuseTck() {
    }

    private static void refusedAsClosed(String method, ThrowingCallable call) {
        assertThatThrownBy(call).as(method).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed").hasMessageContaining(method);
    }

    private static void failsAsClosed(String method, Supplier<Future<?>> call) {
        Future<?> f = call.get();
        assertThat(f.isFailed()).as(method + " returns a failed future").isTrue();
        assertThat(f.failure().category()).as(method).isEqualTo("closed");
        assertThat(f.failure()).as(method).hasMessageContaining(method).hasMessageContaining("closed");
    }

    @Test
    void misuse_everyCallOnAClosedLoopIsRefused() {
        loop.close();
        refusedAsClosed("later", () -> loop.later(() -> { }));
        refusedAsClosed("watchTimeAfter", () -> loop.watchTimeAfter(Duration.ZERO, () -> { }));
        refusedAsClosed("watchTimeAt", () -> loop.watchTimeAt(Instant.now(), () -> { }));
        refusedAsClosed("watchTimeAtNanos", () -> loop.watchTimeAtNanos(0, () -> { }));
        refusedAsClosed("add", () -> loop.add(new Notifier()));
        refusedAsClosed("pipe", loop::pipe);
        refusedAsClosed("handles", loop::handles);
        refusedAsClosed("datagram", () -> loop.datagram(new InetSocketAddress("127.0.0.1", 0)));
        refusedAsClosed("watchSignal", () -> loop.watchSignal("USR2", () -> { }));
        refusedAsClosed("onClose", () -> loop.onClose(() -> { }));
        refusedAsClosed("run", loop::run);
        refusedAsClosed("loopOnce", () -> loop.loopOnce(Duration.ZERO));
        refusedAsClosed("await", () -> loop.await(loop.newFuture()));
        failsAsClosed("delay", () -> loop.delay(Duration.ofMillis(1)));
        failsAsClosed("timeout", () -> loop.timeout(Duration.ofMillis(1)));
        failsAsClosed("laterFuture", loop::laterFuture);
        failsAsClosed("listen", () -> loop.listen("127.0.0.1", 0, s -> { }));
        failsAsClosed("connect", () -> loop.connect("127.0.0.1", 9));
        failsAsClosed("resolve", () -> loop.resolve("localhost"));
    }

    @Test
    void misuse_harmlessCallsOnAClosedLoopStillAnswer() {
        loop.close();
        loop.close();
        loop.stop("nothing runs");
        loop.wakeup();
        assertThat(loop.isClosed()).isTrue();
        assertThat(loop.isRunning()).isFalse();
        assertThat(loop.pendingTimers()).isZero();
        assertThat(loop.notifiers()).isEmpty();
        assertThat(loop.toString()).contains("closed");
    }

    @Test
    void misuse_laterFromAnotherThreadOnAClosedLoopIsRefused() throws Exception {
        loop.close();
        assertThat(thrownOnAnotherThread("stranger", () -> loop.later(() -> { })))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void misuse_closingTheLoopInsideACallbackEndsRunWithAClearError() {
        loop.later(loop::close);
        assertThatThrownBy(loop::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed")
                .hasMessageContaining("stop()");
        assertThat(loop.isClosed()).isTrue();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void misuse_callsFromAnotherThreadNameThePublicMethod() throws Exception {
        Map<String, Runnable> calls = Map.of(
                "delay", () -> loop.delay(Duration.ofSeconds(1)),
                "timeout", () -> loop.timeout(Duration.ofSeconds(1)),
                "watchTimeAfter", () -> loop.watchTimeAfter(Duration.ofSeconds(1), () -> { }),
                "watchTimeAt", () -> loop.watchTimeAt(Instant.now(), () -> { }),
                "add", () -> loop.add(new Notifier()));
        for (Map.Entry<String, Runnable> call : calls.entrySet()) {
            assertThat(thrownOnAnotherThread("stranger", call.getValue())).as(call.getKey()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(call.getKey() + " called on thread stranger")
                    .hasMessageContaining("later()");
        }
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void misuse_nullArgumentsAreNamed() {
        Map<String, ThrowingCallable> calls = Map.ofEntries(
                Map.entry("code", () -> loop.later(null)),
                Map.entry("delay", () -> loop.watchTimeAfter(null, () -> { })),
                Map.entry("at", () -> loop.watchTimeAt(null, () -> { })),
                Map.entry("notifier", () -> loop.add(null)),
                Map.entry("timer", () -> loop.unwatchTime(null)),
                Map.entry("handle", () -> loop.watchIo(null, () -> { }, null)),
                Map.entry("future", () -> loop.await(null)),
                Map.entry("local", () -> loop.datagram(null)),
                Map.entry("signal", () -> loop.watchSignal(null, () -> { })),
                Map.entry("hook", () -> loop.onClose(null)),
                Map.entry("service", () -> loop.listen("127.0.0.1", null, null, 0)),
                Map.entry("onStream", () -> loop.listen("127.0.0.1", 0, null)));
        for (Map.Entry<String, ThrowingCallable> call : calls.entrySet()) {
            assertThatThrownBy(call.getValue()).as(call.getKey()).isInstanceOf(NullPointerException.class)
                    .hasMessage(call.getKey());
        }
        assertThatThrownBy(() -> loop.delay(null)).isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> loop.timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("delay");
    }

    @Test
    void misuse_aKnownBackendMissingFromTheClassPathNamesItsArtifact() {
        List<String> present = Loop.providers().stream().map(LoopProvider::name).toList();
        Map<String, String> known = Map.of(
                "select", "dev.ioasync:async-loop-select",
                "epoll", "dev.ioasync:async-loop-epoll",
                "kqueue", "dev.ioasync:async-loop-kqueue",
                "io_uring", "dev.ioasync:async-loop-io_uring");
        int checked = 0;
        for (Map.Entry<String, String> backend : known.entrySet()) {
            if (present.contains(backend.getKey())) {
                continue;
            }
            checked++;
            assertThatThrownBy(() -> Loop.create(backend.getKey())).as(backend.getKey())
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("'" + backend.getKey() + "'")
                    .hasMessageContaining(Loop.class.getModule().isNamed() ? "not on the module path" : "not on the class path")
                    .hasMessageContaining(backend.getValue());
        }
        assertThat(checked).as("io_uring at least is not on this class path").isPositive();
        if (!present.contains("io_uring")) {
            assertThatThrownBy(() -> Loop.create("iouring")).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("dev.ioasync:async-loop-io_uring");
        }
        assertThatThrownBy(() -> Loop.create("nosuchloop")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no loop backend named 'nosuchloop'").hasMessageContaining("kqueue");
    }
}
