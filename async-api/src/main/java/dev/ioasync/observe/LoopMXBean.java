package dev.ioasync.observe;

/**
 * The JMX view of one loop, registered as {@code dev.ioasync:type=Loop,name=<name>} when the
 * loop was built with {@link dev.ioasync.LoopBuilder#jmx(boolean)} or the system property
 * {@value ObserveOptions#JMX_PROPERTY} is {@code true}. Attributes read
 * {@link dev.ioasync.Loop#metrics()}.
 */
public interface LoopMXBean {

    /** {@return the loop's name} */
    String getName();

    /** {@return the loop's backend} */
    String getBackend();

    /** {@return loop iterations run} */
    long getIterations();

    /** {@return callbacks dispatched} */
    long getCallbacks();

    /** {@return nanoseconds spent polling} */
    long getPollNanos();

    /** {@return nanoseconds spent running callbacks} */
    long getBusyNanos();

    /** {@return the share of time spent running callbacks, in [0, 1]} */
    double getUtilisation();

    /** {@return the median timer lateness in nanoseconds (within a factor of two)} */
    long getTimerLatenessP50Nanos();

    /** {@return the 99th percentile of timer lateness in nanoseconds (within a factor of two)} */
    long getTimerLatenessP99Nanos();

    /** {@return the largest timer lateness in nanoseconds} */
    long getTimerLatenessMaxNanos();

    /** {@return the mean number of ready handles per poll} */
    double getReadyPerPollMean();

    /** {@return queued {@code later} calls} */
    int getLaterQueueDepth();

    /** {@return notifiers on the loop} */
    int getNotifiers();

    /** {@return pending timers} */
    int getTimers();

    /** {@return watched handles} */
    int getWatchedHandles();

    /** {@return errors routed to a handler} */
    long getErrorsTotal();

    /** {@return times the watchdog found a callback blocking the loop} */
    long getCallbacksBlocked();

    /** {@return bytes the loop's streams read} */
    long getBytesRead();

    /** {@return bytes the loop's streams wrote} */
    long getBytesWritten();

    /** {@return connections the loop's listeners accepted} */
    long getConnectionsAccepted();

    /** {@return times a stream's read limit was hit} */
    long getReadLimitHits();

    /** {@return times a stream's write limit refused a write} */
    long getWriteLimitHits();

    /** {@return errors routed to a handler, by category ({@code read-limit}, {@code io}, {@code callback}, ...)} */
    java.util.Map<String, Long> getErrorsByCategory();

    /** {@return whether the loop keeps its timing metrics} */
    boolean isMetricsEnabled();

    /** {@return the watchdog's threshold in milliseconds, 0 when off} */
    long getWatchdogWarnMillis();

    /** {@return a listing of the coros on the loop, or a line saying there is no coro scheduler} */
    String listCoros();
}
