package dev.ioasync.file;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Watches a path's {@code stat} fields by polling them at an interval (IO::Async::File).
 *
 * <p>When added to a loop it records the path's attributes without an event; then, every
 * {@linkplain #interval(Duration) interval} (2 seconds unless set), it reads them again and runs,
 * in this order, the events for what changed: {@code on_created} or {@code on_gone} when the path
 * appeared or disappeared, {@code on_devino_changed} when it is now another file (another device
 * or inode: renamed over, rotated), {@code on_size_changed}, {@code on_mtime_changed},
 * {@code on_mode_changed}, and last {@code on_stat_changed} once for any change. Each receives
 * the new value first and the old one second, as in IO::Async.
 *
 * <p>Thread rules: as for every notifier, all of it happens on the loop thread.
 */
public class FileWatch extends Notifier {

    /** The polling interval used unless another is set: {@value #DEFAULT_INTERVAL_MILLIS} ms. */
    public static final long DEFAULT_INTERVAL_MILLIS = 2000;

    private final Path path;
    private Duration interval = Duration.ofMillis(DEFAULT_INTERVAL_MILLIS);
    private FileStat last;
    private Cancellable timer;
    private boolean running = true;
    private Consumer<FileStat> onCreated;
    private Consumer<FileStat> onGone;
    private BiConsumer<FileStat, FileStat> onDevinoChanged;
    private BiConsumer<Long, Long> onSizeChanged;
    private BiConsumer<Instant, Instant> onMtimeChanged;
    private BiConsumer<Integer, Integer> onModeChanged;
    private BiConsumer<FileStat, FileStat> onStatChanged;

    /**
     * Creates a watch of a path (IO::Async's {@code filename}); it need not exist.
     *
     * @param path the path
     */
    public FileWatch(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** {@return the watched path} */
    public Path path() {
        return path;
    }

    /** {@return the polling interval} */
    public Duration interval() {
        return interval;
    }

    /**
     * Sets the polling interval ({@code interval}); takes effect from the next poll.
     *
     * @param interval a positive duration
     * @return this
     */
    public FileWatch interval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the polling interval must be positive, not " + interval);
        }
        this.interval = interval;
        return this;
    }

    /**
     * Sets the code run when the path appears.
     *
     * @param code receives the new attributes
     * @return this
     */
    public FileWatch onCreated(Consumer<FileStat> code) {
        this.onCreated = code;
        return this;
    }

    /**
     * Sets the code run when the path disappears.
     *
     * @param code receives the last attributes seen
     * @return this
     */
    public FileWatch onGone(Consumer<FileStat> code) {
        this.onGone = code;
        return this;
    }

    /**
     * Sets the code run when the path names another file ({@code on_devino_changed}).
     *
     * @param code receives the new and the old attributes
     * @return this
     */
    public FileWatch onDevinoChanged(BiConsumer<FileStat, FileStat> code) {
        this.onDevinoChanged = code;
        return this;
    }

    /**
     * Sets the code run when the size changes ({@code on_size_changed}).
     *
     * @param code receives the new and the old size
     * @return this
     */
    public FileWatch onSizeChanged(BiConsumer<Long, Long> code) {
        this.onSizeChanged = code;
        return this;
    }

    /**
     * Sets the code run when the modification time changes ({@code on_mtime_changed}).
     *
     * @param code receives the new and the old time
     * @return this
     */
    public FileWatch onMtimeChanged(BiConsumer<Instant, Instant> code) {
        this.onMtimeChanged = code;
        return this;
    }

    /**
     * Sets the code run when the mode bits change ({@code on_mode_changed}).
     *
     * @param code receives the new and the old mode
     * @return this
     */
    public FileWatch onModeChanged(BiConsumer<Integer, Integer> code) {
        this.onModeChanged = code;
        return this;
    }

    /**
     * Sets the code run once per poll that saw any change ({@code on_stat_changed}).
     *
     * @param code receives the new and the old attributes
     * @return this
     */
    public FileWatch onStatChanged(BiConsumer<FileStat, FileStat> code) {
        this.onStatChanged = code;
        return this;
    }

    /** {@return the attributes seen at the last poll, or {@code null} before the first} */
    public FileStat lastStat() {
        return last;
    }

    /** {@return whether polling is on (it is unless {@link #stop()} was called)} */
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts polling again after {@link #stop()} (IO::Async's {@code start}); the first poll after
     * it compares with the attributes seen last.
     *
     * @return this
     */
    public FileWatch start() {
        running = true;
        schedule();
        return this;
    }

    /**
     * Stops polling (IO::Async's {@code stop}).
     *
     * @return this
     */
    public FileWatch stop() {
        running = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        return this;
    }

    /**
     * Polls now, running the events for what changed since the last poll; the first poll only
     * records. The regular polls go on as scheduled.
     */
    public void poll() {
        FileStat now = FileStat.of(path);
        FileStat old = last;
        last = now;
        if (old == null || old.equals(now)) {
            return;
        }
        if (!old.exists() && now.exists()) {
            fire("on_created", onCreated, now);
        } else if (old.exists() && !now.exists()) {
            fire("on_gone", onGone, old);
        } else if (!old.sameFile(now)) {
            fire2("on_devino_changed", onDevinoChanged, now, old);
        }
        if (old.size() != now.size()) {
            fire2("on_size_changed", onSizeChanged, now.size(), old.size());
        }
        if (!old.mtime().equals(now.mtime())) {
            fire2("on_mtime_changed", onMtimeChanged, now.mtime(), old.mtime());
        }
        if (old.mode() != now.mode()) {
            fire2("on_mode_changed", onModeChanged, now.mode(), old.mode());
        }
        fire2("on_stat_changed", onStatChanged, now, old);
    }

    private <T> void fire(String event, Consumer<T> code, T value) {
        if (code != null) {
            invokeEvent(event, () -> code.accept(value));
        }
    }

    private <T> void fire2(String event, BiConsumer<T, T> code, T now, T old) {
        if (code != null) {
            invokeEvent(event, () -> code.accept(now, old));
        }
    }

    @Override
    protected void addedToLoop(Loop loop) {
        if (last == null) {
            last = FileStat.of(path);
        }
        schedule();
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void schedule() {
        Loop loop = loop();
        if (loop == null || !running || (timer != null && timer.isPending())) {
            return;
        }
        timer = loop.watchTimeAfter(interval, this::tick);
    }

    private void tick() {
        timer = null;
        if (!running || loop() == null) {
            return;
        }
        try {
            poll();
        } finally {
            schedule();
        }
    }

    @Override
    public String toString() {
        return name() != null ? super.toString() : "FileWatch[" + path + "]";
    }
}
