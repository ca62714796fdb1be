package dev.ioasync.stream;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import java.time.Duration;

/**
 * One idle timeout of a {@link Stream}, in the manner of Netty's {@code IdleStateHandler}: while
 * it runs, it fires each time the stream has gone {@code timeout} without the activity it watches
 * (a read, or a write), and then again every {@code timeout} while the stream stays idle. Activity
 * only records the time; the timer checks it when it expires, so a busy stream costs one clock
 * read per read or write and no timer churn.
 */
final class IdleTimer {

    private Runnable onIdle;
    private long timeoutNanos;
    private long lastActivity;
    private Loop loop;
    private Cancellable timer;

    IdleTimer() {
    }

    /** Sets the timeout; zero turns it off. {@link #start} it again to apply it. */
    void timeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Starts counting from now, when a timeout is set; {@code idle} runs when it expires. */
    void start(Loop l, Runnable idle) {
        stop();
        onIdle = idle;
        if (timeoutNanos <= 0) {
            return;
        }
        loop = l;
        lastActivity = l.clock().nanoTime();
        timer = l.watchTimeAtNanos(lastActivity + timeoutNanos, this::expired);
    }

    /** Records activity now. */
    void touch() {
        if (timer != null) {
            lastActivity = loop.clock().nanoTime();
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        loop = null;
    }

    private void expired() {
        Loop l = loop;
        if (l == null) {
            return;
        }
        long now = l.clock().nanoTime();
        if (now - lastActivity >= timeoutNanos) {
            timer = l.watchTimeAtNanos(now + timeoutNanos, this::expired);
            onIdle.run(); // may close the stream, which stops this timer
        } else {
            timer = l.watchTimeAtNanos(lastActivity + timeoutNanos, this::expired);
        }
    }
}
