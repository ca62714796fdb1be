package dev.ioasync.coro;

/**
 * A snapshot of one scheduler's coros ({@link CoroScheduler#metrics()}).
 *
 * @param alive coros not yet ended, the main coro not counted
 * @param ready coros in the ready queues (Coro's {@code nready})
 * @param blocked coros waiting on a primitive, a future, a timer or a stream
 * @param switches times the scheduler resumed a coro
 * @param deadlocksReported deadlocks detected and reported
 */
public record CoroMetrics(int alive, int ready, int blocked, long switches, long deadlocksReported) {
}
