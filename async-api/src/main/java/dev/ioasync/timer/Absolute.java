package dev.ioasync.timer;

import dev.ioasync.Loop;
import java.time.Instant;
import java.util.Objects;

/**
 * A timer that fires once at a wall-clock time (IO::Async::Timer::Absolute). It starts by itself
 * when it is added to a loop; a time already past fires at the next iteration. Setting a new time
 * while it runs moves the deadline. The time converts to a deadline as
 * {@link Loop#watchTimeAt(Instant, Runnable)} does, so timers of either kind set for one instant
 * fire in the order they were set.
 *
 * <p>Parameters for {@link #configure}: {@code time} (an {@link Instant} or epoch seconds),
 * {@code on_expire} (a {@link Runnable}), and the {@link dev.ioasync.Notifier} ones.
 */
public class Absolute extends Timer {

    private final Runnable expireAction = this::expire;
    private Instant time;
    private Runnable onExpire;

    /** Creates an absolute timer with no time set yet. */
    public Absolute() {
    }

    /**
     * Creates an absolute timer.
     *
     * @param time when it fires
     * @param onExpire what runs then
     */
    public Absolute(Instant time, Runnable onExpire) {
        this.time = Objects.requireNonNull(time, "time");
        this.onExpire = Objects.requireNonNull(onExpire, "onExpire");
    }

    /** {@return when it fires} */
    public Instant time() {
        return time;
    }

    /**
     * Sets when it fires; moves the deadline of a running timer.
     *
     * @param time the time
     * @return this
     */
    public Absolute time(Instant time) {
        this.time = Objects.requireNonNull(time, "time");
        if (isRunning()) {
            begin(loop());
        }
        return this;
    }

    /**
     * Sets what runs when it fires.
     *
     * @param onExpire the callback
     * @return this
     */
    public Absolute onExpire(Runnable onExpire) {
        this.onExpire = Objects.requireNonNull(onExpire, "onExpire");
        return this;
    }

    @Override
    public Absolute start() {
        if (time == null || onExpire == null) {
            throw new IllegalStateException("cannot start " + this + ": it needs a time and an on_expire callback");
        }
        super.start();
        return this;
    }

    @Override
    protected void addedToLoop(Loop loop) {
        super.addedToLoop(loop);
        if (!isRunning() && time != null && onExpire != null) {
            begin(loop);
        }
    }

    @Override
    protected void begin(Loop loop) {
        scheduleAt(loop, loop.deadlineNanos(time), expireAction);
    }

    private void expire() {
        fired();
        invokeEvent("on_expire", onExpire);
    }

    @Override
    protected void configureParameter(String key, Object value) {
        switch (key) {
            case "time" -> time(value instanceof Number n
                    ? Instant.ofEpochSecond(0, Math.round(n.doubleValue() * 1e9))
                    : parameter(key, value, Instant.class));
            case "on_expire" -> onExpire(parameter(key, value, Runnable.class));
            default -> super.configureParameter(key, value);
        }
    }
}
