package dev.ioasync.bench;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.Channel;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * IO::Async::Function and Routine costs, side by side with
 * {@code shared/anchors/perl/function_calls.pl}: the function is {@code a + b}.
 *
 * <ul>
 *   <li>{@link #sequential}: one call in flight; sample mode gives the median and p99 round trip
 *       (calls/s = 10^6 / mean in us).
 *   <li>{@link #pipelined}: {@link #PIPELINE} calls issued at once, then all awaited; us per call.
 *   <li>{@link #executorSequential} / {@link #executorPipelined}: the THREAD peer, a plain
 *       {@link ThreadPoolExecutor} with the same number of threads whose results come back to
 *       the loop through {@code loop.later}, as a Function's do.
 *   <li>{@link #pingPong}: a Routine echoing a small map over two channels; us per round trip.
 *   <li>{@link #processStartToFirstResult}: a new PROCESS Function, from its {@code loop.add} to
 *       the first result (child JVM start included, the loop's creation and the stop not); ms,
 *       single shot.
 * </ul>
 * Every benchmark runs on the loop's own thread, which waits with {@code Future.get}.
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class FunctionBench {

    /** Calls in flight in the pipelined cases, as the Perl script. */
    public static final int PIPELINE = 200;

    static final Duration WAIT = Duration.ofSeconds(60);

    static final FunctionCode ADD = args -> (Integer) args[0] + (Integer) args[1];

    static final RoutineCode ECHO = ctx -> {
        RoutineChannel<Map<String, Object>> in = ctx.in(0);
        RoutineChannel<Map<String, Object>> out = ctx.out(0);
        Map<String, Object> m;
        while ((m = in.recv()) != null) {
            Map<String, Object> r = new HashMap<>(m);
            r.put("n", (Integer) m.get("n") + 1);
            out.send(r);
        }
        return 0;
    };

    /** A Function with {@code workers} workers in {@code model}, on a select loop. */
    @State(Scope.Thread)
    public static class Fn {
        /** The workers' model. */
        @Param({"THREAD", "VIRTUAL", "PROCESS"})
        public String model;
        /** Workers: min = max. */
        @Param({"1", "2"})
        public int workers;

        Loop loop;
        Function function;
        int n;

        /** Starts the workers and warms them. */
        @Setup(Level.Trial)
        public void setUp() {
            loop = Loop.create("select");
            function = new Function().model(RoutineModel.valueOf(model)).code(ADD).minWorkers(workers)
                    .maxWorkers(workers);
            loop.add(function);
            List<Future<Object>> warm = new ArrayList<>();
            for (int i = 0; i < 10 * workers; i++) {
                warm.add(function.call(i, 1));
            }
            Future.needsAll(warm).get(WAIT);
        }

        /** Stops the workers. */
        @TearDown(Level.Trial)
        public void tearDown() {
            function.stop().get(WAIT);
            loop.remove(function);
            loop.close();
        }
    }

    /** The executor peer of the THREAD model. */
    @State(Scope.Thread)
    public static class Pool {
        /** Threads in the pool. */
        @Param({"1", "2"})
        public int workers;

        Loop loop;
        ThreadPoolExecutor pool;
        int n;

        /** Starts the pool. */
        @Setup(Level.Trial)
        public void setUp() {
            loop = Loop.create("select");
            pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            pool.prestartAllCoreThreads();
        }

        Future<Object> call(int a, int b) {
            Future<Object> f = loop.newFuture();
            pool.execute(() -> {
                Object r;
                try {
                    r = ADD.apply(a, b);
                } catch (Exception e) {
                    loop.later(() -> f.fail(e));
                    return;
                }
                loop.later(() -> f.done(r));
            });
            return f;
        }

        /** Stops the pool. */
        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdownNow();
            loop.close();
        }
    }

    /** A Routine echoing over two channels. */
    @State(Scope.Thread)
    public static class Echo {
        /** The routine's model. */
        @Param({"THREAD", "VIRTUAL", "PROCESS"})
        public String model;

        Loop loop;
        Channel<Map<String, Object>> in;
        Channel<Map<String, Object>> out;
        Routine routine;
        int n;

        /** Starts the routine and warms it. */
        @Setup(Level.Trial)
        public void setUp() {
            loop = Loop.create("select");
            in = new Channel<>();
            out = new Channel<>();
            routine = new Routine().model(RoutineModel.valueOf(model)).channelsIn(in).channelsOut(out).code(ECHO);
            loop.add(routine);
            in.send(Map.of("n", 0));
            out.recv().get(WAIT);
        }

        /** Ends the routine. */
        @TearDown(Level.Trial)
        public void tearDown() {
            in.close();
            routine.result().get(WAIT);
            loop.close();
        }
    }

    /** One call in flight. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object sequential(Fn s) {
        int i = s.n++;
        Object r = s.function.call(i, 1).get(WAIT);
        if ((Integer) r != i + 1) {
            throw new AssertionError("bad result " + r);
        }
        return r;
    }

    /** {@link #PIPELINE} calls in flight. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(PIPELINE)
    public Object pipelined(Fn s) {
        List<Future<Object>> calls = new ArrayList<>(PIPELINE);
        for (int i = 0; i < PIPELINE; i++) {
            calls.add(s.function.call(i, 1));
        }
        return Future.needsAll(calls).get(WAIT);
    }

    /** One executor call in flight. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object executorSequential(Pool s) {
        int i = s.n++;
        return s.call(i, 1).get(WAIT);
    }

    /** {@link #PIPELINE} executor calls in flight. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(PIPELINE)
    public Object executorPipelined(Pool s) {
        List<Future<Object>> calls = new ArrayList<>(PIPELINE);
        for (int i = 0; i < PIPELINE; i++) {
            calls.add(s.call(i, 1));
        }
        return Future.needsAll(calls).get(WAIT);
    }

    /** One channel round trip. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pingPong(Echo s) {
        int i = s.n++;
        s.in.send(Map.of("n", i, "payload", List.of(1, 2, 3)));
        Map<String, Object> r = s.out.recv().get(WAIT);
        if ((Integer) r.get("n") != i + 1) {
            throw new AssertionError("bad reply " + r);
        }
        return r;
    }

    /** A loop made before, and a Function stopped after, each measured start of a fresh child JVM. */
    @State(Scope.Thread)
    public static class FreshJvm {
        Loop loop;
        Function last;

        /** Creates the loop, outside the measured time. */
        @Setup(Level.Invocation)
        public void createLoop() {
            loop = Loop.create("select");
        }

        /** Stops the Function measured and closes the loop, outside the measured time. */
        @TearDown(Level.Invocation)
        public void stopAndClose() {
            if (last != null) {
                last.stop().get(WAIT);
                loop.remove(last);
                last = null;
            }
            loop.close();
        }
    }

    /**
     * A fresh child JVM: from adding a new PROCESS Function to its first result (the JVM's spawn
     * and start included; the loop's creation and the Function's stop are not). ChildStartHarness
     * measures the same beside the bare {@code java -cp} worker of the independent anchor.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Object processStartToFirstResult(FreshJvm s) {
        Function f = new Function().model(RoutineModel.PROCESS).code(ADD).maxWorkers(1);
        s.last = f;
        s.loop.add(f);
        return f.call(1, 2).get(WAIT);
    }
}
