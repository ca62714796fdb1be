package dev.ioasync.routine;

import dev.ioasync.observe.HistogramSnapshot;
import java.util.Map;

/**
 * A snapshot of one {@link Function}'s counters ({@link Function#metrics()}).
 *
 * @param queued calls waiting for a worker
 * @param busy workers running a call
 * @param idle workers waiting for a call
 * @param callsDone calls that returned a result
 * @param callsFailed calls that failed (the code threw, the worker died, the Function stopped)
 * @param callsCancelled calls cancelled by their caller
 * @param callLatencyNanos time from {@code call} to its result or failure, in nanoseconds
 * @param workersStarted workers started
 * @param workersEnded workers that ended, by reason ({@code returned}, {@code died},
 *        {@code codec}, {@code killed})
 */
public record FunctionMetrics(int queued, int busy, int idle, long callsDone, long callsFailed, long callsCancelled,
        HistogramSnapshot callLatencyNanos, long workersStarted, Map<String, Long> workersEnded) {

    /**
     * Copies the map.
     *
     * @param queued calls waiting
     * @param busy busy workers
     * @param idle idle workers
     * @param callsDone calls done
     * @param callsFailed calls failed
     * @param callsCancelled calls cancelled
     * @param callLatencyNanos call latency
     * @param workersStarted workers started
     * @param workersEnded workers ended by reason
     */
    public FunctionMetrics {
        workersEnded = Map.copyOf(workersEnded);
    }

    /** {@return workers that died (an error or a kill, not a normal return)} */
    public long workersDied() {
        long n = 0;
        for (Map.Entry<String, Long> e : workersEnded.entrySet()) {
            if (!"returned".equals(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }
}
