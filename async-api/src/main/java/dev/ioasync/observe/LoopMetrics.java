package dev.ioasync.observe;

import java.util.Map;

/**
 * A snapshot of one loop's counters ({@link dev.ioasync.Loop#metrics()}). Counters run from the
 * loop's creation; gauges ({@code laterQueueDepth}, {@code notifiers}, {@code timers},
 * {@code watchedHandles}) are as of the loop's last publication (exact when taken on the loop
 * thread). Times are wall-clock nanoseconds from {@link System#nanoTime()}, whatever clock the
 * loop's timers use. A loop built with metrics off ({@link ObserveOptions#metrics()}) keeps
 * {@code iterations}, {@code callbacks} (unless its watchdog runs), the times, the histograms and
 * the gauges at zero; the byte, connection, limit and error counters are kept whatever the
 * setting (one addition each, at events that cost far more).
 *
 * @param loop the loop's name
 * @param iterations how many loop iterations (poll then dispatch) ran
 * @param callbacks how many callbacks the loop dispatched (I/O readiness, timers, {@code later})
 * @param pollNanos time spent waiting in the poll
 * @param busyNanos time spent after the poll running callbacks
 * @param timerLatenessNanos how late each timer fired, in nanoseconds of the loop's clock
 * @param readyPerPoll how many handles each poll reported ready
 * @param laterQueueDepth {@code later} calls queued
 * @param notifiers notifiers added to the loop (top level)
 * @param timers timers pending
 * @param watchedHandles handles with a read or write watch
 * @param errorsRouted errors routed to a handler, by the error's class name
 * @param callbacksBlocked how many times the watchdog saw a callback run past its threshold
 * @param bytesRead bytes the loop's streams read (after TLS: the plain bytes handed to readers)
 * @param bytesWritten bytes the loop's streams wrote (before TLS: the plain bytes the writers gave)
 * @param connectionsAccepted connections the loop's listeners accepted
 * @param readLimitHits times a stream's read limit was hit (the stream failed with {@code read-limit})
 * @param writeLimitHits times a write was refused by a stream's write limit ({@code write-limit})
 * @param errorsByCategory errors routed to a handler, by category: the category the error
 *        carries ({@code read-limit}, {@code tls}, a future's category such as {@code connect}),
 *        else {@code io} for an I/O error, else {@code callback}
 */
public record LoopMetrics(String loop, long iterations, long callbacks, long pollNanos, long busyNanos,
        HistogramSnapshot timerLatenessNanos, HistogramSnapshot readyPerPoll, int laterQueueDepth,
        int notifiers, int timers, int watchedHandles, Map<String, Long> errorsRouted, long callbacksBlocked,
        long bytesRead, long bytesWritten, long connectionsAccepted, long readLimitHits, long writeLimitHits,
        Map<String, Long> errorsByCategory) {

    /**
     * Copies the error map.
     *
     * @param loop the loop's name
     * @param iterations iterations run
     * @param callbacks callbacks dispatched
     * @param pollNanos time in the poll
     * @param busyNanos time running callbacks
     * @param timerLatenessNanos timer lateness
     * @param readyPerPoll ready handles per poll
     * @param laterQueueDepth queued {@code later} calls
     * @param notifiers notifiers
     * @param timers pending timers
     * @param watchedHandles watched handles
     * @param errorsRouted errors by class name
     * @param callbacksBlocked watchdog warnings
     * @param bytesRead bytes read by streams
     * @param bytesWritten bytes written by streams
     * @param connectionsAccepted connections accepted
     * @param readLimitHits read limits hit
     * @param writeLimitHits write limits hit
     * @param errorsByCategory errors by category
     */
    public LoopMetrics {
        errorsRouted = Map.copyOf(errorsRouted);
        errorsByCategory = Map.copyOf(errorsByCategory);
    }

    /** {@return the share of the loop's time spent running callbacks rather than polling, in [0, 1]} */
    public double utilisation() {
        long total = pollNanos + busyNanos;
        return total == 0 ? 0 : (double) busyNanos / total;
    }

    /**
     * {@return one line for a log or a {@code --stats} display: the counters, busy share and timer
     * lateness in milliseconds}
     */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: %d iterations, %d callbacks, %.1f%% busy, timers late p50 %.3f ms p99 %.3f ms max %.3f ms,"
                        + " later %d, notifiers %d, timers %d, handles %d, errors %d, blocked %d,"
                        + " read %d B, written %d B, accepted %d, limit hits %d read %d write",
                loop, iterations, callbacks, utilisation() * 100, timerLatenessNanos.p50() / 1e6,
                timerLatenessNanos.p99() / 1e6, timerLatenessNanos.max() / 1e6, laterQueueDepth, notifiers, timers,
                watchedHandles, errorsTotal(), callbacksBlocked, bytesRead, bytesWritten, connectionsAccepted,
                readLimitHits, writeLimitHits);
    }

    /** {@return how many errors were routed, of any class} */
    public long errorsTotal() {
        long n = 0;
        for (long v : errorsRouted.values()) {
            n += v;
        }
        return n;
    }
}
