package dev.ioasync.process;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The loop's child-process helpers (IO::Async::ChildManager and IO::Async::Loop's
 * {@code spawn_child}, {@code run_child}, {@code run_process}, {@code open_process},
 * {@code watch_process}). Each returns at once; results come on the loop thread.
 */
public final class ChildManager {

    private ChildManager() {
    }

    /**
     * Watches a process's exit (IO::Async's {@code watch_process}): adds a {@link PidWatch} to
     * the loop.
     *
     * @param loop the loop
     * @param process the process
     * @param onExit run with the exit status on the loop thread
     * @return the watch; remove it from the loop to stop watching
     */
    public static PidWatch watchChild(Loop loop, ProcessHandle process, Consumer<ExitStatus> onExit) {
        PidWatch w = new PidWatch(process).onExit(onExit);
        loop.add(w);
        return w;
    }

    /**
     * Starts a {@link Process} and adds it to the loop (IO::Async's {@code open_process}).
     *
     * @param loop the loop
     * @param command what to run
     * @return the running process, with its streams
     */
    public static Process openProcess(Loop loop, Command command) {
        Process p = new Process(command);
        loop.add(p);
        return p;
    }

    /**
     * Starts a child whose standard handles are not piped (IO::Async's {@code spawn_child}):
     * each handle the command pipes is inherited instead.
     *
     * @param loop the loop
     * @param command what to run
     * @return its exit status; fails with category {@code process} when it cannot start
     */
    public static Future<ExitStatus> spawnChild(Loop loop, Command command) {
        Command c = command.copy();
        if (c.stdin().type() == Redirect.Type.PIPE) {
            c.stdin(Redirect.INHERIT);
        }
        if (c.stdout().type() == Redirect.Type.PIPE) {
            c.stdout(Redirect.INHERIT);
        }
        if (c.stderr().type() == Redirect.Type.PIPE) {
            c.stderr(Redirect.INHERIT);
        }
        Process p = new Process(c);
        Future<ExitStatus> exit = p.exitFuture();
        loop.add(p);
        return exit;
    }

    /**
     * Runs a child to its end, collecting its output (IO::Async's {@code run_process}). Its
     * standard input receives {@code stdin} and then end of file; its standard output and error
     * are read to their ends (standard error lands in {@code stdout} when the command merges it).
     * A child that stops reading its input early is no error: the rest of the input is dropped.
     *
     * @param loop the loop
     * @param command what to run; its redirects are replaced by pipes
     * @param stdin bytes for the child's standard input, or {@code null} for none
     * @param timeout after which the child is killed ({@code SIGKILL}) and the future fails with
     *     category {@code timeout}; {@code null} for none
     * @return the result; fails with category {@code process} when the command cannot start
     */
    public static Future<ChildResult> runProcess(Loop loop, Command command, byte[] stdin, Duration timeout) {
        return runProcess(loop, command, stdin, timeout, null);
    }

    /**
     * As {@link #runProcess(Loop, Command, byte[], Duration)}, also handing the started
     * {@link Process} to {@code onStart}, for example to forward a signal to it.
     *
     * @param loop the loop
     * @param command what to run; its redirects are replaced by pipes
     * @param stdin bytes for the child's standard input, or {@code null} for none
     * @param timeout after which the child is killed, or {@code null}
     * @param onStart given the process once it is added to the loop (and started, unless the start
     *     failed), or {@code null}
     * @return the result; fails with category {@code process} when the command cannot start
     */
    public static Future<ChildResult> runProcess(Loop loop, Command command, byte[] stdin, Duration timeout,
            Consumer<Process> onStart) {
        Command c = command.copy().stdin(Redirect.PIPE).stdout(Redirect.PIPE).stderr(Redirect.PIPE);
        Process p = new Process(c);
        Future<ExitStatus> exit = p.exitFuture();
        Future<byte[]> out = p.stdout().readUntilEof().observe();
        Future<byte[]> err = c.isStderrMerged() ? Future.doneFuture(new byte[0]) : p.stderr().readUntilEof().observe();
        p.stdin().onWriteError(e -> p.stdin().close());
        loop.add(p);
        if (onStart != null) {
            onStart.accept(p);
        }
        if (stdin != null && stdin.length > 0) {
            p.stdin().write(stdin).observe();
        }
        p.stdin().closeWhenEmpty();
        boolean[] timedOut = new boolean[1];
        Cancellable timer = timeout == null ? null : loop.watchTimeAfter(timeout, () -> {
            timedOut[0] = true;
            if (p.handle() != null) {
                ProcessSignals.killTree(p.handle());
            }
        });
        Future<ChildResult> result = loop.newFuture();
        exit.onReady(e -> {
            if (timer != null) {
                timer.cancel();
            }
            if (!e.isDone()) {
                result.fail(e.failure().getMessage(), e.failure().category(), e.failure().details().toArray());
                return;
            }
            ChildResult r = new ChildResult(e.value(), orEmpty(out), orEmpty(err));
            if (timedOut[0]) {
                result.fail(c + " timed out after " + timeout + " and was killed", "timeout", r);
            } else {
                result.done(r);
            }
        });
        result.onCancel(() -> {
            if (p.handle() != null && p.isRunning()) {
                ProcessSignals.killTree(p.handle());
            }
        });
        return result;
    }

    /**
     * Runs a child to its end and passes the result to a callback (IO::Async's
     * {@code run_child}); as {@link #runProcess} with no timeout.
     *
     * @param loop the loop
     * @param command what to run
     * @param stdin bytes for the child's standard input, or {@code null}
     * @param onFinish run with the result on the loop thread
     * @return the same result as a future; a start failure fails it (and is not given to
     *     {@code onFinish})
     */
    public static Future<ChildResult> runChild(Loop loop, Command command, byte[] stdin,
            Consumer<ChildResult> onFinish) {
        Objects.requireNonNull(onFinish, "onFinish");
        return runProcess(loop, command, stdin, null).onDone(onFinish);
    }

    private static byte[] orEmpty(Future<byte[]> f) {
        return f.isDone() && f.value() != null ? f.value() : new byte[0];
    }
}
