package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.process.ChildResult;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import dev.ioasync.process.PidWatch;
import dev.ioasync.process.Process;
import dev.ioasync.stream.ReadResult;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IO::Async::Process, IO::Async::PID and the loop's child helpers, with real child processes.
 */
public abstract class ProcessTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ProcessTck() {
    }

    /** A directory of the test's own. */
    @TempDir
    protected Path dir;

    private static String text(Future<byte[]> f) {
        return new String(f.get(), StandardCharsets.UTF_8);
    }

    /** {@return the live threads that pump child pipes} */
    static long pumpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ioasync-pump-") && t.isAlive()).count();
    }

    // ------------------------------------------------------------ Process

    @Test
    void process_stdoutIsAStreamAndTheExitFutureHasTheCode() {
        Process p = loop.openProcess(Command.of("echo", "hello"));
        Future<byte[]> out = p.stdout().readUntilEof();
        Future<ExitStatus> exit = awaitReady(p.exitFuture());
        assertThat(exit.get()).isEqualTo(ExitStatus.exited(0));
        assertThat(text(out)).isEqualTo("hello\n");
        assertThat(p.isExited()).isTrue();
        assertThat(loop.notifiers()).as("a finished process removes itself").doesNotContain(p);
    }

    @Test
    void process_onFinishComesAfterAllOutputWithTheExitCode() {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<String> order = new ArrayList<>();
        Process p = new Process(Command.shell("echo out; echo err >&2; exit 3"));
        p.stdout().onRead((s, buf, eof) -> {
            out.append(new String(buf.takeAll(), StandardCharsets.UTF_8));
            return ReadResult.WAIT;
        });
        p.stderr().onRead((s, buf, eof) -> {
            err.append(new String(buf.takeAll(), StandardCharsets.UTF_8));
            return ReadResult.WAIT;
        });
        List<ExitStatus> finished = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        p.onFinish(st -> {
            order.add("finish with out=" + out + " err=" + err);
            finished.add(st);
            threads.add(Thread.currentThread());
        });
        loop.add(p);
        assertThat(p.pid()).isPositive();
        runUntil(loop, () -> !finished.isEmpty(), "on_finish");
        assertThat(finished).containsExactly(ExitStatus.exited(3));
        assertThat(order).containsExactly("finish with out=out\n err=err\n");
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void process_argumentsAreNotGivenToAShell() {
        Process p = loop.openProcess(Command.of("echo", "$HOME;", "*", "`id`"));
        Future<byte[]> out = p.stdout().readUntilEof();
        awaitReady(p.exitFuture());
        assertThat(text(out)).isEqualTo("$HOME; * `id`\n");
    }

    @Test
    void process_environmentAndWorkingDirectory() throws Exception {
        Path real = dir.toRealPath();
        Process p = loop.openProcess(Command.shell("echo \"$FOO|$HOME_GONE\"; pwd")
                .env("FOO", "bar baz").env("HOME_GONE", null).cwd(real));
        Future<byte[]> out = p.stdout().readUntilEof();
        awaitReady(p.exitFuture());
        assertThat(text(out)).isEqualTo("bar baz|\n" + real + "\n");
    }

    @Test
    void process_stdinStreamFeedsTheChild() {
        Process p = loop.openProcess(Command.of("cat"));
        Future<byte[]> out = p.stdout().readUntilEof();
        p.stdin().write("one\n");
        p.stdin().write("two\n");
        p.stdin().closeWhenEmpty();
        assertThat(awaitReady(p.exitFuture()).get().isSuccess()).isTrue();
        assertThat(text(out)).isEqualTo("one\ntwo\n");
    }

    @Test
    void process_handlesToAndFromFilesAndInherited() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "from a file\n");
        Path outFile = dir.resolve("out.txt");
        Future<ExitStatus> exit = loop.spawnChild(Command.of("cat").stdin(Redirect.from(in.toFile()))
                .stdout(Redirect.to(outFile.toFile())).stderr(Redirect.DISCARD));
        assertThat(awaitReady(exit).get()).isEqualTo(ExitStatus.exited(0));
        assertThat(Files.readString(outFile)).isEqualTo("from a file\n");
        Process p = new Process(Command.of("true").stdin(Redirect.INHERIT).stdout(Redirect.INHERIT)
                .stderr(Redirect.INHERIT));
        loop.add(p);
        assertThat(awaitReady(p.exitFuture()).get().isSuccess()).isTrue();
    }

    @Test
    void process_mergedStderrArrivesOnStdout() {
        Process p = loop.openProcess(Command.shell("echo a; echo b >&2").mergeStderr());
        Future<byte[]> out = p.stdout().readUntilEof();
        awaitReady(p.exitFuture());
        assertThat(text(out)).contains("a\n").contains("b\n");
    }

    @Test
    void process_killSendsTheSignal() {
        Process term = loop.openProcess(Command.of("sleep", "60"));
        awaitReady(term.kill("TERM"));
        assertThat(awaitReady(term.exitFuture()).get()).isEqualTo(ExitStatus.killed(15));
        Process usr1 = loop.openProcess(Command.of("sleep", "60"));
        Future<Void> sent = awaitReady(usr1.kill("SIGUSR1"));
        assertThat(sent.isDone()).as("kill -s USR1: " + sent).isTrue();
        ExitStatus st = awaitReady(usr1.exitFuture()).get();
        assertThat(st.isSignaled()).isTrue();
        assertThat(st.signal()).isNotEqualTo(15).isNotEqualTo(9);
        assertThat(usr1.kill("TERM").failure().category()).isEqualTo("process");
    }

    @Test
    void process_thatCannotStartFailsWithCategoryProcessAndLeavesNothing() throws Exception {
        long threadsBefore = pumpThreads();
        Process p = new Process(Command.of(dir.resolve("no-such-program").toString()));
        loop.add(p);
        Future<ExitStatus> exit = awaitReady(p.exitFuture());
        assertThat(exit.isFailed()).isTrue();
        FutureFailure why = exit.failure();
        assertThat(why.category()).isEqualTo("process");
        assertThat(why.getMessage()).contains("no-such-program").contains("No such file");
        runUntil(loop, () -> loop.notifiers().isEmpty(), "the process to remove itself");
        assertThat(p.stdout().isClosed()).isTrue();
        assertThat(pumpThreads()).isEqualTo(threadsBefore);
        assertThat(loop.watchedHandles()).isZero();

        Path notExecutable = Files.writeString(dir.resolve("script.sh"), "echo hi\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-------"));
        Future<ChildResult> r = loop.runProcess(Command.of(notExecutable.toString()), null, null);
        awaitReady(r);
        assertThat(r.failure().category()).isEqualTo("process");
        assertThat(r.failure().getMessage()).contains("Permission denied");
    }

    @Test
    void process_startFailureWithoutAnExitFutureReachesTheErrorHandler() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Process p = new Process(Command.of(dir.resolve("missing").toString()));
        p.onError((e, src) -> errors.add(e));
        loop.add(p);
        runUntil(loop, () -> !errors.isEmpty(), "the start failure to reach the error handler");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).hasMessageContaining("missing");
    }

    @Test
    void process_hundredMegabytesToASlowReaderLoseNothing() {
        AtomicLong total = new AtomicLong();
        AtomicLong nonZero = new AtomicLong();
        AtomicInteger maxBuffered = new AtomicInteger();
        Process p = new Process(Command.of("head", "-c", "100000000", "/dev/zero"));
        p.stdout().onRead((s, buf, eof) -> {
            maxBuffered.accumulateAndGet(buf.size(), Math::max);
            byte[] chunk = buf.take(Math.min(buf.size(), 32 * 1024)); // a slow reader: a little per call
            for (byte b : chunk) {
                if (b != 0) {
                    nonZero.incrementAndGet();
                }
            }
            total.addAndGet(chunk.length);
            return eof ? ReadResult.AGAIN : ReadResult.WAIT; // at end of file, take the rest too
        });
        loop.add(p);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!p.exitFuture().isReady() && System.nanoTime() < deadline) {
            loop.loopOnce(Duration.ofMillis(100));
        }
        assertThat(p.exitFuture().isReady()).as("the child finished within two minutes").isTrue();
        assertThat(p.exitFuture().get()).isEqualTo(ExitStatus.exited(0));
        assertThat(total.get()).isEqualTo(100_000_000L);
        assertThat(nonZero.get()).isZero();
        assertThat(maxBuffered.get()).as("backpressure bounds the read buffer").isLessThan(16 << 20);
    }

    @Test
    void process_childClosingStdinEarlyGivesAWriteError() {
        Process p = loop.openProcess(Command.shell("exec 0<&-; echo closed; sleep 30").killTreeOnClose(true));
        Future<String> line = p.stdout().readLine();
        awaitReady(line);
        Future<Void> w = p.stdin().write(new byte[4 << 20]);
        awaitReady(w);
        assertThat(w.isFailed()).isTrue();
        assertThat(w.failure().category()).isEqualTo("write");
        assertThat(p.isRunning()).as("the child lives on").isTrue();
        ProcessHandle child = p.handle();
        p.close();
        runUntil(loop, () -> !child.isAlive(), "the child to be killed on close");
    }

    @Test
    void process_closeKillsTheWholeTreeWhenAsked() {
        Process p = loop.openProcess(Command.shell("sleep 60 & sleep 60 & wait").killTreeOnClose(true)
                .stdout(Redirect.DISCARD).stderr(Redirect.DISCARD).stdin(Redirect.INHERIT));
        ProcessHandle root = p.handle();
        runUntil(loop, () -> root.descendants().count() >= 2, "the shell's two children");
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        p.close();
        runUntil(loop, () -> tree.stream().noneMatch(ProcessHandle::isAlive), "the whole tree to die");
        assertThat(loop.notifiers()).doesNotContain(p);
    }

    // ------------------------------------------------------------ loop helpers

    @Test
    void runProcess_collectsOutputErrorsAndStatus() {
        Future<ChildResult> f = loop.runProcess(Command.shell("cat; echo oops >&2; exit 4"),
                "given input".getBytes(StandardCharsets.UTF_8), null);
        ChildResult r = awaitReady(f).get();
        assertThat(r.status()).isEqualTo(ExitStatus.exited(4));
        assertThat(r.stdoutText()).isEqualTo("given input");
        assertThat(r.stderrText()).isEqualTo("oops\n");
    }

    @Test
    void runProcess_timeoutKillsTheChild() {
        Future<ChildResult> f = loop.runProcess(Command.of("sleep", "60"), null, Duration.ofMillis(200));
        awaitReady(f);
        assertThat(f.failure().category()).isEqualTo("timeout");
        ChildResult partial = (ChildResult) f.failure().details().get(0);
        assertThat(partial.status().isSignaled()).isTrue();
    }

    @Test
    void runProcess_childThatIgnoresItsInputIsNoError() {
        Future<ChildResult> f = loop.runProcess(Command.of("true"), new byte[1 << 20], null);
        assertThat(awaitReady(f).get().status()).isEqualTo(ExitStatus.exited(0));
    }

    @Test
    void runChild_givesTheResultToTheCallback() {
        List<ChildResult> got = new ArrayList<>();
        loop.runChild(Command.of("echo", "x"), null, got::add);
        runUntil(loop, () -> !got.isEmpty(), "run_child's callback");
        assertThat(got.get(0).status().isSuccess()).isTrue();
        assertThat(got.get(0).stdoutText()).isEqualTo("x\n");
    }

    @Test
    void runProcess_listsADirectoryWithLs() throws Exception {
        Files.writeString(dir.resolve("alpha"), "a");
        Files.writeString(dir.resolve("beta"), "b");
        ChildResult r = awaitReady(loop.runProcess(Command.of("ls", dir.toString()), null, null)).get();
        assertThat(r.stdoutText()).isEqualTo("alpha\nbeta\n");
    }

    @Test
    void spawnChild_givesTheExitStatus() {
        assertThat(awaitReady(loop.spawnChild(Command.shell("exit 7"))).get()).isEqualTo(ExitStatus.exited(7));
        Future<ExitStatus> missing = awaitReady(loop.spawnChild(Command.of(dir.resolve("nope").toString())));
        assertThat(missing.failure().category()).isEqualTo("process");
    }

    // ------------------------------------------------------------ PidWatch

    @Test
    void pidWatch_reportsTheExitOfAChildOnTheLoopThread() throws Exception {
        java.lang.Process child = new ProcessBuilder("sh", "-c", "exit 5").start();
        List<ExitStatus> got = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        PidWatch w = new PidWatch(child).onExit(s -> {
            got.add(s);
            threads.add(Thread.currentThread());
        });
        loop.add(w);
        assertThat(w.pid()).isEqualTo(child.pid());
        runUntil(loop, () -> !got.isEmpty(), "on_exit");
        assertThat(got).containsExactly(ExitStatus.exited(5));
        assertThat(threads).containsOnly(Thread.currentThread());
        assertThat(loop.notifiers()).as("a PidWatch removes itself").doesNotContain(w);
    }

    @Test
    void pidWatch_ofAKilledChildGivesTheSignal() throws Exception {
        java.lang.Process child = new ProcessBuilder("sleep", "60").start();
        List<ExitStatus> got = new ArrayList<>();
        loop.add(new PidWatch(child).onExit(got::add));
        child.destroyForcibly();
        runUntil(loop, () -> !got.isEmpty(), "on_exit");
        assertThat(got).containsExactly(ExitStatus.killed(9));
    }

    @Test
    void pidWatch_byHandleOfAProcessNotStartedHereSeesTheExitWithUnknownStatus() throws Exception {
        java.lang.Process child = new ProcessBuilder("true").start();
        List<ExitStatus> got = new ArrayList<>();
        PidWatch w = new PidWatch(child.toHandle()).onExit(got::add);
        assertThat(w.isStatusKnown()).isFalse();
        loop.add(w);
        runUntil(loop, () -> !got.isEmpty(), "on_exit");
        assertThat(got).containsExactly(ExitStatus.UNKNOWN);
        assertThat(got.get(0).isKnown()).isFalse();
    }
}
