package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.timer.Absolute;
import dev.ioasync.timer.Countdown;
import dev.ioasync.timer.Periodic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * The timer notifiers (IO::Async::Timer::*): a {@link Countdown} that fires once after 100 ms, a
 * {@link Periodic} that ticks every 40 ms and stops itself at the third tick, and an
 * {@link Absolute} set for a wall-clock time 200 ms ahead, which ends the example. The deadlines
 * never coincide, so the lines always come in the same order.
 */
public final class TimersExample implements Example {

    private static final Duration COUNTDOWN = Duration.ofMillis(100);
    private static final Duration PERIOD = Duration.ofMillis(40);
    private static final Duration ABSOLUTE_AHEAD = Duration.ofMillis(200);
    private static final int TICKS = 3;

    /** Creates the example. */
    public TimersExample() {
    }

    @Override
    public String name() {
        return "timers";
    }

    @Override
    public String summary() {
        return "a Countdown, a Periodic that ticks 3 times then stops, an Absolute";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        int[] ticks = {0};
        Periodic periodic = new Periodic();
        periodic.interval(PERIOD).onTick(() -> {
            ticks[0]++;
            if (ticks[0] < TICKS) {
                out.println("  periodic: tick " + ticks[0]);
            } else {
                out.println("  periodic: tick " + ticks[0] + ", stopping");
                periodic.stop();
            }
        });
        Countdown countdown = new Countdown(COUNTDOWN,
                () -> out.println("  countdown: expired after " + COUNTDOWN.toMillis() + " ms"));
        Instant at = loop.time().plus(ABSOLUTE_AHEAD);
        Absolute absolute = new Absolute(at, () -> {
            out.println("  absolute: fired at the time it was set for");
            loop.stop();
        });

        periodic.start();
        countdown.start();
        loop.add(periodic).add(countdown).add(absolute); // an Absolute starts when it is added
        out.println("  started: Countdown(" + COUNTDOWN.toMillis() + " ms), Periodic(every " + PERIOD.toMillis()
                + " ms), Absolute(now + " + ABSOLUTE_AHEAD.toMillis() + " ms)");

        Waits.run(loop, "the Absolute timer");

        loop.remove(periodic).remove(countdown).remove(absolute);
        out.println("  done: periodic ticked " + ticks[0] + " times and is " + (periodic.isRunning() ? "running" : "stopped")
                + "; countdown " + (countdown.isExpired() ? "expired" : "did not expire"));
    }
}
