package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.process.ChildResult;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import dev.ioasync.process.PidWatch;
import dev.ioasync.process.Process;
import dev.ioasync.stream.ReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IO::Async::Process, IO::Async::PID and the loop's child helpers where they must behave exactly
 * as IO::Async does: a child's output is read to its real end of file, after the child's exit
 * too while a grandchild still holds it, before {@code on_finish}; every way of watching a child
 * gives its exit code or signal; a failed start goes to {@code on_exception} before the exit
 * future; {@code is_exited} and {@code is_running} mean what they mean there; and bad arguments
 * fail with a message naming the parameter.
 *
 * <p>The children sleep (a grandchild writing late is the point); the tests never do: they wait
 * on futures and events, bounded by {@link #WAIT}.
 */
public abstract class ProcessFidelityTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ProcessFidelityTck() {
    }

    /** A directory of the test's own. */
    @TempDir
    protected Path dir;

    /** The child exits at once; the grandchild it leaves behind writes to its stdout 0.3 s later. */
    static final String LATE_STDOUT = "(sleep 0.3; echo late) & echo early";

    /** The same on standard error. */
    static final String LATE_STDERR = "(sleep 0.3; echo late >&2) & echo early >&2";

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------ output read to the real end of file

    @Test
    void process_readsWhatAGrandchildWritesToStdoutAfterTheChildExited() {
        Process p = new Process(Command.shell(LATE_STDOUT));
        StringBuilder out = new StringBuilder();
        p.stdout().onRead((s, buf, eof) -> {
            out.append(text(buf.takeAll()));
            return ReadResult.WAIT;
        });
        List<String> atFinish = new ArrayList<>();
        p.onFinish(st -> atFinish.add(st + ": " + out));
        loop.add(p);
        Future<ExitStatus> exit = awaitReady(p.exitFuture());
        assertThat(exit.get()).isEqualTo(ExitStatus.exited(0));
        assertThat(atFinish).as("on_finish comes after the grandchild's output").containsExactly("exit 0: early\nlate\n");
    }

    @Test
    void process_readsWhatAGrandchildWritesToStderrAfterTheChildExited() {
        // several at once, so that a start that loses a race with the child's exit would show
        List<Process> ps = new ArrayList<>();
        List<Future<byte[]>> errs = new ArrayList<>();
        List<Future<byte[]>> outs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Process p = loop.openProcess(Command.shell(LATE_STDERR));
            ps.add(p);
            errs.add(p.stderr().readUntilEof());
            outs.add(p.stdout().readUntilEof());
        }
        for (int i = 0; i < ps.size(); i++) {
            awaitReady(ps.get(i).exitFuture());
            assertThat(errs.get(i).isDone()).as("stderr was read to its end before the exit future").isTrue();
            assertThat(text(errs.get(i).get())).as("child " + i).isEqualTo("early\nlate\n");
            assertThat(text(outs.get(i).get())).isEmpty();
        }
    }

    @Test
    void process_mergedStderrOfAGrandchildIsReadToo() {
        Process p = loop.openProcess(Command.shell("(sleep 0.3; echo late >&2) & echo early").mergeStderr());
        Future<byte[]> out = p.stdout().readUntilEof();
        awaitReady(p.exitFuture());
        assertThat(text(out.get())).isEqualTo("early\nlate\n");
    }

    @Test
    void process_staysRunningAfterTheExitUntilTheGrandchildsOutputIsRead() throws Exception {
        // The grandchild writes only once the test has seen the child's exit and opens a gate
        // (a file the grandchild waits for), so the exit is certainly known while the late output
        // is still to come.
        Process p = new Process(Command.shell("(while [ ! -e gate ]; do sleep 0.01; done; echo late) & echo early")
                .cwd(dir));
        StringBuilder out = new StringBuilder();
        p.stdout().onRead((s, buf, eof) -> {
            out.append(text(buf.takeAll()));
            return ReadResult.WAIT;
        });
        List<String> finish = new ArrayList<>();
        p.onFinish(st -> finish.add("on_finish with " + out + "running=" + p.isRunning()));
        loop.add(p);
        assertThat(p.isRunning()).isTrue();
        runUntil(loop, () -> p.exitStatus() != null, "the child's exit");
        assertThat(p.isRunning()).as("running until the output is read to its end").isTrue();
        assertThat(p.isExited()).isTrue();
        assertThat(p.exitFuture().isReady()).isFalse();
        assertThat(finish).isEmpty();
        java.nio.file.Files.createFile(dir.resolve("gate"));
        awaitReady(p.exitFuture());
        assertThat(finish).containsExactly("on_finish with early\nlate\nrunning=false");
        assertThat(p.isRunning()).isFalse();
    }

    @Test
    void runProcess_collectsWhatAGrandchildWritesAfterTheChildExited() {
        for (int i = 0; i < 3; i++) {
            Future<ChildResult> f = loop.runProcess(
                    Command.shell("(sleep 0.3; echo late; echo late-err >&2) & echo early; echo early-err >&2; exit 2"),
                    null, null);
            ChildResult r = awaitReady(f).get();
            assertThat(r.status()).isEqualTo(ExitStatus.exited(2));
            assertThat(r.stdoutText()).as("round " + i).isEqualTo("early\nlate\n");
            assertThat(r.stderrText()).as("round " + i).isEqualTo("early-err\nlate-err\n");
        }
    }

    @Test
    void runProcess_outputPastTheReadLimitFailsWithReadLimitUnlessTheLimitIsRaised() {
        // 17 MiB of output: past the default 16 MiB read limit of the child's stdout stream
        Command big = Command.of("head", "-c", String.valueOf(17 << 20), "/dev/zero");
        Future<ChildResult> capped = loop.runProcess(big, null, null);
        awaitReady(capped);
        assertThat(capped.isFailed()).isTrue();
        assertThat(capped.failure().category()).isEqualTo("read-limit");
        assertThat(capped.failure().getMessage()).contains("readLimit");

        Future<ChildResult> raised = dev.ioasync.process.ChildManager.runProcess(loop, big, null, null,
                p -> p.stdout().readLimit(0));
        assertThat(awaitReady(raised).get().stdout()).hasSize(17 << 20);
    }

    @Test
    void runChild_collectsWhatAGrandchildWritesAfterTheChildExited() {
        List<ChildResult> got = new ArrayList<>();
        Future<ChildResult> f = loop.runChild(Command.shell(LATE_STDOUT), null, got::add);
        awaitReady(f);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).stdoutText()).isEqualTo("early\nlate\n");
        assertThat(got.get(0).pid()).isPositive();
    }

    // ------------------------------------------------------------ exit status on every path

    @Test
    void everyWayOfWatchingAChildGivesItsExitCode() throws Exception {
        assertThat(statusOnEveryPath("exit 3")).allSatisfy((path, status) ->
                assertThat(status).as(path).isEqualTo(ExitStatus.exited(3)));
    }

    @Test
    void everyWayOfWatchingAChildGivesTheSignalThatKilledIt() throws Exception {
        assertThat(statusOnEveryPath("kill -TERM $$")).allSatisfy((path, status) ->
                assertThat(status).as(path).isEqualTo(ExitStatus.killed(15)));
    }

    private Map<String, ExitStatus> statusOnEveryPath(String script) throws IOException {
        Map<String, Future<ExitStatus>> paths = new LinkedHashMap<>();

        Future<ExitStatus> onFinish = loop.newFuture();
        Process p = new Process(Command.shell(script)).onFinish(onFinish::done);
        loop.add(p);
        paths.put("Process.exitFuture", p.exitFuture());
        paths.put("Process.onFinish", onFinish);
        paths.put("loop.watchChild(handle of a Process)", watch(w -> loop.watchChild(p.handle(), w)));
        paths.put("new PidWatch(handle of a Process)", watch(w -> loop.add(new PidWatch(p.handle()).onExit(w))));
        paths.put("PidWatch.of(pid of a Process)", watch(w -> loop.add(PidWatch.of(p.pid()).onExit(w))));

        paths.put("loop.spawnChild", loop.spawnChild(Command.shell(script)));
        paths.put("loop.runProcess", loop.runProcess(Command.shell(script), null, null).transform(ChildResult::status));
        Future<ExitStatus> runChild = loop.newFuture();
        loop.runChild(Command.shell(script), null, r -> runChild.done(r.status()));
        paths.put("loop.runChild", runChild);
        Process opened = loop.openProcess(Command.shell(script));
        paths.put("loop.openProcess", opened.exitFuture());

        java.lang.Process plain = new ProcessBuilder("sh", "-c", script).start();
        paths.put("loop.watchChild(java.lang.Process)", watch(w -> loop.watchChild(plain, w)));
        paths.put("loop.watchChild(handle of a watched java.lang.Process)",
                watch(w -> loop.watchChild(plain.toHandle(), w)));
        java.lang.Process other = new ProcessBuilder("sh", "-c", script).start();
        paths.put("new PidWatch(java.lang.Process)", watch(w -> loop.add(new PidWatch(other).onExit(w))));

        runUntil(loop, () -> paths.values().stream().allMatch(Future::isReady), "every path to report the exit");
        // a handle kept after the child finished still maps back to its status
        paths.put("loop.watchChild(handle of a finished Process)", watch(w -> loop.watchChild(p.handle(), w)));
        runUntil(loop, () -> paths.values().stream().allMatch(Future::isReady), "the late watch");

        Map<String, ExitStatus> got = new LinkedHashMap<>();
        paths.forEach((path, f) -> got.put(path, f.get()));
        return got;
    }

    private Future<ExitStatus> watch(Consumer<Consumer<ExitStatus>> start) {
        Future<ExitStatus> f = loop.newFuture();
        start.accept(f::done);
        return f;
    }

    @Test
    void watchChild_byTheHandleOfAProcessItCannotReadIsRefusedWithTheReason() throws Exception {
        java.lang.Process stranger = new ProcessBuilder("sh", "-c", "exit 3").start();
        assertThatThrownBy(() -> loop.watchChild(stranger.toHandle(), s -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(stranger.pid()))
                .hasMessageContaining("java.lang.Process")
                .hasMessageContaining("PidWatch");
        assertThat(loop.notifiers()).isEmpty();
        assertThatThrownBy(() -> loop.watchChild(ProcessHandle.current(), s -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(ProcessHandle.current().pid()));
        stranger.waitFor();
    }

    @Test
    void pidWatch_killSignalsTheWatchedChildByNameOrNumber() throws Exception {
        java.lang.Process child = new ProcessBuilder("sleep", "60").start();
        List<ExitStatus> got = new ArrayList<>();
        PidWatch w = loop.watchChild(child, got::add);
        Future<Void> sent = awaitReady(w.kill("15"));
        assertThat(sent.isDone()).as(String.valueOf(sent)).isTrue();
        assertThat(sent.loop()).isSameAs(loop);
        runUntil(loop, () -> !got.isEmpty(), "on_exit");
        assertThat(got).containsExactly(ExitStatus.killed(15));
        Process p = loop.openProcess(Command.of("sleep", "60"));
        awaitReady(p.kill("SIGINT"));
        assertThat(awaitReady(p.exitFuture()).get()).isEqualTo(ExitStatus.killed(2));
        assertThatThrownBy(() -> new PidWatch(child).kill("TERM")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no loop");
    }

    // ------------------------------------------------------------ is_exited, on_exception, exit future

    @Test
    void isExited_meansANormalExitAsInIoAsync() {
        Process exited = loop.openProcess(Command.shell("exit 3"));
        Process killed = loop.openProcess(Command.shell("kill -TERM $$"));
        assertThat(exited.isExited()).as("not yet").isFalse();
        awaitReady(exited.exitFuture());
        awaitReady(killed.exitFuture());
        assertThat(exited.isExited()).isTrue();
        assertThat(exited.exitStatus().code()).isEqualTo(3);
        assertThat(exited.exitStatus().waitStatus()).as("the raw wait status, $exitcode").isEqualTo(3 << 8);
        assertThat(killed.isExited()).as("a signal is no exit(2)").isFalse();
        assertThat(killed.exitStatus().signal()).isEqualTo(15);
        assertThat(killed.exitStatus().waitStatus()).isEqualTo(15);
    }

    @Test
    void process_thatCannotStartGoesToOnExceptionBeforeTheExitFutureAndNotToOnFinish() {
        List<String> order = new ArrayList<>();
        Process p = new Process(Command.of(dir.resolve("no-such-program").toString()))
                .onFinish(st -> order.add("on_finish"))
                .onException(e -> order.add("on_exception: " + e.getMessage()));
        p.onError((e, src) -> order.add("error handler"));
        loop.add(p);
        p.exitFuture().onReady(f -> order.add("exit future " + f.state()));
        awaitReady(p.exitFuture());
        assertThat(order).hasSize(2);
        assertThat(order.get(0)).startsWith("on_exception: cannot start").contains("no-such-program");
        assertThat(order.get(1)).isEqualTo("exit future failed");
        assertThat(p.exitFuture().failure().category()).isEqualTo("process");
        assertThat(p.isRunning()).isFalse();
    }

    @Test
    void exitFuture_beforeTheProcessIsInALoopIsRefused() {
        Process p = new Process(Command.of("true"));
        assertThatThrownBy(p::exitFuture).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("added to a loop");
        loop.add(p);
        assertThat(awaitReady(p.exitFuture()).get()).isEqualTo(ExitStatus.exited(0));
        assertThat(p.exitFuture().loop()).isSameAs(loop);
    }

    @Test
    void runProcess_cancelledSendsSigtermToTheChild() {
        List<Process> started = new ArrayList<>();
        Future<ChildResult> f = dev.ioasync.process.ChildManager.runProcess(loop, Command.of("sleep", "60"), null,
                null, started::add);
        assertThat(started).hasSize(1);
        Process p = started.get(0);
        f.cancel();
        assertThat(awaitReady(p.exitFuture()).get()).as("cancel_signal TERM").isEqualTo(ExitStatus.killed(15));
        assertThat(f.isCancelled()).isTrue();
    }

    // ------------------------------------------------------------ arguments

    @Test
    void runChild_withoutOnFinishGivesOnlyTheFuture() {
        Future<ChildResult> f = loop.runChild(Command.of("echo", "only the future"), null, null);
        assertThat(awaitReady(f).get().stdoutText()).isEqualTo("only the future\n");
    }

    @Test
    void nullArgumentsFailWithTheParametersName() {
        assertNullNamed(() -> loop.runChild(null, null, r -> { }), "command");
        assertNullNamed(() -> loop.runProcess(null, null, null), "command");
        assertNullNamed(() -> loop.spawnChild(null), "command");
        assertNullNamed(() -> loop.openProcess(null), "command");
        assertNullNamed(() -> loop.watchChild((ProcessHandle) null, s -> { }), "process");
        assertNullNamed(() -> loop.watchChild((java.lang.Process) null, s -> { }), "process");
        assertNullNamed(() -> loop.watchChild(ProcessHandle.current(), null), "onExit");
        assertNullNamed(() -> new Process(null), "command");
        assertNullNamed(() -> new PidWatch((ProcessHandle) null), "handle");
        assertNullNamed(() -> new PidWatch((java.lang.Process) null), "process");
        assertNullNamed(() -> Command.of((String[]) null), "argv");
        assertNullNamed(() -> Command.of("echo", null), "argument 1");
        assertNullNamed(() -> Command.of((List<String>) null), "argv");
        assertNullNamed(() -> Command.shell(null), "script");
        assertNullNamed(() -> Command.of("true").stdout(null), "to");
        Process p = loop.openProcess(Command.of("true"));
        assertNullNamed(() -> p.kill(null), "signal");
        awaitReady(p.exitFuture());
        assertThat(loop.notifiers()).isEmpty();
    }

    private static void assertNullNamed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessageContaining(name);
    }
}
