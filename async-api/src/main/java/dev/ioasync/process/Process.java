package dev.ioasync.process;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.io.PipePair;
import dev.ioasync.stream.Stream;
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
 * reached end of file (or been closed), so that everything it wrote has been read; then the
 * notifier closes its stdin stream and removes itself from its parent or loop.
 *
 * <p>A command that cannot start (no such program, not executable, no such directory) fails the
 * exit future with category {@code process} and the reason; no pipe or thread is left behind.
 * When nobody asked for the exit future, the failure also goes to the error handlers.
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
     * @param code the code
     * @return this
     */
    public Process onFinish(Consumer<ExitStatus> code) {
        this.onFinish = code;
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

    /** {@return whether the child has started and not exited yet} */
    public boolean isRunning() {
        return child != null && status == null;
    }

    /** {@return whether the child has exited ({@code is_exited})} */
    public boolean isExited() {
        return status != null;
    }

    /** {@return the exit status once the child has exited, else {@code null}} */
    public ExitStatus exitStatus() {
        return status;
    }

    /**
     * A future done with the exit status at {@code on_finish} time; failed with category
     * {@code process} when the command could not start.
     *
     * @return the future
     */
    public Future<ExitStatus> exitFuture() {
        exitFutureAsked = true;
        if (exitFuture == null) {
            exitFuture = new Future<>(loop());
        }
        return exitFuture;
    }

    /**
     * Sends a signal to the child (IO::Async's {@code kill}).
     *
     * @param signal the signal's name, with or without {@code SIG}: {@code "TERM"}, {@code "INT"}
     * @return done once sent; fails with category {@code process} when the child is not running
     */
    public Future<Void> kill(String signal) {
        if (child == null || status != null || loop() == null) {
            return Future.failedFuture("cannot signal " + this + ": it is not running", "process", signal);
        }
        return ProcessSignals.send(loop(), child.toHandle(), signal);
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
        if (exitFuture == null) {
            exitFuture = new Future<>(loop);
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
        try {
            child = command.toProcessBuilder().start();
        } catch (Exception e) {
            startFailed(loop, "cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
            return;
        }
        List<PipePair> made = new ArrayList<>(3);
        try {
            String prefix = "ioasync-pump-" + child.pid() + "-";
            if (stdin != null) {
                PipePair p = loop.pipe();
                made.add(p);
                stdin.handles(null, p.writer());
                pumps.add(new InputPump(loop, p.reader(), child.getOutputStream(), prefix + "stdin"));
            }
            if (stdout != null) {
                PipePair p = loop.pipe();
                made.add(p);
                stdout.handles(p.reader(), null);
                pumps.add(new OutputPump(loop, child.getInputStream(), p.writer(), prefix + "stdout"));
            }
            if (stderr != null) {
                PipePair p = loop.pipe();
                made.add(p);
                stderr.handles(p.reader(), null);
                pumps.add(new OutputPump(loop, child.getErrorStream(), p.writer(), prefix + "stderr"));
            }
        } catch (RuntimeException e) {
            ProcessSignals.killTree(child.toHandle());
            made.forEach(Pump::closeQuietly);
            pumps.clear();
            startFailed(loop, "cannot set up the pipes of " + command.argv().get(0) + ": " + e.getMessage(), e);
            return;
        }
        for (Stream s : new Stream[] {stdout, stderr}) {
            if (s != null) {
                openOutputs++;
                s.closedFuture().onReady(f -> outputClosed());
            }
        }
        pumps.forEach(Pump::start);
        child.onExit().whenComplete((p, error) -> {
            try {
                loop.later(this::exited);
            } catch (IllegalStateException closedLoop) {
                // the loop is gone; nothing can be told
            }
        });
    }

    private void startFailed(Loop loop, String message, Exception cause) {
        finished = true;
        exitFuture.fail(message, "process", command.argv(), cause);
        if (!exitFutureAsked) {
            invokeError(new java.io.IOException(message, cause));
        }
        loop.later(this::close);
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
