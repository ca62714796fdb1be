package dev.ioasync.process;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.io.PipePair;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A child process running a command, with its standard handles as streams
 * (IO::Async::Process).
 *
 * <p>The child starts when the notifier is added to a loop. Each handle the {@link Command}
 * pipes ({@link Redirect#PIPE}, the default) is a {@link Stream} child of this notifier, made at
 * once so that it can be configured before the start: {@link #stdin()} is write-only,
 * {@link #stdout()} and {@link #stderr()} are read-only. {@code on_finish} runs, and
 * {@link #exitFuture()} is done, once the child has exited <em>and</em> its output streams have
 * reached its real end of file (or been closed), so that everything it wrote has been read: a
 * grandchild that still holds the child's standard output or error after the child exited is
 * waited for, and what it writes is read, as IO::Async does. Then the notifier closes its stdin
 * stream and removes itself from its parent or loop. {@code on_finish} runs before the exit
 * future is done. The child's standard input pipe, unlike its outputs, ends with the child: at
 * its exit the pipe is closed (a descendant that inherited it reads end of file), and what is
 * still written to {@link #stdin()} fails with a write error.
 *
 * <p>A command that cannot start (no such program, not executable, no such directory) is
 * reported at the next loop iteration, as IO::Async reports a failed {@code exec}: first to
 * {@code on_exception} ({@link #onException}), then the exit future fails with category
 * {@code process} and the reason; no pipe or thread is left behind. When there is no
 * {@code on_exception} and nobody asked for the exit future, the failure goes to the error
 * handlers instead.
 *
 * <p>{@link #kill(String)} sends a signal. With {@link Command#killTreeOnClose(boolean)},
 * {@link #close()} and removal from the loop kill the child and all its descendants.
 *
 * <p>Thread rules: as for every notifier, all of it happens on the loop thread.
 */
public class Process extends Notifier {

    private final Command command;
    private final Stream stdin;
    private final Stream stdout;
    private final Stream stderr;
    private final List<Pump> pumps = new ArrayList<>(3);
    private java.lang.Process child;
    private Future<ExitStatus> exitFuture;
    private boolean exitFutureAsked;
    private Consumer<ExitStatus> onFinish;
    private Consumer<IOException> onException;
    private Loop ranOn;
    private ExitStatus status;
    private int openOutputs;
    private boolean finished;

    /**
     * Creates a process notifier; the child starts when it is added to a loop.
     *
     * @param command what to run (copied)
     */
    @SuppressWarnings("this-escape") // addChild only links the streams into the tree; no loop is reachable yet
    public Process(Command command) {
        this.command = Objects.requireNonNull(command, "command").copy();
        this.stdin = piped(this.command.stdin(), "stdin");
        this.stdout = piped(this.command.stdout(), "stdout");
        this.stderr = this.command.isStderrMerged() ? null : piped(this.command.stderr(), "stderr");
    }

    private Stream piped(Redirect r, String which) {
        if (r.type() != Redirect.Type.PIPE) {
            return null;
        }
        Stream s = new Stream();
        s.name(which);
        addChild(s);
        return s;
    }

    /**
     * Sets the code run with the exit status once the child has exited and its output is read
     * ({@code on_finish}).
     *
     * @param code the code, or {@code null} for none
     * @return this
     */
    public Process onFinish(Consumer<ExitStatus> code) {
        this.onFinish = code;
        return this;
    }

    /**
     * Sets the code run when the command cannot start ({@code on_exception}, with what IO::Async
     * gives as {@code $errno} in the exception's message), before the exit future fails. With
     * it set, the failure does not also go to the error handlers.
     *
     * @param code the code, or {@code null} for none
     * @return this
     */
    public Process onException(Consumer<IOException> code) {
        this.onException = code;
        return this;
    }

    /** {@return the command} */
    public Command command() {
        return command;
    }

    /**
     * The stream that writes to the child's standard input.
     *
     * @return the stream
     * @throws IllegalStateException when the command does not pipe standard input
     */
    public Stream stdin() {
        return require(stdin, "stdin");
    }

    /**
     * The stream that reads the child's standard output.
     *
     * @return the stream
     * @throws IllegalStateException when the command does not pipe standard output
     */
    public Stream stdout() {
        return require(stdout, "stdout");
    }

    /**
     * The stream that reads the child's standard error.
     *
     * @return the stream
     * @throws IllegalStateException when the command does not pipe standard error
     */
    public Stream stderr() {
        return require(stderr, "stderr");
    }

    private Stream require(Stream s, String which) {
        if (s == null) {
            throw new IllegalStateException(which + " of " + this + " is not a pipe");
        }
        return s;
    }

    /** {@return the child's process id, or {@code -1} before it started} */
    public long pid() {
        return child == null ? -1 : child.pid();
    }

    /** {@return the child's {@link ProcessHandle}, or {@code null} before it started} */
    public ProcessHandle handle() {
        return child == null ? null : child.toHandle();
    }

    /**
     * Whether the process has started and not yet finished ({@code is_running}): it stays running
     * after the child's exit until its output is read to the end and {@code on_finish} ran.
     *
     * @return whether it is running
     */
    public boolean isRunning() {
        return child != null && !finished;
    }

    /**
     * Whether the child has exited by itself ({@code is_exited}: {@code WIFEXITED}); {@code false}
     * while it runs and when a signal killed it.
     *
     * @return whether it exited normally
     */
    public boolean isExited() {
        return status != null && status.isExited();
    }

    /**
     * The exit status once the child has exited (IO::Async's {@code exitstatus} is
     * {@link ExitStatus#code()} of it when {@link #isExited()}), else {@code null}.
     *
     * @return the status, or {@code null}
     */
    public ExitStatus exitStatus() {
        return status;
    }

    /**
     * A future done with the exit status at {@code on_finish} time (IO::Async's
     * {@code finish_future}); failed with category {@code process} when the command could not
     * start. Bound to the loop, so its {@link Future#get()} on the loop thread runs the loop.
     *
     * @return the future
     * @throws IllegalStateException when the process was never added to a loop (as IO::Async's
     *     {@code finish_future} needs the loop): add it first, or use {@code Loop.openProcess}
     */
    public Future<ExitStatus> exitFuture() {
        if (exitFuture == null) {
            throw new IllegalStateException("the exit future of " + this + " is asked before the process"
                    + " was added to a loop: add it first (or start it with Loop.openProcess), so that the"
                    + " future is bound to the loop and its get() runs the loop");
        }
        exitFutureAsked = true;
        return exitFuture;
    }

    /**
     * Sends a signal to the child (IO::Async's {@code kill}).
     *
     * @param signal the signal's name, with or without {@code SIG}: {@code "TERM"}, {@code "INT"}
     * @return done once sent; fails with category {@code process} when the child is not running
     *     (it did not start, or has exited); bound to the process's loop
     * @throws IllegalStateException when the process was never added to a loop
     */
    public Future<Void> kill(String signal) {
        Objects.requireNonNull(signal, "signal");
        Loop l = loop() != null ? loop() : ranOn;
        if (l == null) {
            throw new IllegalStateException("cannot signal " + this + ": it was never added to a loop, so it"
                    + " has not started");
        }
        if (child == null || status != null || !child.isAlive()) {
            return l.<Void>newFuture().fail("cannot signal " + this + ": it is not running", "process", signal);
        }
        return ProcessSignals.send(l, child.toHandle(), signal);
    }

    /**
     * Closes the process notifier: kills the child and its descendants when the command asks for
     * that on close, closes the streams and removes this notifier from its parent or loop.
     */
    public void close() {
        if (loop() != null) {
            removeFromParent();
        } else {
            cleanUp();
        }
    }

    @Override
    protected void addedToLoop(Loop loop) {
        ranOn = loop;
        if (exitFuture == null) {
            exitFuture = loop.newFuture();
        }
        if (child == null && !finished) {
            start(loop);
        }
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        cleanUp();
    }

    private void cleanUp() {
        if (command.killsTreeOnClose() && child != null && child.isAlive()) {
            ProcessSignals.killTree(child.toHandle());
        }
        pumps.forEach(Pump::stop);
        for (Stream s : new Stream[] {stdin, stdout, stderr}) {
            if (s != null && !s.isClosed()) {
                s.close();
            }
        }
    }

    private void start(Loop loop) {
        PipePair in;
        PipePair out;
        PipePair err;
        List<PipePair> made = new ArrayList<>(3);
        try {
            in = stdin == null ? null : track(made, loop.pipe());
            out = stdout == null ? null : track(made, loop.pipe());
            err = stderr == null ? null : track(made, loop.pipe());
        } catch (RuntimeException e) {
            made.forEach(Pump::closeQuietly);
            startFailed(loop, "cannot set up the pipes of " + command.argv().get(0) + ": " + e.getMessage(), e);
            return;
        }
        List<OutputPump> outputs = new ArrayList<>(2);
        if (out != null) {
            outputs.add(new OutputPump(loop, java.lang.Process::getInputStream, out.writer(), "stdout"));
        }
        if (err != null) {
            outputs.add(new OutputPump(loop, java.lang.Process::getErrorStream, err.writer(), "stderr"));
        }
        try {
            child = ChildStart.start(command.toProcessBuilder(), outputs);
        } catch (IOException | RuntimeException e) {
            made.forEach(Pump::closeQuietly);
            startFailed(loop, "cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
            return;
        }
        ChildRegistry.register(child);
        pumps.addAll(outputs);
        if (in != null) {
            stdin.handles(null, in.writer());
            InputPump feed = new InputPump(loop, in.reader(), child.getOutputStream(), "stdin");
            pumps.add(feed);
            feed.start(child.pid());
        }
        if (out != null) {
            stdout.handles(out.reader(), null);
        }
        if (err != null) {
            stderr.handles(err.reader(), null);
        }
        for (Stream s : new Stream[] {stdout, stderr}) {
            if (s != null) {
                openOutputs++;
                s.closedFuture().onReady(f -> outputClosed());
            }
        }
        child.onExit().whenComplete((p, error) -> {
            try {
                loop.later(this::exited);
            } catch (IllegalStateException closedLoop) {
                // the loop is gone; nothing can be told
            }
        });
    }

    private static PipePair track(List<PipePair> made, PipePair p) {
        made.add(p);
        return p;
    }

    private void startFailed(Loop loop, String message, Exception cause) {
        finished = true;
        IOException why = new IOException(message, cause);
        // reported at the next iteration, as IO::Async reports a failed exec: whoever asks for the
        // exit future after adding the process still sees the failure
        loop.later(() -> {
            if (onException != null) {
                invokeEvent("on_exception", () -> onException.accept(why));
            }
            exitFuture.fail(message, "process", command.argv(), cause);
            if (!exitFutureAsked && onException == null) {
                invokeError(why);
            }
            close();
        });
    }

    private void outputClosed() {
        openOutputs--;
        maybeFinish();
    }

    private void exited() {
        status = ExitStatus.ofExitValue(child.exitValue());
        for (Pump p : pumps) {
            if (p instanceof InputPump) {
                p.stop(); // nobody will read the child's input any more
            }
        }
        maybeFinish();
    }

    private void maybeFinish() {
        if (finished || status == null || openOutputs > 0) {
            return;
        }
        finished = true;
        if (onFinish != null && loop() != null) {
            ExitStatus s = status;
            invokeEvent("on_finish", () -> onFinish.accept(s));
        }
        if (!exitFuture.isReady()) {
            exitFuture.done(status);
        }
        if (stdin != null && !stdin.isClosed()) {
            stdin.close();
        }
        removeFromParent();
    }

    @Override
    public String toString() {
        return name() != null ? super.toString()
                : "Process[" + command + (child == null ? "" : ", pid " + child.pid()) + "]";
    }
}
