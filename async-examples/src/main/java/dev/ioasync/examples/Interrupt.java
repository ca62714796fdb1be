package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.signal.SignalWatch;

/**
 * Ctrl-C for a command that runs its loop until stopped: SIGINT runs the given action on the
 * loop thread (by default: stop the loop) and is remembered, so that the command can exit with
 * {@link Main#INTERRUPTED}. In a JVM started with SIGINT ignored (a background job, {@code nohup})
 * no handler can be installed: Ctrl-C cannot reach the program anyway, and the command runs on.
 */
final class Interrupt implements AutoCloseable {

    private final Loop loop;
    private final SignalWatch watch;
    private boolean received;

    private Interrupt(Loop loop, Runnable action) {
        this.loop = loop;
        SignalWatch w;
        try {
            w = loop.watchSignal("INT", () -> {
                received = true;
                action.run();
            });
        } catch (IllegalArgumentException ignoredByTheJvm) {
            w = null;
        }
        this.watch = w;
    }

    /**
     * Stops {@code loop} at SIGINT.
     *
     * @param loop the loop, owned by the calling thread
     * @return the watch; close it when the loop has stopped
     */
    static Interrupt stopping(Loop loop) {
        return new Interrupt(loop, loop::stop);
    }

    /**
     * Runs {@code action} on the loop thread at each SIGINT.
     *
     * @param loop the loop, owned by the calling thread
     * @param action what to do
     * @return the watch; close it when the loop has stopped
     */
    static Interrupt running(Loop loop, Runnable action) {
        return new Interrupt(loop, action);
    }

    /** {@return whether SIGINT came} */
    boolean received() {
        return received;
    }

    /**
     * The exit status of a command that ran until stopped.
     *
     * @return {@link Main#INTERRUPTED} after SIGINT, else {@link Main#OK}
     */
    int status() {
        return received ? Main.INTERRUPTED : Main.OK;
    }

    @Override
    public void close() {
        if (watch != null) {
            loop.unwatchSignal(watch);
        }
    }
}
