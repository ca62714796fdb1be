package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.signal.Signal;
import dev.ioasync.signal.SignalDispatcher;
import dev.ioasync.signal.SignalWatch;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IO::Async::Signal and {@code watch_signal}: real signals sent to this JVM with {@code kill}.
 * Only {@code USR2} is sent, and only while something watches it (its default action would end
 * the JVM).
 */
public abstract class SignalTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected SignalTck() {
    }

    @AfterEach
    void nothingLeftWatched() {
        assertThat(SignalDispatcher.watchCount("USR2")).as("USR2 watches left behind").isZero();
    }

    /**
     * Sends a signal to this JVM and waits for {@code kill} to finish (the signal itself arrives
     * asynchronously).
     *
     * @param signal the signal's name
     * @throws Exception when {@code kill} cannot run or fails
     */
    protected static void sendToSelf(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("kill finished").isTrue();
        assertThat(kill.exitValue()).as("kill's exit code").isZero();
    }

    @Test
    void signal_deliveredOnTheLoopThread() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        SignalWatch w = loop.watchSignal("USR2", () -> threads.add(Thread.currentThread()));
        try {
            sendToSelf("USR2");
            runUntil(loop, () -> !threads.isEmpty(), "SIGUSR2 to arrive");
            assertThat(threads).containsOnly(Thread.currentThread());
        } finally {
            loop.unwatchSignal(w);
        }
    }

    @Test
    void signal_wakesASleepingPoll() throws Exception {
        AtomicInteger got = new AtomicInteger();
        SignalWatch w = loop.watchSignal("SIGUSR2", got::incrementAndGet);
        try {
            new ProcessBuilder("kill", "-USR2", Long.toString(ProcessHandle.current().pid())).start();
            long t0 = System.nanoTime();
            while (got.get() == 0 && System.nanoTime() - t0 < WAIT.toNanos()) {
                loop.loopOnce(Duration.ofMinutes(1)); // without the wake-up this would sleep a minute
            }
            assertThat(got.get()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(WAIT);
        } finally {
            w.cancel();
        }
    }

    @Test
    void signal_severalWatchersAreAllCalled() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        AtomicInteger c = new AtomicInteger();
        Signal sa = new Signal("USR2", a::incrementAndGet);
        Signal sb = new Signal("usr2").onReceipt(b::incrementAndGet);
        loop.add(sa).add(sb);
        SignalWatch wc = loop.watchSignal("USR2", c::incrementAndGet);
        try {
            assertThat(SignalDispatcher.watchCount("USR2")).isEqualTo(3);
            sendToSelf("USR2");
            runUntil(loop, () -> a.get() == 1 && b.get() == 1 && c.get() == 1, "all three watchers");
        } finally {
            loop.remove(sa).remove(sb);
            wc.cancel();
        }
        assertThat(sa.isWatching()).isFalse();
    }

    @Test
    void signal_removedNotifierIsNoLongerCalled() throws Exception {
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        Signal gone = new Signal("USR2", removed::incrementAndGet);
        loop.add(gone);
        SignalWatch w = loop.watchSignal("USR2", kept::incrementAndGet);
        try {
            sendToSelf("USR2");
            runUntil(loop, () -> removed.get() == 1 && kept.get() == 1, "both watchers");
            loop.remove(gone);
            sendToSelf("USR2");
            runUntil(loop, () -> kept.get() == 2, "the remaining watcher");
            assertThat(removed.get()).isEqualTo(1);
        } finally {
            w.cancel();
        }
    }

    @Test
    void signal_unwatchingTheLastRestoresThePreviousHandler() throws Exception {
        Semaphore previousCalled = new Semaphore(0);
        Object previous = installJvmHandler("USR2", previousCalled::release);
        try {
            AtomicInteger got = new AtomicInteger();
            SignalWatch w1 = loop.watchSignal("USR2", got::incrementAndGet);
            SignalWatch w2 = loop.watchSignal("USR2", got::incrementAndGet);
            sendToSelf("USR2");
            runUntil(loop, () -> got.get() == 2, "both watches");
            assertThat(previousCalled.availablePermits()).as("the replaced handler is not called meanwhile").isZero();
            w1.cancel();
            assertThat(SignalDispatcher.watchCount("USR2")).isEqualTo(1);
            w2.cancel();
            assertThat(w2.cancel()).as("second cancel").isFalse();
            sendToSelf("USR2");
            assertThat(previousCalled.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the previous handler has SIGUSR2 again").isTrue();
            loop.loopOnce(Duration.ZERO);
            assertThat(got.get()).isEqualTo(2);
        } finally {
            restoreJvmHandler("USR2", previous);
        }
    }

    @Test
    void signal_refusedSignalsNameTheSignalAndWhy() {
        assertThatThrownBy(() -> loop.watchSignal("KILL", () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGKILL")
                .hasMessageContaining("never be caught");
        assertThatThrownBy(() -> new Signal("STOP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIGSTOP");
        assertThatThrownBy(() -> loop.watchSignal("QUIT", () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGQUIT")
                .hasMessageContaining("JVM refuses");
        assertThatThrownBy(() -> new Signal("NOSUCHSIGNAL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOSUCHSIGNAL");
        assertThat(SignalDispatcher.watchCount("QUIT")).isZero();
    }

    @Test
    void signal_callbackErrorGoesToTheErrorHandlerAndTheLoopGoesOn() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicInteger after = new AtomicInteger();
        Signal s = new Signal("USR2", () -> {
            throw new IllegalStateException("boom");
        });
        s.onError((e, src) -> errors.add(e));
        loop.add(s);
        SignalWatch w = loop.watchSignal("USR2", after::incrementAndGet);
        try {
            sendToSelf("USR2");
            runUntil(loop, () -> errors.size() == 1 && after.get() == 1, "the error and the other watcher");
            assertThat(errors.get(0)).hasRootCauseMessage("boom");
        } finally {
            loop.remove(s);
            w.cancel();
        }
    }

    // ------------------------------------------------------------ a JVM handler of the test's own

    private static Object installJvmHandler(String name, Runnable onSignal) throws Exception {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object h = Proxy.newProxyInstance(SignalTck.class.getClassLoader(), new Class<?>[] {handler},
                (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        onSignal.run();
                        return null;
                    }
                    return method.getName().equals("hashCode") ? (Object) System.identityHashCode(proxy)
                            : method.getName().equals("equals") ? (Object) (proxy == args[0]) : "test handler";
                });
        return signal.getMethod("handle", signal, handler).invoke(null,
                signal.getConstructor(String.class).newInstance(name), h);
    }

    private static void restoreJvmHandler(String name, Object previous) throws Exception {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name),
                previous);
    }
}
