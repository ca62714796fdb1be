package dev.ioasync.bench;

import dev.ioasync.Loop;
import java.time.Duration;
import java.util.Locale;

/**
 * Timer schedule+fire cost per timer at a chosen N, for the scaling curve (timers.pl takes N on
 * its command line; JMH's {@link TimerBench} fixes N at 100 000). The work of
 * {@link TimerBench#scheduleFire}: N × {@code watchTimeAfter(1 ms)}, then {@code loopOnce} until
 * all fired, except that the 1 ms until the timers are due is not counted (it would dominate at
 * small N): the time is that of the scheduling loop plus that of the firing loop. Warm-up rounds
 * first (so the JIT has compiled the path), then one
 * {@code RESULT timers_scaling_BACKEND_nN=ns ns/timer} line per measured round.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.TimerScaling BACKEND N [rounds=5]
 * </pre>
 */
public final class TimerScaling {

    private static final Duration DELAY = Duration.ofMillis(1);
    /** Waited, uncounted, between scheduling and firing: past the last timer's deadline. */
    private static final Duration DUE = Duration.ofMillis(2);
    private static final Duration ONCE = Duration.ofMillis(10);
    /** Enough timers in warm-up rounds for the JIT, whatever N is. */
    private static final int WARM_TIMERS = 500_000;

    private static int fired;

    private TimerScaling() {
    }

    /**
     * Runs the rounds.
     *
     * @param args backend, N, optionally the number of measured rounds
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TimerScaling BACKEND N [rounds=5]");
            System.exit(2);
        }
        String backend = args[0];
        int n = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (Loop loop = Loop.create(backend)) {
            for (int warmed = 0; warmed < WARM_TIMERS; warmed += n) {
                round(loop, n);
            }
            for (int r = 0; r < rounds; r++) {
                long ns = round(loop, n);
                System.out.printf(Locale.ROOT, "RESULT timers_scaling_%s_n%d=%.1f ns/timer%n", backend, n, (double) ns / n);
            }
        }
    }

    private static long round(Loop loop, int n) {
        fired = 0;
        Runnable count = () -> fired++;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            loop.watchTimeAfter(DELAY, count);
        }
        long t1 = System.nanoTime();
        while (System.nanoTime() - t1 < DUE.toNanos()) {
            Thread.onSpinWait();
        }
        long t2 = System.nanoTime();
        while (fired < n) {
            loop.loopOnce(ONCE);
        }
        return (t1 - t0) + (System.nanoTime() - t2);
    }
}
