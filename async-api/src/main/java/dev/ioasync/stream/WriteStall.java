package dev.ioasync.stream;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import java.time.Duration;

/**
 * The write stall deadline of a {@link Stream}: how long bytes may wait in its write queue while
 * the peer takes none of them (nginx's {@code send_timeout}, counted between two successive
 * writes that made progress). It counts only while the stream waits for the peer: from the
 * moment a flush leaves bytes queued, reset by every write that moves bytes, and it stops when
 * the queue empties. A stream that writes everything at once (the common case) never starts its
 * timer; a busy one costs a clock read per write that made progress and no timer churn.
 *
 * <p>Thread rules: confined to the stream's loop thread.
 */
final class WriteStall {

    /** The default for sockets: 60 s, as nginx's {@code send_timeout}. */
    static final Duration SOCKET_DEFAULT = Duration.ofSeconds(60);

    private Duration timeout; // null: the default for the stream's handle
    private long timeoutNanos;
    private boolean waiting;
    private long since;
    private Loop loop;
    private Cancellable timer;
    private Runnable onStall;

    WriteStall() {
    }

    /** Sets the timeout; {@code null} restores the default, zero turns it off. */
    void timeout(Duration d) {
        this.timeout = d;
    }

    /** {@return the timeout set, or {@code null} for the default} */
    Duration timeout() {
        return timeout;
    }

    /**
     * A flush left bytes queued: starts counting, unless it already counts.
     *
     * @param l the stream's loop
     * @param socket whether the stream writes to a socket (the default applies to sockets only)
     * @param stalled what runs when the deadline passes
     */
    void waiting(Loop l, boolean socket, Runnable stalled) {
        if (waiting) {
            return;
        }
        Duration d = timeout != null ? timeout : socket ? SOCKET_DEFAULT : Duration.ZERO;
        if (d.isZero()) {
            return;
        }
        waiting = true;
        timeoutNanos = d.toNanos();
        onStall = stalled;
        loop = l;
        since = l.clock().nanoTime();
        if (timer == null) {
            timer = l.watchTimeAtNanos(since + timeoutNanos, this::expired);
        }
    }

    /** A write moved bytes: the deadline counts again from now. */
    void progress() {
        if (waiting) {
            since = loop.clock().nanoTime();
        }
    }

    /** The queue is empty: nothing waits for the peer. The timer ends when it next expires. */
    void drained() {
        waiting = false;
    }

    /** Stops counting and cancels the timer (the stream closes or leaves its loop). */
    void stop() {
        waiting = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        loop = null;
    }

    /** {@return the deadline in effect while waiting, in nanoseconds} */
    long timeoutNanos() {
        return timeoutNanos;
    }

    private void expired() {
        timer = null;
        Loop l = loop;
        if (!waiting || l == null) {
            return;
        }
        long now = l.clock().nanoTime();
        if (now - since >= timeoutNanos) {
            waiting = false;
            onStall.run(); // fails the queued writes; may close the stream, which stops this
        } else {
            timer = l.watchTimeAtNanos(since + timeoutNanos, this::expired);
        }
    }
}
