package dev.ioasync.signal;

import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.util.Objects;

/**
 * A notifier that runs {@code on_receipt} each time the process receives a POSIX signal
 * (IO::Async::Signal). Several {@code Signal}s of one signal are all called. The signal is
 * watched while the notifier is in a loop; the code runs on the loop thread.
 *
 * <p>The name is checked when the notifier is made: an unknown signal, one that can never be
 * caught ({@code KILL}, {@code STOP}) or one the JVM keeps ({@code QUIT} on HotSpot) is an
 * {@link IllegalArgumentException} naming it and why.
 */
public class Signal extends Notifier {

    private final String signal;
    private Runnable onReceipt;
    private SignalWatch watch;

    /**
     * Creates a notifier for a signal.
     *
     * @param signal the name, with or without {@code SIG}: {@code "USR2"}, {@code "SIGINT"}
     * @throws IllegalArgumentException when the signal cannot be watched, naming it and why
     */
    public Signal(String signal) {
        this.signal = SignalDispatcher.check(signal);
    }

    /**
     * Creates a notifier for a signal with its {@code on_receipt} code.
     *
     * @param signal the name
     * @param onReceipt run on the loop thread each time the signal arrives
     * @throws IllegalArgumentException when the signal cannot be watched
     */
    public Signal(String signal, Runnable onReceipt) {
        this(signal);
        this.onReceipt = Objects.requireNonNull(onReceipt, "onReceipt");
    }

    /** {@return the signal's name without {@code SIG}} */
    public String signal() {
        return signal;
    }

    /**
     * Sets the code run each time the signal arrives ({@code on_receipt}).
     *
     * @param code the code
     * @return this
     */
    public Signal onReceipt(Runnable code) {
        this.onReceipt = Objects.requireNonNull(code, "code");
        return this;
    }

    /** {@return whether the signal is watched now} */
    public boolean isWatching() {
        return watch != null && watch.isPending();
    }

    /**
     * Takes {@code on_receipt} (a {@link Runnable}) besides the {@link Notifier} keys.
     *
     * @param key the IO::Async parameter name
     * @param value its value
     */
    @Override
    protected void configureParameter(String key, Object value) {
        if (key.equals("on_receipt")) {
            onReceipt(parameter(key, value, Runnable.class));
        } else {
            super.configureParameter(key, value);
        }
    }

    @Override
    protected void addedToLoop(Loop loop) {
        watch = SignalDispatcher.watch(loop, signal, this::received);
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        if (watch != null) {
            watch.cancel();
            watch = null;
        }
    }

    private void received() {
        if (onReceipt != null) {
            invokeEvent("on_receipt", onReceipt);
        }
    }

    @Override
    public String toString() {
        return name() == null ? "Signal[SIG" + signal + "]" : super.toString();
    }
}
