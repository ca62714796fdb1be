package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.RoutineModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

/**
 * A PROCESS Function with 2 workers and {@link FunctionBench#PIPELINE} calls kept in flight (each
 * result issuing the next call, as {@link FunctionProcessBench#steady} and the ceiling's
 * {@code process_w2_pipelined200}), measured by what it costs rather than by how fast the shared
 * machine let it run: per call, the CPU time of the parent's loop thread (the thread that runs
 * the loop here), of the whole parent JVM, and of each child JVM (user and system, from
 * {@link ProcessHandle.Info#totalCpuDuration()}), and the read and write system calls per call
 * of each side ({@code syscr} and {@code syscw} of {@code /proc/PID/io} on Linux: how many calls
 * one read or write carries), beside the wall-clock rate.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.FunctionProcessCpu [calls=400000] [depth=16] [rounds=3] [backend=select]
 * </pre>
 */
public final class FunctionProcessCpu {

    private FunctionProcessCpu() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args calls per round, pipeline depth, rounds, loop backend
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : Function.DEFAULT_PIPELINE_DEPTH;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String backend = args.length > 3 ? args[3] : "select";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.PROCESS).code(FunctionBench.ADD).minWorkers(2).maxWorkers(2)
                    .pipelineDepth(depth);
            loop.add(f);
            FunctionProcessBench.startAndWarm(loop, f, calls);
            String name = "function_process_w2_inflight200_depth" + depth;
            for (int r = 0; r < rounds; r++) {
                List<Long> pids = f.workerPids();
                long child0 = childCpu(pids);
                long[] io0 = io(List.of(ProcessHandle.current().pid()));
                long[] childIo0 = io(pids);
                long proc0 = os.getProcessCpuTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                FunctionProcessBench.keepInFlight(loop, f, calls);
                long wall = System.nanoTime() - t0;
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long proc = os.getProcessCpuTime() - proc0;
                long child = childCpu(pids) - child0;
                long[] io1 = io(List.of(ProcessHandle.current().pid()));
                long[] childIo1 = io(pids);
                result(name + "_rate", calls / (wall / 1e9), "calls/s");
                result(name + "_loop_thread_ns_per_call", (double) cpu / calls, "ns/call");
                result(name + "_parent_jvm_ns_per_call", (double) proc / calls, "ns/call");
                result(name + "_children_ns_per_call", (double) child / calls, "ns/call");
                ioResults(name, calls, io0, io1, childIo0, childIo1);
            }
            f.stop().get(FunctionBench.WAIT);
            loop.remove(f);
        }
    }

    static long childCpu(List<Long> pids) {
        long ns = 0;
        for (long pid : pids) {
            ns += ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        }
        return ns;
    }

    /** {@return the read and write system calls of the processes so far, or {@code null} where /proc has none} */
    static long[] io(List<Long> pids) {
        long[] rw = new long[2];
        for (long pid : pids) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/io"))) {
                    if (line.startsWith("syscr:")) {
                        rw[0] += Long.parseLong(line.substring(6).trim());
                    } else if (line.startsWith("syscw:")) {
                        rw[1] += Long.parseLong(line.substring(6).trim());
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
        return rw;
    }

    /** Prints the read and write system calls per 1000 calls of both sides, where /proc has them. */
    static void ioResults(String name, int calls, long[] io0, long[] io1, long[] childIo0, long[] childIo1) {
        if (io0 != null && io1 != null && childIo0 != null && childIo1 != null) {
            result(name + "_parent_reads_per_1000_calls", 1000.0 * (io1[0] - io0[0]) / calls, "");
            result(name + "_parent_writes_per_1000_calls", 1000.0 * (io1[1] - io0[1]) / calls, "");
            result(name + "_children_reads_per_1000_calls", 1000.0 * (childIo1[0] - childIo0[0]) / calls, "");
            result(name + "_children_writes_per_1000_calls", 1000.0 * (childIo1[1] - childIo0[1]) / calls, "");
        }
    }

    static void result(String name, double value, String unit) {
        System.out.printf("RESULT %s=%.1f %s%n", name, value, unit);
    }
}
