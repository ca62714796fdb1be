package dev.ioasync.timer;

import dev.ioasync.Loop;
import java.time.Duration;
import java.util.Objects;

/**
 * A timer that fires once, a delay after it was started (IO::Async::Timer::Countdown). It can be
 * stopped, started again, and {@linkplain #reset() reset} to count the whole delay from now.
 * A zero delay is allowed and fires at the next loop iteration.
 *
 * <p>Parameters for {@link #configure}: {@code delay} (a {@link Duration} or seconds),
 * {@code on_expire} (a {@link Runnable}), {@code remove_on_expire} (a {@link Boolean}), and the
 * {@link dev.ioasync.Notifier} ones.
 */
public class Countdown extends Timer {

    private final Runnable expireAction = this::expire;
    private Duration delay;
    private Runnable onExpire;
    private boolean removeOnExpire;
    private boolean expired;

    /** Creates a countdown with no delay set yet. */
    public Countdown() {
    }

    /**
     * Creates a countdown.
     *
     * @param delay the delay
     * @param onExpire what runs when it expires
     */
    public Countdown(Duration delay, Runnable onExpire) {
        this.delay = nonNegative("delay", delay);
        this.onExpire = Objects.requireNonNull(onExpire, "onExpire");
    }

    /** {@return the delay} */
    public Duration delay() {
        return delay;
    }

    /**
     * Sets the delay. Changing it while running restarts the countdown with the new delay.
     *
     * @param delay the delay, zero or more
     * @return this
     */
    public Countdown delay(Duration delay) {
        this.delay = nonNegative("delay", delay);
        if (isRunning()) {
            begin(loop());
        }
        return this;
    }

    /**
     * Sets what runs when the countdown expires.
     *
     * @param onExpire the callback
     * @return this
     */
    public Countdown onExpire(Runnable onExpire) {
        this.onExpire = Objects.requireNonNull(onExpire, "onExpire");
        return this;
    }

    /**
     * Makes the countdown remove itself from its parent (or the loop) when it expires.
     *
     * @param remove whether to remove it
     * @return this
     */
    public Countdown removeOnExpire(boolean remove) {
        this.removeOnExpire = remove;
        return this;
    }

    /** {@return whether it expired since it was last started} */
    public boolean isExpired() {
        return expired;
    }

    /**
     * Restarts the count from now when running; does nothing when stopped.
     *
     * @return this
     */
    public Countdown reset() {
        if (isRunning()) {
            begin(loop());
        }
        return this;
    }

    @Override
    public Countdown start() {
        if (delay == null) {
            throw new IllegalStateException("cannot start " + this + ": no delay set");
        }
        if (onExpire == null) {
            throw new IllegalStateException("cannot start " + this + ": no on_expire callback set");
        }
        super.start();
        return this;
    }

    @Override
    protected void begin(Loop loop) {
        expired = false;
        scheduleAt(loop, loop.clock().nanoTime() + delay.toNanos(), expireAction);
    }

    private void expire() {
        fired();
        expired = true;
        if (removeOnExpire) {
            removeFromParent();
        }
        invokeEvent("on_expire", onExpire);
    }

    @Override
    protected void configureParameter(String key, Object value) {
        switch (key) {
            case "delay" -> delay(durationParameter(key, value));
            case "on_expire" -> onExpire(parameter(key, value, Runnable.class));
            case "remove_on_expire" -> removeOnExpire(Boolean.TRUE.equals(parameter(key, value, Boolean.class)));
            default -> super.configureParameter(key, value);
        }
    }
}
