package dev.ioasync.timer;

import dev.ioasync.Loop;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A timer that ticks at a fixed interval (IO::Async::Timer::Periodic). By default
 * ({@link Reschedule#HARD}) the ticks stay on the schedule set when it started, however long
 * each tick takes. The first tick comes after {@code firstInterval} when set (zero means the
 * next loop iteration, never at once), else after one interval; the first interval is kept
 * across stop and start.
 *
 * <p>The next tick is scheduled before the tick callback runs, so a callback that throws
 * leaves the timer running (its error goes to the error handlers).
 *
 * <p>Parameters for {@link #configure}: {@code interval}, {@code first_interval} (each a
 * {@link Duration} or seconds), {@code reschedule} ({@code "hard"}, {@code "skip"},
 * {@code "drift"} or a {@link Reschedule}), {@code on_tick} (a {@link Runnable}), and the
 * {@link dev.ioasync.Notifier} ones.
 */
public class Periodic extends Timer {

    private final Runnable tickAction = this::tick;
    private Duration interval;
    private Duration firstInterval;
    private Reschedule reschedule = Reschedule.HARD;
    private Runnable onTick;
    private long nextDeadline;

    /** Creates a periodic timer with no interval set yet. */
    public Periodic() {
    }

    /**
     * Creates a periodic timer.
     *
     * @param interval the time between ticks, more than zero
     * @param onTick what runs at each tick
     */
    public Periodic(Duration interval, Runnable onTick) {
        this.interval = positive(interval);
        this.onTick = Objects.requireNonNull(onTick, "onTick");
    }

    /** {@return the interval} */
    public Duration interval() {
        return interval;
    }

    /**
     * Sets the interval; takes effect from the next tick.
     *
     * @param interval more than zero
     * @return this
     */
    public Periodic interval(Duration interval) {
        this.interval = positive(interval);
        return this;
    }

    private static Duration positive(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be more than zero, not " + interval);
        }
        return interval;
    }

    /**
     * Sets the delay before the first tick.
     *
     * @param first zero or more; {@code null} means one interval
     * @return this
     */
    public Periodic firstInterval(Duration first) {
        this.firstInterval = first == null ? null : nonNegative("first_interval", first);
        return this;
    }

    /**
     * Sets how the next tick is chosen.
     *
     * @param mode the mode
     * @return this
     */
    public Periodic reschedule(Reschedule mode) {
        this.reschedule = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Sets what runs at each tick.
     *
     * @param onTick the callback
     * @return this
     */
    public Periodic onTick(Runnable onTick) {
        this.onTick = Objects.requireNonNull(onTick, "onTick");
        return this;
    }

    /** {@return the deadline of the next tick on the loop clock (meaningful while running)} */
    public long nextDeadlineNanos() {
        return nextDeadline;
    }

    @Override
    public Periodic start() {
        if (interval == null || onTick == null) {
            throw new IllegalStateException("cannot start " + this + ": it needs an interval and an on_tick callback");
        }
        super.start();
        return this;
    }

    @Override
    protected void begin(Loop loop) {
        Duration first = firstInterval != null ? firstInterval : interval;
        nextDeadline = loop.clock().nanoTime() + first.toNanos();
        scheduleAt(loop, nextDeadline, tickAction);
    }

    private void tick() {
        fired();
        Loop loop = loop();
        long now = loop.clock().nanoTime();
        long step = interval.toNanos();
        switch (reschedule) {
            case HARD -> nextDeadline += step;
            case SKIP -> {
                nextDeadline += step;
                if (nextDeadline - now <= 0) {
                    long behind = now - nextDeadline;
                    nextDeadline += (behind / step + 1) * step;
                }
            }
            case DRIFT -> nextDeadline = now + step;
        }
        scheduleAt(loop, nextDeadline, tickAction);
        invokeEvent("on_tick", onTick);
    }

    @Override
    protected void configureParameter(String key, Object value) {
        switch (key) {
            case "interval" -> interval(durationParameter(key, value));
            case "first_interval" -> firstInterval(value == null ? null : durationParameter(key, value));
            case "reschedule" -> reschedule(value instanceof String s
                    ? parseMode(s)
                    : parameter(key, value, Reschedule.class));
            case "on_tick" -> onTick(parameter(key, value, Runnable.class));
            default -> super.configureParameter(key, value);
        }
    }

    private static Reschedule parseMode(String s) {
        try {
            return Reschedule.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'reschedule' must be hard, skip or drift, not '" + s + "'", e);
        }
    }
}
