package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.coro.Coro;
import dev.ioasync.coro.CoroScheduler;
import dev.ioasync.coro.Semaphore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Set;

/**
 * The three cases of Perl's Coro benchmark ({@code ../shared/anchors/perl/coro.pl}) that have
 * goals (cede between 2 coros, async+join, semaphore ping-pong), and the ceiling of the first (a
 * bare Continuation scheduler, {@link CoroCeilings}), timed on the CPU time of the
 * loop's thread instead of the wall clock, for a comparison that a loaded machine disturbs less:
 * with the Continuation mechanism every coro runs on that one thread, so its CPU time is all the
 * work (JIT and GC threads excepted). Compare with coro.pl timed on process CPU time. Prints the
 * median of 7 measured rounds after 5 warm-up rounds, as {@code RESULT name=value unit}, and the
 * cede's ratio to its ceiling from rounds of the two taken in turn (the goal of issue 18).
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
 *      -cp async-bench/target/benchmarks.jar dev.ioasync.bench.CoroCpuTime [NAME...]
 * </pre>
 *
 * <p>With names (those of the {@code RESULT} lines, e.g. {@code coro_cede_2coros_over_ceiling}),
 * only those run: a quicker before/after of one case, or one case under a profiler.
 */
public final class CoroCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int N = 200_000;

    private CoroCpuTime() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the names of the results to measure; none for all
     */
    public static void main(String[] args) {
        Set<String> only = Set.of(args);
        try (Loop loop = Loop.create("select")) {
            CoroScheduler s = CoroScheduler.of(loop);
            if (!s.mechanism().equals("continuation")) {
                throw new IllegalStateException("CoroCpuTime needs the continuation mechanism: its thread CPU time"
                        + " misses the work of the fallback's virtual threads");
            }
            System.out.println("# thread CPU time, median of 7 rounds; java " + System.getProperty("java.version"));
            if (only.isEmpty() || only.contains("ceiling_continuation_scheduler")) {
                report("ceiling_continuation_scheduler", "switches/s", 2 * N, CoroCpuTime::bareContinuations);
            }
            if (only.isEmpty() || only.contains("coro_cede_2coros")) {
                report("coro_cede_2coros", "switches/s", 2 * N, CoroCpuTime::cede);
            }
            if (only.isEmpty() || only.contains("coro_create_join")) {
                report("coro_create_join", "coros/s", N, CoroCpuTime::asyncJoin);
            }
            if (only.isEmpty() || only.contains("coro_semaphore_pingpong")) {
                report("coro_semaphore_pingpong", "roundtrips/s", N, CoroCpuTime::semaphorePingPong);
            }
            if (only.isEmpty() || only.contains("coro_cede_2coros_over_ceiling")) {
                ratio("coro_cede_2coros_over_ceiling", CoroCpuTime::cede, CoroCpuTime::bareContinuations);
            }
        }
    }

    /**
     * The goal's ratio measured in pairs: a round of {@code work}, then a round of its ceiling,
     * again and again; each pair's ratio of rates (CPU time), the median of 9 pairs. A machine
     * whose load comes and goes disturbs both rounds of a pair alike, which separate medians of
     * rounds minutes apart do not.
     */
    private static void ratio(String name, Runnable work, Runnable ceiling) {
        double[] ratios = new double[9];
        for (int pair = -3; pair < ratios.length; pair++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            work.run();
            long t1 = THREADS.getCurrentThreadCpuTime();
            ceiling.run();
            long t2 = THREADS.getCurrentThreadCpuTime();
            if (pair >= 0) {
                ratios[pair] = (double) (t2 - t1) / (t1 - t0); // same operations: rate ratio = time ratio inverted
            }
        }
        Arrays.sort(ratios);
        System.out.printf("RESULT %s=%.3f ratio (cpu, interleaved pairs; q1 %.3f, q3 %.3f)%n", name,
                ratios[ratios.length / 2], ratios[ratios.length / 4], ratios[3 * ratios.length / 4]);
    }

    private static void report(String name, String unit, int ops, Runnable work) {
        double[] rates = new double[7];
        for (int round = -5; round < rates.length; round++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            work.run();
            long t1 = THREADS.getCurrentThreadCpuTime();
            if (round >= 0) {
                rates[round] = ops / ((t1 - t0) / 1e9);
            }
        }
        Arrays.sort(rates);
        System.out.printf("RESULT %s=%.0f %s (cpu)%n", name, rates[rates.length / 2], unit);
    }

    private static void cede() {
        Runnable body = () -> {
            for (int i = 0; i < N; i++) {
                Coro.cede();
            }
        };
        Coro a = Coro.async(body);
        Coro b = Coro.async(body);
        a.join();
        b.join();
    }

    /** The ceiling of {@link #cede}: the same switches in a bare Continuation scheduler ({@link CoroCeilings}). */
    private static void bareContinuations() {
        try {
            CoroCeilings.continuationScheduler(2 * N);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void asyncJoin() {
        for (int i = 0; i < N; i++) {
            Coro.async(a -> 1).join();
        }
    }

    private static void semaphorePingPong() {
        Semaphore s1 = new Semaphore(0);
        Semaphore s2 = new Semaphore(0);
        Coro c = Coro.async(() -> {
            for (int i = 0; i < N; i++) {
                s1.down();
                s2.up();
            }
        });
        for (int i = 0; i < N; i++) {
            s1.up();
            s2.down();
        }
        c.join();
    }
}
