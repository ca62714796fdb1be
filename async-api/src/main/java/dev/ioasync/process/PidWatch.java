package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A notifier that runs {@code on_exit} once when a process exits (IO::Async::PID), then removes
 * itself from its parent or loop.
 *
 * <p>Watching a {@link java.lang.Process} this JVM started gives its exit code or terminating
 * signal; watching any other process by {@link ProcessHandle} or pid gives
 * {@link ExitStatus#UNKNOWN}, as the operating system tells only the parent. The exit is seen
 * through {@link ProcessHandle#onExit()} and delivered on the loop thread.
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
    }

    /**
     * Watches any process; its exit status is {@link ExitStatus#UNKNOWN}.
     *
     * @param handle the process
     */
    public PidWatch(ProcessHandle handle) {
        this.process = null;
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /**
     * Watches a process by id.
     *
     * @param pid the process id
     * @return the watch
     * @throws IllegalArgumentException when no such process exists
     */
    public static PidWatch of(long pid) {
        return new PidWatch(ProcessHandle.of(pid).orElseThrow(
                () -> new IllegalArgumentException("no process with pid " + pid)));
    }

    /**
     * Sets the code run with the exit status ({@code on_exit}).
     *
     * @param code the code
     * @return this
     */
    public PidWatch onExit(Consumer<ExitStatus> code) {
        this.onExit = code;
        return this;
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
