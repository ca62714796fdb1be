package dev.ioasync.bench;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
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
 * What looking inside a loop costs (issue 16's budget: at most 2 % with metrics and the watchdog
 * on): the same two loops with {@link #observe} {@code off} (metrics off, watchdog off),
 * {@code on} (the defaults: metrics on, watchdog at 2 s) and {@code jfr} (the defaults plus a JFR
 * recording that takes {@code dev.ioasync.LoopStall} at its 20 ms threshold, so the loop times
 * every callback).
 *
 * <ul>
 *   <li>{@link #pingPong}: one loop on the benchmark thread holds both ends of a loopback TCP
 *       connection; a 64-byte message goes to an echo server and back. ns per round trip.
 *   <li>{@link #timers}: {@link #TIMERS} timers already due, fired in {@code loopOnce} calls. ns
 *       per timer.
 * </ul>
 *
 * <p>Run the modes interleaved ({@code async-bench/run-observe-cost.sh}): the machine's noise is
 * larger than the cost, so only ratios taken in one run mean anything. On a machine so loaded
 * that wall-clock JMH scores swing by a factor of several, {@link #main} interleaves the modes in
 * one JVM at a finer grain (batches of a few tens of milliseconds, in rotating order) and
 * reports the loop thread's CPU time per operation, which the other processes disturb far less.
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ObserveCostBench {

    /** Timers per invocation of {@link #timers}. */
    public static final int TIMERS = 1000;

    private static final byte[] MESSAGE = new byte[64];

    /** Loop backend. */
    @Param({"epoll"})
    public String backend;

    /** {@code off}: metrics and watchdog off; {@code on}: both on (the defaults); {@code jfr}: on, plus a recording of LoopStall. */
    @Param({"off", "on", "jfr"})
    public String observe;

    Loop loop;
    Stream client;
    int echoed;
    int fired;
    final Runnable count = () -> fired++;
    Recording recording;

    /**
     * Opens the loop, the echo server and the client, and starts the recording for {@code jfr}.
     */
    @Setup(Level.Trial)
    public void setUp() {
        boolean on = !observe.equals("off");
        loop = Loop.builder().backend(backend).metrics(on).watchdog(on ? Duration.ofSeconds(2) : Duration.ZERO).build();
        if (observe.equals("jfr")) {
            recording = new Recording();
            recording.enable("dev.ioasync.LoopStall").withThreshold(Duration.ofMillis(20));
            recording.start();
        } else if (!observe.equals("on") && !observe.equals("off")) {
            throw new IllegalArgumentException("observe must be off, on or jfr, not " + observe);
        }
        Listener server = await(loop.listen("127.0.0.1", "0", h -> new Listener(h).onStream(s -> s.onRead((st, b, e) -> {
            if (!b.isEmpty()) {
                st.write(b.takeAll());
            }
            return ReadResult.WAIT;
        })), 0));
        client = await(loop.connect("127.0.0.1", server.port()));
        loop.add(client.onRead((s, b, e) -> {
            while (b.size() >= MESSAGE.length) {
                b.skip(MESSAGE.length);
                echoed++;
            }
            return ReadResult.WAIT;
        }));
    }

    private <T> T await(Future<T> f) {
        while (!f.isReady()) {
            loop.loopOnce(Duration.ofMillis(10));
        }
        return f.get();
    }

    /** Stops the recording and closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
        client.closeNow();
        loop.close();
    }

    /**
     * One round trip of 64 bytes over loopback, both ends on the loop.
     *
     * @return the round trips so far
     */
    @Benchmark
    public int pingPong() {
        int want = echoed + 1;
        client.write(MESSAGE);
        Loop l = loop;
        while (echoed < want) {
            l.loopOnce(Duration.ofMillis(100));
        }
        return echoed;
    }

    /**
     * Interleaved comparison in one JVM: {@code off}, {@code on} and {@code jfr} states open
     * side by side (the recording is started only around the {@code jfr} batches), each batch of
     * one mode followed by one of the next, in rotating order; prints per benchmark and mode the
     * median over batches of CPU and wall nanoseconds per operation, and the median of the
     * per-round ratios to {@code off}.
     *
     * @param args {@code [backend [rounds [batchMillis]]]}, default {@code epoll 200 20}
     * @throws Exception when a loop cannot open
     */
    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "epoll";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long batchNanos = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1_000_000L;
        String[] modes = {"off", "on", "jfr"};
        ObserveCostBench[] states = new ObserveCostBench[modes.length];
        for (int i = 0; i < modes.length; i++) {
            states[i] = new ObserveCostBench();
            states[i].backend = backend;
            states[i].observe = modes[i].equals("jfr") ? "on" : modes[i]; // the recording is per batch below
        }
        for (ObserveCostBench s : states) {
            s.setUp();
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] benches = {"pingPong", "timers"};
        // [bench][mode][round] -> {cpu ns/op, wall ns/op}
        double[][][][] r = new double[benches.length][modes.length][rounds][2];
        for (int round = -rounds / 5; round < rounds; round++) { // the first fifth warms up
            for (int b = 0; b < benches.length; b++) {
                for (int k = 0; k < modes.length; k++) {
                    int m = (k + Math.floorMod(round, modes.length)) % modes.length;
                    Recording rec = null;
                    if (modes[m].equals("jfr")) {
                        rec = new Recording();
                        rec.enable("dev.ioasync.LoopStall").withThreshold(Duration.ofMillis(20));
                        rec.start();
                    }
                    ObserveCostBench s = states[m];
                    long ops = 0;
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    long end = w0 + batchNanos;
                    do {
                        if (b == 0) {
                            s.pingPong();
                            ops++;
                        } else {
                            s.timers();
                            ops += TIMERS;
                        }
                    } while (System.nanoTime() - end < 0);
                    long c1 = cpu.getCurrentThreadCpuTime();
                    long w1 = System.nanoTime();
                    if (rec != null) {
                        rec.close();
                    }
                    if (round >= 0) {
                        r[b][m][round][0] = (double) (c1 - c0) / ops;
                        r[b][m][round][1] = (double) (w1 - w0) / ops;
                    }
                }
            }
        }
        for (ObserveCostBench s : states) {
            s.tearDown();
        }
        System.out.printf(java.util.Locale.ROOT, "ObserveCostBench.main backend=%s rounds=%d batch=%d ms%n", backend,
                rounds, batchNanos / 1_000_000);
        System.out.println("| benchmark | mode | CPU ns/op (median) | wall ns/op (median) | CPU ratio to off (median of rounds) |"
                + " wall ratio to off (median of rounds) |");
        System.out.println("|---|---|---|---|---|---|");
        for (int b = 0; b < benches.length; b++) {
            for (int m = 0; m < modes.length; m++) {
                double[] cpuOps = new double[rounds];
                double[] wallOps = new double[rounds];
                double[] cpuRatio = new double[rounds];
                double[] wallRatio = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    cpuOps[i] = r[b][m][i][0];
                    wallOps[i] = r[b][m][i][1];
                    cpuRatio[i] = r[b][m][i][0] / r[b][0][i][0];
                    wallRatio[i] = r[b][m][i][1] / r[b][0][i][1];
                }
                System.out.printf(java.util.Locale.ROOT, "| %s | %s | %.1f | %.1f | %.4f | %.4f |%n", benches[b], modes[m],
                        median(cpuOps), median(wallOps), median(cpuRatio), median(wallRatio));
            }
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    /**
     * {@link #TIMERS} due timers, fired.
     *
     * @return the timers fired so far
     */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public int timers() {
        Loop l = loop;
        int want = fired + TIMERS;
        for (int i = 0; i < TIMERS; i++) {
            l.watchTimeAfter(Duration.ZERO, count);
        }
        while (fired < want) {
            l.loopOnce(Duration.ZERO);
        }
        return fired;
    }
}
