package dev.ioasync.bench;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.RoutineModel;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A THREAD Function with 2 workers and {@link FunctionBench#PIPELINE} calls kept in flight (each
 * result issuing the next call), interleaved round by round with the independent ceiling's
 * pattern ({@code jdk_function_tpe_t2_pipelined200} of {@code ../shared/anchors/java}: a
 * 2-thread {@link ThreadPoolExecutor}, each call a {@code CompletableFuture.supplyAsync} whose
 * result is posted to a lock-free inbox where the caller thread parks), so that both figures
 * come from the same minutes of the same machine. Prints each round's rate and CPU time per call
 * (the whole JVM's, and the loop's or caller's thread's) as comments, then the medians and the
 * median of the rounds' ratios (ours over the anchor's, each pair measured back to back) as
 * {@code RESULT} lines. On this 2-core machine both sides swing between a mode where threads
 * park and wake per call and one where they rarely do; the pairs' ratio is the figure to read.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.FunctionThreadCpu [calls=2000000] [rounds=5] [backend=epoll] [both|ours|anchor]
 * </pre>
 */
public final class FunctionThreadCpu {

    private FunctionThreadCpu() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args calls per round, rounds, loop backend
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String backend = args.length > 2 ? args[2] : "epoll";
        String which = args.length > 3 ? args[3] : "both";
        boolean ours = !which.equals("anchor");
        boolean anchor = !which.equals("ours");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.THREAD).code(FunctionBench.ADD).minWorkers(2).maxWorkers(2);
            loop.add(f);
            FunctionProcessBench.startAndWarm(loop, f, calls);
            executorInFlight(pool, calls);
            double[][] oursRounds = new double[rounds][];
            double[][] anchorRounds = new double[rounds][];
            for (int r = 0; r < rounds; r++) {
                if (ours) {
                    oursRounds[r] = ours(os, loop, f, calls);
                }
                if (anchor) {
                    anchorRounds[r] = anchor(os, pool, calls);
                }
            }
            if (ours) {
                medians("function_thread_w2_inflight200", oursRounds, "call");
            }
            if (anchor) {
                medians("anchor_tpe_t2_inflight200", anchorRounds, "call");
            }
            if (ours && anchor) {
                ratio("function_thread_over_anchor_rate", pairRatios(oursRounds, anchorRounds, 0));
                ratio("function_thread_over_anchor_jvm_cpu_per_call", pairRatios(oursRounds, anchorRounds, 1));
            }
            f.stop().get(FunctionBench.WAIT);
            loop.remove(f);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@return rate, JVM CPU ns per call, loop thread CPU ns per call} */
    static double[] ours(com.sun.management.OperatingSystemMXBean os, Loop loop, Function f, int calls) {
        return round(os, "function_thread_w2_inflight200", calls, "call",
                () -> FunctionProcessBench.keepInFlight(loop, f, calls));
    }

    /** {@return rate, JVM CPU ns per call, caller thread CPU ns per call} */
    static double[] anchor(com.sun.management.OperatingSystemMXBean os, ThreadPoolExecutor pool, int calls) {
        return round(os, "anchor_tpe_t2_inflight200", calls, "call", () -> executorInFlight(pool, calls));
    }

    /**
     * Runs one round of {@code ops} operations on this thread and prints it as a comment.
     *
     * @return rate, the whole JVM's CPU ns per operation, this thread's CPU ns per operation
     */
    static double[] round(com.sun.management.OperatingSystemMXBean os, String name, int ops, String op,
            Runnable work) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long p0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        work.run();
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - p0;
        long threadCpu = threads.getCurrentThreadCpuTime() - c0;
        double[] round = {ops / (wall / 1e9), (double) cpu / ops, (double) threadCpu / ops};
        System.out.printf("# %s rate %.0f %s/s, jvm %.0f ns/%s, calling thread %.0f ns/%s%n", name, round[0],
                plural(op), round[1], op, round[2], op);
        return round;
    }

    private static String plural(String op) {
        return op.endsWith("h") ? op + "es" : op + "s";
    }

    /** Prints the medians over rounds of {@link #round}'s three figures as {@code RESULT} lines. */
    static void medians(String name, double[][] rounds, String op) {
        String[] what = {"_rate", "_jvm_ns_per_" + op, "_thread_ns_per_" + op};
        String[] unit = {plural(op) + "/s", "ns/" + op, "ns/" + op};
        for (int i = 0; i < what.length; i++) {
            double[] v = new double[rounds.length];
            for (int r = 0; r < rounds.length; r++) {
                v[r] = rounds[r][i];
            }
            java.util.Arrays.sort(v);
            System.out.printf("RESULT %s%s=%.0f %s (median of %d rounds)%n", name, what[i], v[v.length / 2], unit[i],
                    v.length);
        }
    }

    /** {@return each round's {@code column} of ours over the anchor's, measured back to back} */
    static double[] pairRatios(double[][] ours, double[][] anchor, int column) {
        double[] pairs = new double[ours.length];
        for (int r = 0; r < ours.length; r++) {
            pairs[r] = ours[r][column] / anchor[r][column];
        }
        return pairs;
    }

    static void ratio(String name, double[] pairs) {
        java.util.Arrays.sort(pairs);
        System.out.printf("RESULT %s=%.3f ratio (interleaved pairs; q1 %.3f, q3 %.3f)%n", name, pairs[pairs.length / 2],
                pairs[pairs.length / 4], pairs[(3 * pairs.length) / 4]);
    }

    /** The anchor's pipelined pattern, line for line: results posted to a parked caller. */
    static void executorInFlight(ThreadPoolExecutor pool, int calls) {
        AnchorInbox<int[]> inbox = new AnchorInbox<>();
        int issued = 0;
        int inflight = 0;
        long done = 0;
        for (; issued < FunctionBench.PIPELINE; issued++, inflight++) {
            issue(pool, inbox, issued);
        }
        while (inflight > 0) {
            int[] r = inbox.take();
            if (r[1] != r[0] + 1) {
                throw new IllegalStateException("bad result " + r[1]);
            }
            done++;
            inflight--;
            if (issued < calls) {
                issue(pool, inbox, issued++);
                inflight++;
            }
        }
        if (done != calls) {
            throw new IllegalStateException(done + " of " + calls + " answered");
        }
    }

    static void issue(ThreadPoolExecutor pool, AnchorInbox<int[]> inbox, int i) {
        CompletableFuture.supplyAsync(() -> add(i, 1), pool)
                .whenComplete((v, e) -> inbox.post(new int[] {i, v == null ? Integer.MIN_VALUE : v}));
    }

    static int add(int a, int b) {
        return a + b;
    }
}
