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
 * {@link Absolute} set for a wall-clock time 200 ms ahead. The deadlines never coincide, so the
 * lines normally come in the order of the deadlines; the example ends when all three timers are
 * through, whichever is last (so a stalled machine changes at most the order of the lines).
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
        int[] through = {0};
        Runnable oneThrough = () -> {
            if (++through[0] == 3) {
                loop.stop();
            }
        };
        int[] ticks = {0};
        Periodic periodic = new Periodic();
        periodic.interval(PERIOD).onTick(() -> {
            ticks[0]++;
            if (ticks[0] < TICKS) {
                out.println("  periodic: tick " + ticks[0]);
            } else {
                out.println("  periodic: tick " + ticks[0] + ", stopping");
                periodic.stop();
                oneThrough.run();
            }
        });
        Countdown countdown = new Countdown(COUNTDOWN, () -> {
            out.println("  countdown: expired after " + COUNTDOWN.toMillis() + " ms");
            oneThrough.run();
        });
        Instant at = loop.time().plus(ABSOLUTE_AHEAD);
        Absolute absolute = new Absolute(at, () -> {
            out.println("  absolute: fired at the time it was set for");
            oneThrough.run();
        });

        periodic.start();
        countdown.start();
        loop.add(periodic).add(countdown).add(absolute); // an Absolute starts when it is added
        out.println("  started: Countdown(" + COUNTDOWN.toMillis() + " ms), Periodic(every " + PERIOD.toMillis()
                + " ms), Absolute(now + " + ABSOLUTE_AHEAD.toMillis() + " ms)");

        Waits.run(loop, "all three timers");

        loop.remove(periodic).remove(countdown).remove(absolute);
        out.println("  done: periodic ticked " + ticks[0] + " times and is " + (periodic.isRunning() ? "running" : "stopped")
                + "; countdown " + (countdown.isExpired() ? "expired" : "did not expire"));
    }
}
