package dev.ioasync.bench;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.RoutineModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PROCESS Function with one worker and one call in flight, interleaved round by round with the
 * independent ceiling's {@code process_w1_sequential} ({@code ../shared/anchors/java},
 * {@code JdkFunction.sequentialProcess} with its {@code anchors.FunctionWorker} child JVM started
 * from the anchors' jar: the caller writes the call's raw ints to the child's stdin and blocks
 * reading its stdout), so that both medians come from the same minutes: ours on each loop backend
 * named, the anchor's line for line. Per round: the median and p99 round-trip latency and the CPU
 * time per call of the parent JVM and of the child; at the end the medians over rounds and the
 * median of the rounds' ratios (ours over the anchor's, measured back to back) as {@code RESULT}
 * lines.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.ProcessLatencyHarness ANCHORS_JAR|- [calls=20000] [rounds=7] [backends=select,epoll]
 * </pre>
 */
public final class ProcessLatencyHarness {

    private ProcessLatencyHarness() {
    }

    /** The anchor's child JVM worker, its pipes wrapped as the anchor wraps them. */
    private static final class AnchorWorker {
        final Process proc;
        final DataOutputStream out;
        final DataInputStream in;

        AnchorWorker(List<String> cmd) throws IOException {
            proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new DataOutputStream(new BufferedOutputStream(proc.getOutputStream(), 65536));
            in = new DataInputStream(new BufferedInputStream(proc.getInputStream(), 65536));
        }

        /** The anchor's send, flush and read of one call. */
        int call(int id, int a, int b) throws IOException {
            out.writeInt(12);
            out.writeInt(id);
            out.writeInt(a);
            out.writeInt(b);
            out.flush();
            int len = in.readInt();
            int rid = in.readInt();
            int v = in.readInt();
            if (len > 8) {
                in.skipNBytes(len - 8);
            }
            if (rid != id || v != a + b) {
                throw new IllegalStateException("bad result " + rid + " " + v);
            }
            return v;
        }
    }

    /** A sequential measurement: each call's latency, one after the other. */
    private interface Caller {
        void call(int i) throws Exception;
    }

    /**
     * Runs the harness.
     *
     * @param args the anchors' jar, calls per round, rounds, loop backends
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        List<String> backends = List.of((args.length > 3 ? args[3] : "select,epoll").split(","));
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", jar,
                "anchors.FunctionWorker");
        AnchorWorker anchor = jar.equals("-") ? null : new AnchorWorker(cmd); // "-": ours only (for strace)
        List<Loop> loops = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        for (String b : backends) {
            Loop loop = Loop.create(b);
            Function f = new Function().model(RoutineModel.PROCESS).code(FunctionBench.ADD).maxWorkers(1);
            loop.add(f);
            loops.add(loop);
            functions.add(f);
        }
        List<String> names = new ArrayList<>();
        List<Caller> callers = new ArrayList<>();
        List<List<Long>> pids = new ArrayList<>();
        if (anchor != null) {
            names.add("anchor_process_w1_sequential");
            callers.add(i -> anchor.call(i, i, 1));
            pids.add(List.of(anchor.proc.pid()));
        }
        for (int k = 0; k < backends.size(); k++) {
            Function f = functions.get(k);
            names.add("function_process_w1_sequential_" + backends.get(k));
            callers.add(i -> {
                Object r = f.call(i, 1).get(FunctionBench.WAIT);
                if ((Integer) r != i + 1) {
                    throw new IllegalStateException("bad result " + r);
                }
            });
            f.call(0, 1).get(FunctionBench.WAIT); // starts its worker
            pids.add(f.workerPids());
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int w = 0; w < 3; w++) { // warm-up: JIT on all three sides
            for (Caller c : callers) {
                measure(c, calls, os, List.of());
            }
        }
        int n = callers.size();
        double[][][] results = new double[n][rounds][];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                results[k][r] = measure(callers.get(k), calls, os, pids.get(k));
                System.out.printf("# round %d %s median %.1f us, p99 %.1f us, parent %.0f ns/call, child %.0f ns/call%n",
                        r, names.get(k), results[k][r][0] / 1e3, results[k][r][1] / 1e3, results[k][r][2],
                        results[k][r][3]);
            }
        }
        for (int k = 0; k < n; k++) {
            System.out.printf("RESULT %s_median_latency=%.1f us (median of %d rounds)%n", names.get(k),
                    median(column(results[k], 0)) / 1e3, rounds);
            System.out.printf("RESULT %s_p99_latency=%.1f us (median of %d rounds)%n", names.get(k),
                    median(column(results[k], 1)) / 1e3, rounds);
            System.out.printf("RESULT %s_parent_ns_per_call=%.0f ns/call (median of %d rounds)%n", names.get(k),
                    median(column(results[k], 2)), rounds);
            System.out.printf("RESULT %s_child_ns_per_call=%.0f ns/call (median of %d rounds)%n", names.get(k),
                    median(column(results[k], 3)), rounds);
        }
        for (int k = 1; k < n && anchor != null; k++) {
            double[] pairs = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                pairs[r] = results[k][r][0] / results[0][r][0];
            }
            Arrays.sort(pairs);
            System.out.printf("RESULT %s_over_anchor_median_latency=%.3f ratio (interleaved pairs; q1 %.3f, q3 %.3f)%n",
                    names.get(k), pairs[rounds / 2], pairs[rounds / 4], pairs[(3 * rounds) / 4]);
        }
        if (anchor != null) {
            anchor.out.close();
            if (!anchor.proc.waitFor(5, TimeUnit.SECONDS)) {
                anchor.proc.destroyForcibly();
            }
        }
        for (int k = 0; k < functions.size(); k++) {
            functions.get(k).stop().get(FunctionBench.WAIT);
            loops.get(k).remove(functions.get(k));
            loops.get(k).close();
        }
    }

    /** {@return median ns, p99 ns, parent CPU ns per call, child CPU ns per call} */
    private static double[] measure(Caller c, int calls, com.sun.management.OperatingSystemMXBean os, List<Long> pids)
            throws Exception {
        long[] lat = new long[calls];
        long child0 = FunctionProcessCpu.childCpu(pids);
        long p0 = os.getProcessCpuTime();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            c.call(i);
            lat[i] = System.nanoTime() - t0;
        }
        long parent = os.getProcessCpuTime() - p0;
        long child = FunctionProcessCpu.childCpu(pids) - child0;
        Arrays.sort(lat);
        return new double[] {lat[calls / 2], lat[(int) (calls * 0.99)], (double) parent / calls, (double) child / calls};
    }

    private static double[] column(double[][] rows, int i) {
        double[] v = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            v[r] = rows[r][i];
        }
        return v;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
