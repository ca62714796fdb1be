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
 * {@code watch_process}). Each returns at once; results come on the loop thread, and every
 * future they return is bound to the loop (its {@link Future#get()} on the loop thread runs the
 * loop). A child's output is read to its real end of file: what a grandchild still holding the
 * child's standard output or error writes after the child exited is collected too.
 */
public final class ChildManager {

    private ChildManager() {
    }

    /**
     * Watches a child's exit (IO::Async's {@code watch_process}): adds a {@link PidWatch} to the
     * loop; the status given to {@code onExit} has the exit code or the signal.
     *
     * @param loop the loop
     * @param process the child
     * @param onExit run with the exit status on the loop thread
     * @return the watch; remove it from the loop to stop watching
     */
    public static PidWatch watchChild(Loop loop, java.lang.Process process, Consumer<ExitStatus> onExit) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(onExit, "onExit");
        PidWatch w = new PidWatch(process).onExit(onExit);
        loop.add(w);
        return w;
    }

    /**
     * Watches a child's exit by its handle (IO::Async's {@code watch_process} with a pid). The
     * handle must name a child whose exit status this JVM can read: one this library started (a
     * {@link Process}, {@code spawnChild}, {@code runProcess}, {@code openProcess}...) or one
     * whose {@link java.lang.Process} was given to {@link #watchChild(Loop, java.lang.Process,
     * Consumer)} or a {@link PidWatch} before.
     *
     * @param loop the loop
     * @param process the child's handle
     * @param onExit run with the exit status (code or signal) on the loop thread
     * @return the watch; remove it from the loop to stop watching
     * @throws IllegalArgumentException when the handle names another process: the JDK gives a
     *     process's exit status only through the {@link java.lang.Process} that started it, so
     *     its status could not be reported; pass that {@link java.lang.Process} instead, or watch
     *     the bare exit with {@code new PidWatch(handle)} (status {@link ExitStatus#UNKNOWN})
     */
    public static PidWatch watchChild(Loop loop, ProcessHandle process, Consumer<ExitStatus> onExit) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(onExit, "onExit");
        java.lang.Process child = ChildRegistry.find(process).orElseThrow(() -> new IllegalArgumentException(
                "cannot watch process " + process.pid() + " as a child: it was not started through ioasync"
                + " (Process, Command, spawnChild, runProcess) nor handed to it as a java.lang.Process, and the"
                + " JDK gives a process's exit status only through the java.lang.Process that started it;"
                + " pass that java.lang.Process to watchChild, or use new PidWatch(handle) to see the exit"
                + " without its status"));
        return watchChild(loop, child, onExit);
    }

    /**
     * Starts a {@link Process} and adds it to the loop (IO::Async's {@code open_process}).
     *
     * @param loop the loop
     * @param command what to run
     * @return the running process, with its streams
     */
    public static Process openProcess(Loop loop, Command command) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(command, "command");
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
        Objects.requireNonNull(loop, "loop");
        Command c = Objects.requireNonNull(command, "command").copy();
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
        loop.add(p);
        return p.exitFuture();
    }

    /**
     * Runs a child to its end, collecting its output (IO::Async's {@code run_process}). Its
     * standard input receives {@code stdin} and then end of file; its standard output and error
     * are read to their real ends, after the child's exit too while a grandchild holds them
     * (standard error lands in {@code stdout} when the command merges it). A child that stops
     * reading its input early is no error: the rest of the input is dropped.
     *
     * @param loop the loop
     * @param command what to run; its redirects are replaced by pipes
     * @param stdin bytes for the child's standard input, or {@code null} for none
     * @param timeout after which the child and its descendants are killed ({@code SIGKILL}) and
     *     the future fails with category {@code timeout}; {@code null} for none
     * @return the result; fails with category {@code process} when the command cannot start.
     *     Cancelling it sends {@code SIGTERM} to the child (run_process's default
     *     {@code cancel_signal})
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
     *     failed), or {@code null}; the place to change its streams' limits, e.g.
     *     {@code p -> p.stdout().readLimit(0)} to collect more than the default 16 MiB of output
     * @return the result; fails with category {@code process} when the command cannot start, and
     *     with category {@code read-limit} when its output passed a stream's read limit
     */
    public static Future<ChildResult> runProcess(Loop loop, Command command, byte[] stdin, Duration timeout,
            Consumer<Process> onStart) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(command, "command");
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        Command c = command.copy().stdin(Redirect.PIPE).stdout(Redirect.PIPE).stderr(Redirect.PIPE);
        Process p = new Process(c);
        p.stdin().onWriteError(e -> p.stdin().close());
        loop.add(p);
        // asked once the streams are in the loop, so that these futures are bound to it too; nothing
        // is read before the loop next runs
        Future<ExitStatus> exit = p.exitFuture();
        // a read error or the read limit reaches the caller through these futures (and so the
        // result), not the error handlers as well
        p.stdout().onReadError(e -> p.stdout().close());
        if (!c.isStderrMerged()) {
            p.stderr().onReadError(e -> p.stderr().close());
        }
        Future<byte[]> out = p.stdout().readUntilEof().observe();
        Future<byte[]> err = c.isStderrMerged() ? loop.<byte[]>newFuture().done(new byte[0])
                : p.stderr().readUntilEof().observe();
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
            ChildResult r = new ChildResult(e.value(), orEmpty(out), orEmpty(err), p.pid());
            Future<byte[]> cut = out.isFailed() ? out : err.isFailed() ? err : null;
            if (cut != null && "read-limit".equals(cut.failure().category())) {
                result.fail(c + ": its output passed the stream read limit (raise it with "
                        + "onStart: p -> p.stdout().readLimit(bytes)): " + cut.failure().getMessage(),
                        "read-limit", r);
            } else if (timedOut[0]) {
                result.fail(c + " timed out after " + timeout + " and was killed", "timeout", r);
            } else {
                result.done(r);
            }
        });
        result.onCancel(() -> {
            if (timer != null) {
                timer.cancel();
            }
            ProcessHandle h = p.handle();
            if (h != null && h.isAlive()) {
                h.destroy(); // run_process's cancel_signal, TERM by default, to the child
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
     * @param onFinish run with the result on the loop thread, or {@code null} to use only the
     *     returned future
     * @return the same result as a future; a start failure fails it (and is not given to
     *     {@code onFinish})
     */
    public static Future<ChildResult> runChild(Loop loop, Command command, byte[] stdin,
            Consumer<ChildResult> onFinish) {
        Future<ChildResult> f = runProcess(loop, command, stdin, null);
        return onFinish == null ? f : f.onDone(onFinish);
    }

    private static byte[] orEmpty(Future<byte[]> f) {
        return f.isDone() && f.value() != null ? f.value() : new byte[0];
    }
}
