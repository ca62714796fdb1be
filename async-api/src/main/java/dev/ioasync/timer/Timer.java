package dev.ioasync.timer;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.time.Duration;

/**
 * The base of the timer notifiers (IO::Async::Timer): something that is started and stopped,
 * and while running holds one timer on its loop.
 *
 * <p>{@link #start()} before the timer is added to a loop is remembered and takes effect when it
 * is added; {@code start} on a running timer is an error; removing the timer from its loop stops
 * it.
 */
public abstract class Timer extends Notifier {

    private Cancellable scheduled;
    private boolean startPending;

    /** Creates a stopped timer. */
    protected Timer() {
    }

    /**
     * Starts the timer. When the timer is not in a loop yet, it starts when it is added.
     *
     * @return this
     * @throws IllegalStateException when it is already running (or already waiting to start)
     */
    public Timer start() {
        if (isRunning() || startPending) {
            throw new IllegalStateException("cannot start " + this + ": it is already running");
        }
        Loop loop = loop();
        if (loop == null) {
            startPending = true;
        } else {
            begin(loop);
        }
        return this;
    }

    /**
     * Stops the timer; its event will not fire. Stopping a stopped timer does nothing.
     *
     * @return this
     */
    public Timer stop() {
        startPending = false;
        if (scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
        return this;
    }

    /** {@return whether the timer is counting down on a loop} */
    public boolean isRunning() {
        return scheduled != null && scheduled.isPending();
    }

    /** {@return whether {@link #start()} was called before the timer was added to a loop} */
    public boolean isStartPending() {
        return startPending;
    }

    /**
     * Begins counting on the loop: subclasses compute the first deadline and call
     * {@link #scheduleAt}.
     *
     * @param loop the loop the timer is in
     */
    protected abstract void begin(Loop loop);

    /**
     * Sets the one pending timer of this notifier, replacing any earlier one.
     *
     * @param loop the loop
     * @param deadlineNanos when, on the loop clock
     * @param fire what to run then (the subclass's expiry logic)
     */
    protected final void scheduleAt(Loop loop, long deadlineNanos, Runnable fire) {
        if (scheduled != null) {
            scheduled.cancel();
        }
        scheduled = loop.watchTimeAtNanos(deadlineNanos, fire);
    }

    /** Forgets the pending timer after it fired (called first thing by the subclass's expiry logic). */
    protected final void fired() {
        scheduled = null;
    }

    @Override
    protected void addedToLoop(Loop loop) {
        if (startPending) {
            startPending = false;
            begin(loop);
        }
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        stop();
    }

    /**
     * Reads a duration parameter: a {@link Duration}, or a number of seconds as in Perl.
     *
     * @param key the parameter name
     * @param value the value
     * @return the duration
     * @throws IllegalArgumentException naming the key when the value is neither, or negative
     */
    protected static Duration durationParameter(String key, Object value) {
        Duration d;
        if (value instanceof Duration dur) {
            d = dur;
        } else if (value instanceof Number n) {
            d = Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
        } else {
            throw new IllegalArgumentException("parameter '" + key + "' must be a Duration or a number of seconds, not "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return nonNegative(key, d);
    }

    /**
     * Checks that a duration is not negative.
     *
     * @param what the parameter name for the message
     * @param d the duration
     * @return {@code d}
     * @throws IllegalArgumentException when it is negative or null
     */
    protected static Duration nonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a non-negative duration, not " + d);
        }
        return d;
    }
}
