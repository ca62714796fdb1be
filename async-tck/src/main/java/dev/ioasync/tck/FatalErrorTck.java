package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.io.PipePair;
import dev.ioasync.signal.SignalWatch;
import dev.ioasync.timer.Countdown;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fatal JVM errors are not callback errors: a {@link VirtualMachineError} thrown by any callback
 * (a deferred call, a timer, an I/O watch, a signal watch, a notifier event, a future's callback,
 * an error handler) reaches no error handler; it is logged once and leaves {@code run()},
 * {@code loopOnce()}, {@code await()} and {@code Future.get()}, and the loop stays consistent: it
 * can run again and close cleanly. Ordinary exceptions (and errors that are not fatal) still go
 * to the handlers. The errors here are thrown by the callbacks, not made by exhausting the JVM.
 */
public abstract class FatalErrorTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected FatalErrorTck() {
    }

    private LogCapture log;
    private List<LogRecord> records;


    @BeforeEach
    void captureLoopLog() {
        log = new LogCapture(Loop.class.getName()); // the errors are the test's own: read, not printed
        records = log.records();
    }

    @AfterEach
    void releaseLoopLog() {
        log.close();
    }

    private static OutOfMemoryError oom(String where) {
        return new OutOfMemoryError("thrown by the test from " + where + ", not a real one");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1; // a real StackOverflowError
    }

    /** {@return how many log records carry {@code error}} */
    private long loggedTimes(Throwable error) {
        return records.stream().filter(r -> r.getThrown() == error).count();
    }

    /** The loop is consistent after a fatal error: it runs deferred calls again and closes. */
    private void assertLoopStillWorks() {
        assertThat(loop.isRunning()).isFalse();
        boolean[] ran = {false};
        loop.later(() -> ran[0] = true);
        loop.loopOnce(Duration.ZERO);
        assertThat(ran[0]).isTrue();
        loop.close();
        assertThat(loop.isClosed()).isTrue();
    }

    @Test
    void fatal_anOutOfMemoryErrorFromLaterLeavesRunAndIsLoggedOnce() {
        OutOfMemoryError thrown = oom("later");
        List<String> ran = new ArrayList<>();
        Notifier n = new Notifier().onError((e, s) -> ran.add("notifier handler"));
        loop.add(n);
        loop.later(() -> ran.add("before"));
        loop.later(() -> {
            throw thrown;
        });
        loop.later(() -> ran.add("after, in the next run"));
        assertThatThrownBy(loop::run).isSameAs(thrown);
        assertThat(ran).containsExactly("before");
        assertThat(loopErrors).isEmpty();
        assertThat(loggedTimes(thrown)).isEqualTo(1);
        assertThat(records).filteredOn(r -> r.getThrown() == thrown)
                .allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE));
        loop.later(() -> loop.stop());
        loop.run();
        assertThat(ran).containsExactly("before", "after, in the next run");
        assertLoopStillWorks();
    }

    @Test
    void fatal_aRealStackOverflowInATimerLeavesLoopOnce() {
        boolean[] second = {false};
        loop.watchTimeAfter(Duration.ZERO, () -> recurse(0));
        loop.watchTimeAfter(Duration.ZERO, () -> second[0] = true);
        assertThatThrownBy(() -> loop.loopOnce(Duration.ZERO)).isInstanceOf(StackOverflowError.class);
        assertThat(loopErrors).isEmpty();
        assertThat(second[0]).as("the other due timer is kept for the next iteration").isFalse();
        loop.loopOnce(Duration.ZERO);
        assertThat(second[0]).isTrue();
        assertThat(loop.pendingTimers()).isZero();
        assertLoopStillWorks();
    }

    @Test
    void fatal_aNotifierEventSkipsItsOnErrorAndLeavesRun() {
        StackOverflowError thrown = new StackOverflowError("thrown by the test from on_expire");
        List<Throwable> handled = new ArrayList<>();
        Notifier parent = new Notifier().onError((e, s) -> handled.add(e));
        Countdown c = new Countdown(Duration.ZERO, () -> {
            throw thrown;
        });
        c.onError((e, s) -> handled.add(e));
        parent.addChild(c);
        loop.add(parent);
        c.start();
        assertThatThrownBy(loop::run).as("the error itself, not wrapped in a CallbackException").isSameAs(thrown);
        assertThat(handled).isEmpty();
        assertThat(loopErrors).isEmpty();
        assertThat(loggedTimes(thrown)).isEqualTo(1);
        assertLoopStillWorks();
    }

    @Test
    void fatal_anIoWatchCallbackLeavesLoopOnce() throws Exception {
        OutOfMemoryError thrown = oom("an I/O watch");
        try (PipePair p = loop.pipe()) {
            p.writer().write(ByteBuffer.wrap(new byte[] {1}));
            loop.watchIo(p.reader(), () -> {
                throw thrown;
            }, null);
            long deadline = System.nanoTime() + WAIT.toNanos();
            Throwable caught = null;
            while (caught == null && System.nanoTime() < deadline) {
                try {
                    loop.loopOnce(Duration.ofMillis(50));
                } catch (OutOfMemoryError e) {
                    caught = e;
                }
            }
            assertThat(caught).isSameAs(thrown);
            assertThat(loopErrors).isEmpty();
            loop.unwatchIo(p.reader());
        }
        assertLoopStillWorks();
    }

    @Test
    void fatal_aSignalWatchLeavesRun() throws Exception {
        OutOfMemoryError thrown = oom("a signal watch");
        SignalWatch w = loop.watchSignal("USR2", () -> {
            throw thrown;
        });
        try {
            Process kill = new ProcessBuilder("kill", "-USR2", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            loop.watchTimeAfter(WAIT, () -> loop.stop("timed out"));
            assertThatThrownBy(loop::run).isSameAs(thrown);
            assertThat(loopErrors).isEmpty();
        } finally {
            loop.unwatchSignal(w);
        }
        assertLoopStillWorks();
    }

    @Test
    void fatal_aFutureCallbackLeavesGetAfterTheOtherCallbacksRan() {
        OutOfMemoryError thrown = oom("a future's callback");
        Future<Integer> f = loop.newFuture();
        List<String> ran = new ArrayList<>();
        f.onDone(v -> {
            throw thrown;
        });
        f.onDone(v -> ran.add("second callback got " + v));
        Future<Integer> next = f.then(v -> Future.doneFuture(v + 1));
        Future<Void> waiting = loop.newFuture();
        loop.later(() -> f.done(41));
        assertThatThrownBy(waiting::get).isSameAs(thrown);
        assertThat(ran).containsExactly("second callback got 41");
        assertThat(next.isDone()).as("the sequence after it went on").isTrue();
        assertThat(next.value()).isEqualTo(42);
        assertThat(loopErrors).isEmpty();
        assertThat(loggedTimes(thrown)).isEqualTo(1);
        waiting.cancel();
        assertLoopStillWorks();
    }

    @Test
    void fatal_aThenStepThatOverflowsLeavesAwait() {
        Future<Integer> f = loop.newFuture();
        Future<Integer> next = f.then(v -> Future.doneFuture(recurse(v)));
        loop.later(() -> f.done(0));
        assertThatThrownBy(() -> loop.await(next)).isInstanceOf(StackOverflowError.class);
        assertThat(next.isFailed()).as("a fatal error is not a future's failure").isFalse();
        assertThat(loopErrors).isEmpty();
        next.cancel();
        assertLoopStillWorks();
    }

    @Test
    void fatal_aFutureCompletedOnAnotherThreadThrowsThereAfterEveryCallback() throws Exception {
        OutOfMemoryError thrown = oom("a callback run by done() on another thread");
        Future<String> f = loop.newFuture();
        List<String> ran = new CopyOnWriteArrayList<>();
        f.onDone(v -> {
            throw thrown;
        });
        f.onDone(ran::add);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                f.done("value");
            } catch (Throwable e) {
                seen.set(e);
            }
        }, "completer");
        t.start();
        t.join(WAIT.toMillis());
        assertThat(seen.get()).isSameAs(thrown);
        assertThat(ran).containsExactly("value");
        loop.loopOnce(Duration.ZERO);
        assertThat(loopErrors).isEmpty();
    }

    @Test
    void fatal_anOnCancelHookThrowsFromCancelAfterTheOtherHooks() {
        StackOverflowError thrown = new StackOverflowError("thrown by the test from an onCancel hook");
        Future<Void> f = loop.newFuture();
        List<String> ran = new ArrayList<>();
        f.onCancel(() -> ran.add("older hook"));
        f.onCancel(() -> {
            throw thrown;
        });
        f.onReady(x -> ran.add("onReady"));
        assertThatThrownBy(f::cancel).isSameAs(thrown);
        assertThat(f.isCancelled()).isTrue();
        assertThat(ran).containsExactly("older hook", "onReady");
        assertThat(loopErrors).isEmpty();
    }

    @Test
    void fatal_nestedRunsUnwindAndTheErrorIsLoggedOnce() {
        OutOfMemoryError thrown = oom("a timer inside a nested run");
        List<String> ran = new ArrayList<>();
        loop.later(() -> {
            ran.add("outer callback");
            loop.watchTimeAfter(Duration.ZERO, () -> {
                throw thrown;
            });
            loop.run(); // nested
            ran.add("not reached");
        });
        assertThatThrownBy(loop::run).isSameAs(thrown);
        assertThat(ran).containsExactly("outer callback");
        assertThat(loggedTimes(thrown)).isEqualTo(1);
        assertThat(loopErrors).isEmpty();
        assertLoopStillWorks();
    }

    @Test
    void fatal_anErrorHandlerThatRunsOutOfMemoryLeavesRun() {
        OutOfMemoryError thrown = oom("an error handler");
        Notifier n = new Notifier().onError((e, s) -> {
            throw thrown;
        });
        loop.add(n);
        n.adoptFuture(loop.newFuture().failLater("ordinary failure", "test"));
        assertThatThrownBy(loop::run).isSameAs(thrown);
        assertThat(loopErrors).isEmpty();
        assertLoopStillWorks();
    }

    @Test
    void fatal_aFatalErrorDuringCloseStillClosesTheLoop() {
        OutOfMemoryError thrown = oom("a close hook");
        boolean[] second = {false};
        loop.onClose(() -> {
            throw thrown;
        });
        loop.onClose(() -> second[0] = true);
        Notifier n = new Notifier();
        loop.add(n);
        loop.watchTimeAfter(Duration.ofHours(1), () -> { });
        assertThatThrownBy(loop::close).isSameAs(thrown);
        assertThat(loop.isClosed()).isTrue();
        assertThat(second[0]).isTrue();
        assertThat(n.loop()).isNull();
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void fatal_ordinaryExceptionsAndNonFatalErrorsStillGoToTheHandlers() {
        List<Throwable> handled = new ArrayList<>();
        Countdown c = new Countdown(Duration.ZERO, () -> {
            throw new AssertionError("an Error, but not a VirtualMachineError");
        });
        c.onError((e, s) -> handled.add(e.getCause()));
        loop.add(c);
        c.start();
        loop.later(() -> {
            throw new IllegalStateException("ordinary");
        });
        Future<Void> f = loop.newFuture();
        f.onReady(x -> {
            throw new LinkageError("not fatal either");
        });
        loop.later(() -> f.done(null));
        runUntil(loop, () -> handled.size() == 1 && loopErrors.size() == 2, "the three errors to be routed");
        assertThat(handled).singleElement().isInstanceOf(AssertionError.class);
        assertThat(drainLoopErrors()).extracting(Throwable::getMessage)
                .containsExactlyInAnyOrder("ordinary", "not fatal either");
    }
}
