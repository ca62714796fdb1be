package dev.ioasync.signal;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;

/**
 * One watch of a signal by one loop: the id IO::Async's {@code watch_signal} returns, given back
 * to {@code unwatch_signal}. Cancelling the last watch of a signal restores the handler that was
 * there before. Thread-safe.
 */
public final class SignalWatch implements Cancellable {

    private static final System.Logger LOG = System.getLogger(SignalWatch.class.getName());

    private final String signal;
    private final Loop loop;
    private final Runnable code;
    private volatile boolean active = true;

    SignalWatch(String signal, Loop loop, Runnable code) {
        this.signal = signal;
        this.loop = loop;
        this.code = code;
    }

    /** {@return the signal's name without {@code SIG}, for example {@code USR2}} */
    public String signal() {
        return signal;
    }

    /** {@return the loop whose thread runs the code} */
    public Loop loop() {
        return loop;
    }

    /** Queues the code on the loop; called on the JVM's signal thread. */
    void deliver() {
        if (!active) {
            return;
        }
        try {
            loop.later(() -> {
                if (active) {
                    code.run();
                }
            });
        } catch (IllegalStateException closed) {
            LOG.log(System.Logger.Level.DEBUG, () -> "SIG" + signal + " arrived for a closed loop; dropped");
        }
    }

    /**
     * Stops watching; a delivery already queued is dropped.
     *
     * @return whether this call stopped it
     */
    @Override
    public boolean cancel() {
        if (!active) {
            return false;
        }
        active = false;
        SignalDispatcher.unwatch(this);
        return true;
    }

    @Override
    public boolean isPending() {
        return active;
    }

    @Override
    public String toString() {
        return "SignalWatch[SIG" + signal + (active ? "]" : ", cancelled]");
    }
}
