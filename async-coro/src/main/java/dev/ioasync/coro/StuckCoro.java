package dev.ioasync.coro;

import java.time.Duration;

/**
 * A coro blocked longer than a threshold ({@link CoroScheduler#stuck(Duration)}).
 *
 * @param info the coro's row, as in {@link Coro#list()}
 * @param blockedFor how long it has been blocked, to within one loop iteration
 */
public record StuckCoro(CoroInfo info, Duration blockedFor) {
}
