package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.observe.LoopMetrics;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code --stats} line of the server commands: connections accepted, callbacks per second,
 * each loop's utilisation and the worst timer lateness p99 over the loops, from
 * {@link Loop#metrics()} (safe to read from any thread).
 */
final class ServerStats {

    private final List<Loop> loops;
    private final AtomicLong accepted;
    private final PrintStream err;
    private long lastCallbacks;
    private long lastNanos = System.nanoTime();

    ServerStats(List<Loop> loops, AtomicLong accepted, PrintStream err) {
        this.loops = loops;
        this.accepted = accepted;
        this.err = err;
    }

    /** Prints one line. */
    void print() {
        long callbacks = 0;
        long lateP99 = 0;
        StringBuilder busy = new StringBuilder();
        for (Loop l : loops) {
            LoopMetrics m = l.metrics();
            callbacks += m.callbacks();
            lateP99 = Math.max(lateP99, m.timerLatenessNanos().p99());
            busy.append(busy.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f%%", m.utilisation() * 100));
        }
        long now = System.nanoTime();
        double rate = (callbacks - lastCallbacks) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastCallbacks = callbacks;
        lastNanos = now;
        err.printf(Locale.ROOT, "stats: %d connections accepted, %.0f callbacks/s, busy %s, timers late p99 %.3f ms%n",
                accepted.get(), rate, busy, lateP99 / 1e6);
        err.flush();
    }
}
