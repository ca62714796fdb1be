package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.routine.Channel;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code FunctionBench.pingPong{model=THREAD}} and its ceiling ({@code HandOffCeiling}'s plain
 * park/unpark hand-off) measured by what a round trip costs as well as by how fast the shared
 * machine let it run: a fixed number of round trips, reporting the wall-clock rate and the CPU
 * time of the loop thread and of the routine thread per round trip. On a loaded machine the rate
 * is mostly scheduling noise; the CPU time is the work.
 *
 * <p>It uses only API that every build with Routines has, so it runs against an older
 * {@code benchmarks.jar} too (put the older jar first on the class path and this one after it).
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.RoutinePingPongCpu [routine|ceiling] [roundtrips=100000] [spinMicros=0]
 * </pre>
 */
public final class RoutinePingPongCpu {

    private static final int WARMUP = 50_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RoutinePingPongCpu() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code routine} or {@code ceiling}, then the number of measured round trips,
     *     then the ceiling's spin in microseconds
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "routine";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long spin = args.length > 2 ? Long.parseLong(args[2]) * 1000 : 0;
        if (what.equals("ceiling")) {
            ceiling(n, spin);
        } else {
            routine(n);
        }
    }

    private static void routine(int n) {
        try (Loop loop = Loop.create("select")) {
            Channel<Map<String, Object>> in = new Channel<>();
            Channel<Map<String, Object>> out = new Channel<>();
            long[] routineThread = new long[1];
            Routine routine = new Routine().model(RoutineModel.THREAD).channelsIn(in).channelsOut(out)
                    .code(FunctionBench.ECHO);
            loop.add(routine);
            String id = routine.id();
            routineThread[0] = Long.parseLong(id.substring(id.indexOf('-') + 1));
            Duration wait = Duration.ofSeconds(30);
            RoutinePingPongCpu.roundTrips(in, out, WARMUP, wait);
            long loopCpu0 = THREADS.getCurrentThreadCpuTime();
            long routineCpu0 = THREADS.getThreadCpuTime(routineThread[0]);
            long t0 = System.nanoTime();
            RoutinePingPongCpu.roundTrips(in, out, n, wait);
            report("routine_thread_pingpong", n, System.nanoTime() - t0,
                    THREADS.getCurrentThreadCpuTime() - loopCpu0,
                    THREADS.getThreadCpuTime(routineThread[0]) - routineCpu0);
            in.close();
            routine.result().get(wait);
        }
    }

    private static final class Plain {
        volatile int toRoutine;
        volatile int toLoop;
        volatile boolean stop;
    }

    private static void ceiling(int n, long spinNanos) throws IOException, InterruptedException {
        Plain p = new Plain();
        try (Selector selector = Selector.open()) {
            Thread routine = Thread.ofPlatform().name("routine").daemon().start(() -> {
                int seen = 0;
                while (!p.stop) {
                    int m = p.toRoutine;
                    if (m == seen) {
                        long deadline = System.nanoTime() + spinNanos;
                        while ((m = p.toRoutine) == seen && System.nanoTime() - deadline < 0) {
                            Thread.onSpinWait();
                        }
                        if (m == seen) {
                            LockSupport.park();
                            continue;
                        }
                    }
                    seen = m;
                    p.toLoop = m + 1;
                    selector.wakeup();
                }
            });
            int[] next = {1};
            Runnable one = () -> {
                int i = next[0];
                next[0] += 2;
                p.toRoutine = i;
                LockSupport.unpark(routine);
                try {
                    while (p.toLoop != i + 1) {
                        selector.select();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            for (int i = 0; i < WARMUP; i++) {
                one.run();
            }
            long loopCpu0 = THREADS.getCurrentThreadCpuTime();
            long routineCpu0 = THREADS.getThreadCpuTime(routine.threadId());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                one.run();
            }
            report("ceiling_park_unpark_spin" + spinNanos / 1000 + "us", n, System.nanoTime() - t0,
                    THREADS.getCurrentThreadCpuTime() - loopCpu0,
                    THREADS.getThreadCpuTime(routine.threadId()) - routineCpu0);
            p.stop = true;
            LockSupport.unpark(routine);
            routine.join(10_000);
        }
    }

    private static void report(String name, int n, long wall, long loopCpu, long routineCpu) {
        System.out.printf("%s rate %.0f roundtrips/s, CPU per round trip: loop %.0f ns, routine %.0f ns%n",
                name, n / (wall / 1e9), (double) loopCpu / n, (double) routineCpu / n);
    }

    /**
     * Round trips through the echo routine ({@link FunctionBench#ECHO}), each reply checked: the
     * work both this harness and {@link RoutineProcessPingPongCpu} time.
     *
     * @param in the routine's in-channel
     * @param out its out-channel
     * @param n how many
     * @param wait the longest wait for one reply
     */
    static void roundTrips(Channel<Map<String, Object>> in, Channel<Map<String, Object>> out, int n, Duration wait) {
        for (int i = 0; i < n; i++) {
            in.send(Map.of("n", i, "payload", List.of(1, 2, 3)));
            Map<String, Object> r = out.recv().get(wait);
            if ((Integer) r.get("n") != i + 1) {
                throw new AssertionError("bad reply " + r);
            }
        }
    }
}
