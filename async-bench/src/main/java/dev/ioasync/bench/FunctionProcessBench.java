package dev.ioasync.bench;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.RoutineModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A PROCESS Function with calls sent ahead to its child JVMs ({@link Function#pipelineDepth}),
 * the twin of {@code jdk_function}'s {@code process_w2_pipelined200} (the ceiling) and
 * {@code process_w1} latency in {@code shared/anchors/java}: the function is {@code a + b}.
 *
 * <ul>
 *   <li>{@link #pipelined}: {@link FunctionBench#PIPELINE} calls issued at once, then all awaited,
 *       with 2 workers; us per call (calls/s = 10^6 / score). {@code depth=1} is IO::Async's
 *       one call per worker.
 *   <li>{@link #sequential}: one call in flight, 1 worker; sample mode gives the median round trip.
 * </ul>
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class FunctionProcessBench {

    /** A PROCESS Function with min = max workers. */
    @State(Scope.Thread)
    public static class Fn {
        /** Calls sent ahead per worker. */
        @Param({"1", "16", "100"})
        public int depth;

        Loop loop;
        Function function;
        int n;

        void start(int workers) {
            loop = Loop.create("select");
            function = new Function().model(RoutineModel.PROCESS).code(FunctionBench.ADD).minWorkers(workers)
                    .maxWorkers(workers).pipelineDepth(depth);
            loop.add(function);
            List<Future<Object>> warm = new ArrayList<>();
            for (int i = 0; i < 10 * workers; i++) {
                warm.add(function.call(i, 1));
            }
            Future.needsAll(warm).get(FunctionBench.WAIT);
            // The code of three JVMs (this one and two children) is compiled while they run:
            // JMH's warm-up as run-all.sh gives it (2 x 1 s) ends before the children's and the
            // loop's hot paths are compiled on a small loaded machine, and the measurement would
            // then time the interpreter. Keep calls in flight first, as the steady case does.
            long until = System.nanoTime() + WARM_UP_NANOS;
            for (int c = 0; c < WARM_UP_CALLS && System.nanoTime() < until; c += STEADY_CALLS) {
                keepInFlight(loop, function, STEADY_CALLS);
            }
        }

        /** Stops the workers. */
        @TearDown(Level.Trial)
        public void tearDown() {
            function.stop().get(FunctionBench.WAIT);
            loop.remove(function);
            loop.close();
        }
    }

    /** Two workers. */
    @State(Scope.Thread)
    public static class Two extends Fn {
        /** Starts them. */
        @Setup(Level.Trial)
        public void setUp() {
            start(2);
        }
    }

    /** One worker. */
    @State(Scope.Thread)
    public static class One extends Fn {
        /** Starts it. */
        @Setup(Level.Trial)
        public void setUp() {
            start(1);
        }
    }

    /** {@link FunctionBench#PIPELINE} calls in flight over 2 workers. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(FunctionBench.PIPELINE)
    public Object pipelined(Two s) {
        List<Future<Object>> calls = new ArrayList<>(FunctionBench.PIPELINE);
        for (int i = 0; i < FunctionBench.PIPELINE; i++) {
            calls.add(s.function.call(i, 1));
        }
        return Future.needsAll(calls).get(FunctionBench.WAIT);
    }

    /** Calls per {@link #steady} invocation. */
    public static final int STEADY_CALLS = 20_000;

    /**
     * {@link FunctionBench#PIPELINE} calls kept in flight over 2 workers, each result issuing the
     * next call, as the ceiling's {@code pipelined200} does; us per call.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(STEADY_CALLS)
    public Object steady(Two s) {
        return keepInFlight(s.loop, s.function, STEADY_CALLS);
    }

    /** Calls answered in the set-up's warm-up (at most {@link #WARM_UP_NANOS}). */
    static final int WARM_UP_CALLS = 400_000;

    /** The longest set-up warm-up: {@value} ns. */
    static final long WARM_UP_NANOS = 5_000_000_000L;

    /** Starts a Function's workers (20 calls) and warms them with {@code calls} kept in flight. */
    static void startAndWarm(Loop loop, Function function, int calls) {
        List<Future<Object>> warm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warm.add(function.call(i, 1));
        }
        Future.needsAll(warm).get(FunctionBench.WAIT);
        keepInFlight(loop, function, calls);
    }

    /**
     * Keeps {@link FunctionBench#PIPELINE} calls in flight, each result issuing the next call,
     * until {@code calls} have been answered.
     */
    static Object keepInFlight(Loop loop, Function function, int calls) {
        Future<Object> all = loop.newFuture();
        int[] issued = {0};
        int[] done = {0};
        Runnable[] issue = new Runnable[1];
        issue[0] = () -> {
            int i = issued[0]++;
            function.call(i, 1).onReady(f -> {
                if (f.isFailed()) {
                    all.fail(f.failure());
                    return;
                }
                if (++done[0] == calls) {
                    all.done(done[0]);
                } else if (issued[0] < calls) {
                    issue[0].run();
                }
            });
        };
        for (int i = 0; i < FunctionBench.PIPELINE; i++) {
            issue[0].run();
        }
        return all.get(FunctionBench.WAIT);
    }

    /** Spare child JVMs kept ({@link dev.ioasync.routine.Routine#keepSpareProcesses}). */
    @State(Scope.Benchmark)
    public static class Spares {
        Loop loop;
        Function last;

        /**
         * Keeps one spare, then starts {@link ChildStartHarness#SPARE_WARM_UP_STARTS} Functions on
         * spares, unmeasured, and waits for the ahead-of-time cache's training run they may have
         * started: the state of a program that has been starting routines for a while, which
         * {@link ChildStartHarness}'s spare mode measures too (JMH's own warm-up count is set by
         * the command line and may be as low as 2).
         */
        @Setup(Level.Trial)
        public void setUp() {
            loop = Loop.create("select");
            dev.ioasync.routine.Routine.keepSpareProcesses(1);
            ChildStartHarness.warmUpSpareStarts(loop, FunctionBench.ADD);
        }

        /**
         * Waits (bounded) until a spare waits and has finished its warm-up (1.5 s, then until it is
         * idle), outside the measured time: the protocol of {@link ChildStartHarness}'s spare mode.
         */
        @Setup(Level.Invocation)
        public void awaitSpare() {
            ChildStartHarness.awaitSpare(loop);
        }

        /** Stops the Function measured, outside the measured time. */
        @TearDown(Level.Invocation)
        public void stopLast() {
            if (last != null) {
                last.stop().get(FunctionBench.WAIT);
                loop.remove(last);
                last = null;
            }
        }

        /** Prints a waiting spare's resident memory, then ends the spares. */
        @TearDown(Level.Trial)
        public void tearDown() throws java.io.IOException {
            awaitSpare();
            long pid = dev.ioasync.routine.Routine.spareProcessPids().get(0);
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS")) {
                    System.out.println("# spare child JVM " + pid + " " + line);
                }
            }
            dev.ioasync.routine.Routine.keepSpareProcesses(0);
            loop.close();
        }
    }

    /**
     * A new PROCESS Function served by a spare child JVM: from the first call to its result (the
     * Function is stopped outside the measured time; each start waits for a spare that has
     * finished its warm-up and is idle, as spares kept ahead of need are); ms.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    public Object spareStartToFirstResult(Spares s) {
        Function f = new Function().model(RoutineModel.PROCESS).code(FunctionBench.ADD).maxWorkers(1);
        s.loop.add(f);
        s.last = f;
        return f.call(1, 2).get(FunctionBench.WAIT);
    }

    /** One call in flight, 1 worker. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object sequential(One s) {
        int i = s.n++;
        Object r = s.function.call(i, 1).get(FunctionBench.WAIT);
        if ((Integer) r != i + 1) {
            throw new AssertionError("bad result " + r);
        }
        return r;
    }
}
