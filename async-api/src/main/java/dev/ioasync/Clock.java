package dev.ioasync;

import java.time.Instant;

/**
 * The loop's source of time. Every deadline in the loop is measured on {@link #nanoTime()};
 * absolute wall-clock deadlines ({@link Loop#watchTimeAt(Instant, Runnable)}) are converted with
 * {@link #instant()}. Tests inject their own clock to step time by hand (Netty's {@code Ticker}).
 */
public interface Clock {

    /** {@return a monotonic reading in nanoseconds, comparable only with other readings of this clock} */
    long nanoTime();

    /** {@return the current wall-clock time} */
    Instant instant();

    /** {@return the system clock: {@link System#nanoTime()} and {@link Instant#now()}} */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
