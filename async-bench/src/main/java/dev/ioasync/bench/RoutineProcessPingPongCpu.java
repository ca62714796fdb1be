package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.routine.Channel;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@link RoutineModel#PROCESS} routine's channel ping-pong ({@code FunctionBench.ECHO} in a child
 * JVM) measured by what a round trip costs: a fixed number of round trips, reporting the
 * wall-clock rate, the CPU time of the loop thread and of the whole child JVM per round trip. On a
 * loaded machine the rate is mostly scheduling noise; the CPU time is the work. Uses only API that
 * every build with Routines has, so that two builds can be compared run by run.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.RoutineProcessPingPongCpu [roundtrips=50000] [runs=1]
 * </pre>
 */
public final class RoutineProcessPingPongCpu {

    private static final int WARMUP = 30_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RoutineProcessPingPongCpu() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the number of measured round trips, then how many runs (each in a new child)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int r = 0; r < runs; r++) {
            run(n);
        }
    }

    private static void run(int n) {
        try (Loop loop = Loop.create("select")) {
            Channel<Map<String, Object>> in = new Channel<>();
            Channel<Map<String, Object>> out = new Channel<>();
            Routine routine = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out)
                    .code(FunctionBench.ECHO);
            loop.add(routine);
            ProcessHandle child = ProcessHandle.of(routine.pid().orElseThrow()).orElseThrow();
            Duration wait = Duration.ofSeconds(60);
            RoutinePingPongCpu.roundTrips(in, out, WARMUP, wait);
            long loopCpu0 = THREADS.getCurrentThreadCpuTime();
            long childCpu0 = child.info().totalCpuDuration().orElseThrow().toNanos();
            long t0 = System.nanoTime();
            RoutinePingPongCpu.roundTrips(in, out, n, wait);
            long wall = System.nanoTime() - t0;
            long loopCpu = THREADS.getCurrentThreadCpuTime() - loopCpu0;
            long childCpu = child.info().totalCpuDuration().orElseThrow().toNanos() - childCpu0;
            System.out.printf("routine_process_pingpong rate %.0f roundtrips/s, CPU per round trip: loop %.0f ns,"
                    + " child JVM %.0f ns%n", n / (wall / 1e9), (double) loopCpu / n, (double) childCpu / n);
            in.close();
            routine.result().get(wait);
        }
    }
}
