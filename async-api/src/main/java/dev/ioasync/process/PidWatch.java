package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A notifier that runs {@code on_exit} once when a process exits (IO::Async::PID), then removes
 * itself from its parent or loop.
 *
 * <p>Watching a child gives its exit code or terminating signal, however it is named: by its
 * {@link java.lang.Process}, or by the {@link ProcessHandle} or pid of a child this library
 * started (a {@link Process}, {@code spawnChild}, {@code runProcess}...) or was given as a
 * {@link java.lang.Process} before. The JDK gives the exit status only through the
 * {@link java.lang.Process} that started a child, so watching any other process by handle or pid
 * (one that is not this JVM's child, or a child started by a bare {@link ProcessBuilder} and never
 * handed over) sees its exit but reports {@link ExitStatus#UNKNOWN} ({@link ExitStatus#isKnown()}
 * false), and says so in {@link #isStatusKnown()} from the start; IO::Async cannot watch such a
 * process at all. The exit is seen through {@link java.lang.Process#onExit()} (or
 * {@link ProcessHandle#onExit()}) and delivered on the loop thread.
 */
public class PidWatch extends Notifier {

    private final ProcessHandle handle;
    private final java.lang.Process process;
    private Consumer<ExitStatus> onExit;
    private int generation;

    /**
     * Watches a child this JVM started; its exit status is known.
     *
     * @param process the child
     */
    public PidWatch(java.lang.Process process) {
        this.process = Objects.requireNonNull(process, "process");
        this.handle = process.toHandle();
        ChildRegistry.register(process);
    }

    /**
     * Watches a process by handle: its exit status is known when it is a child this library
     * started or was given (see the class comment), else {@link ExitStatus#UNKNOWN}.
     *
     * @param handle the process
     */
    public PidWatch(ProcessHandle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
        this.process = ChildRegistry.find(handle).orElse(null);
    }

    /**
     * Watches a process by id, as {@link #PidWatch(ProcessHandle)}; a child this library knows is
     * found by its pid even after it exited.
     *
     * @param pid the process id
     * @return the watch
     * @throws IllegalArgumentException when no such process exists (nor a known child that had it)
     */
    public static PidWatch of(long pid) {
        ProcessHandle live = ProcessHandle.of(pid).orElse(null);
        if (live != null) {
            return new PidWatch(live);
        }
        return new PidWatch(ChildRegistry.find(pid).orElseThrow(
                () -> new IllegalArgumentException("no process with pid " + pid)));
    }

    /** {@return whether the exit status will be known: the watched process is a child whose status this JVM can read} */
    public boolean isStatusKnown() {
        return process != null;
    }

    /**
     * Sets the code run with the exit status ({@code on_exit}).
     *
     * @param code the code, or {@code null} for none
     * @return this
     */
    public PidWatch onExit(Consumer<ExitStatus> code) {
        this.onExit = code;
        return this;
    }

    /**
     * Sends a signal to the watched process (IO::Async::PID's {@code kill}).
     *
     * @param signal the signal's name, with or without {@code SIG}, or its number
     * @return done once sent, failed with category {@code process} when it cannot be (the process
     *     has exited); bound to the loop
     * @throws IllegalStateException when this watch is in no loop
     */
    public dev.ioasync.Future<Void> kill(String signal) {
        Objects.requireNonNull(signal, "signal");
        Loop l = loop();
        if (l == null) {
            throw new IllegalStateException("cannot signal through " + this + ": it is in no loop");
        }
        return ProcessSignals.send(l, handle, signal);
    }

    /** {@return the watched process id} */
    public long pid() {
        return handle.pid();
    }

    @Override
    protected void addedToLoop(Loop loop) {
        int mine = ++generation;
        // For a child of this JVM wait on Process.onExit: it completes once the exit status is
        // recorded, whereas the handle's can complete first (exitValue() would then throw).
        java.util.concurrent.CompletableFuture<?> exit = process != null ? process.onExit() : handle.onExit();
        exit.whenComplete((h, error) -> {
            try {
                loop.later(() -> exited(mine));
            } catch (IllegalStateException closedLoop) {
                // the loop is gone: nobody to tell
            }
        });
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        generation++;
    }

    private void exited(int mine) {
        if (mine != generation || loop() == null) {
            return; // removed (and perhaps added again) since this watch began
        }
        ExitStatus status = process != null ? ExitStatus.ofExitValue(process.exitValue()) : ExitStatus.UNKNOWN;
        if (onExit != null) {
            invokeEvent("on_exit", () -> onExit.accept(status));
        }
        removeFromParent();
    }

    @Override
    public String toString() {
        return name() != null ? super.toString() : "PidWatch[" + handle.pid() + "]";
    }
}
