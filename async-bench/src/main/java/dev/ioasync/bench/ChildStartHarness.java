package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM start-up, from the spawn to the first result, measured honestly and beside its ceiling
 * in the same run (IO::Async's {@code fork} start of a Function worker; Perl's anchor is
 * {@code function_calls.pl}'s start-up row).
 *
 * <ul>
 *   <li>{@code fresh ROUNDS [ANCHOR_JAR]}: a new PROCESS {@link Function} (one worker, the function
 *       {@code a + b}) on a loop created beforehand: the clock starts at {@code loop.add} and stops
 *       at the first result; the loop's creation and the Function's stop are outside it. Interleaved
 *       round by round with the independent anchor's bare worker ({@code java -cp ANCHOR_JAR
 *       anchors.FunctionWorker}, no options, as {@code ../shared/anchors/java}'s {@code jdk_function}
 *       starts it): spawn, one request, its response. Two untimed rounds of each come first, and
 *       the harness then waits for any child it left (the ahead-of-time cache's training run) to end.
 *   <li>{@code spare ROUNDS}: a new PROCESS Function served by a spare child JVM
 *       ({@link Routine#keepSpareProcesses}), after {@value #SPARE_WARM_UP_STARTS} unmeasured starts
 *       and the end of the ahead-of-time cache's training run: from {@code loop.add} to the first
 *       result, each time
 *       after the spare has had 1.5 s to boot and warm up and has then gone idle (its CPU time,
 *       from {@code /proc}, stopped growing: on a loaded machine a spare may need longer than 1.5 s);
 *       then the resident memory of a waiting spare. A taken spare's replacement starts
 *       {@code 250 ms} after the take: a round longer than that overlapped with it, and the harness
 *       says how many did.
 * </ul>
 *
 * Output: one {@code RESULT name=value unit} line per sample (the report takes their median and
 * spread), the per-round ratio for {@code fresh}, and a {@code #} comment per series with its
 * median, spread and samples.
 */
public final class ChildStartHarness {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final FunctionCode ADD = args -> (Integer) args[0] + (Integer) args[1];

    private ChildStartHarness() {
    }

    /**
     * Runs one mode.
     *
     * @param args {@code fresh ROUNDS [ANCHOR_JAR]} or {@code spare ROUNDS}
     * @throws Exception when a child fails
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "fresh";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println("# java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus, load " + load());
        switch (mode) {
            case "fresh" -> fresh(rounds, args.length > 2 ? Path.of(args[2]) : null);
            case "spare" -> spare(rounds);
            default -> throw new IllegalArgumentException("mode: fresh or spare, not " + mode);
        }
        System.exit(0);
    }

    private static void fresh(int rounds, Path anchorJar) throws Exception {
        boolean anchor = anchorJar != null && Files.isRegularFile(anchorJar);
        if (!anchor) {
            System.out.println("# no anchor jar (" + anchorJar + "): the bare worker is left out");
        }
        for (int i = 0; i < 2; i++) {
            freshIoasync();
            if (anchor) {
                bareWorker(anchorJar);
            }
        }
        awaitChildren();
        double[] ours = new double[rounds];
        double[] bare = new double[rounds];
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            boolean bareFirst = (i & 1) == 1; // A B, B A, ...: neither always runs after the other
            if (anchor && bareFirst) {
                bare[i] = bareWorker(anchorJar);
            }
            ours[i] = freshIoasync();
            if (anchor && !bareFirst) {
                bare[i] = bareWorker(anchorJar);
            }
            ratio[i] = anchor ? ours[i] / bare[i] : 0;
        }
        result("child_start_fresh_ioasync", ours, "ms");
        if (anchor) {
            result("child_start_fresh_bare_java_cp", bare, "ms");
            result("child_start_fresh_ratio", ratio, "x");
            System.out.printf(Locale.ROOT, "# ratio of the medians %.2f, median of the per-round ratios %.2f%n",
                    median(ours) / median(bare), median(ratio));
        }
    }

    /** {@return ms from {@code loop.add} of a new PROCESS Function to its first result} */
    private static double freshIoasync() {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(RoutineModel.PROCESS).code(ADD).maxWorkers(1);
            long t0 = System.nanoTime();
            loop.add(f);
            Object r = f.call(1, 2).get(WAIT);
            long t1 = System.nanoTime();
            checkAndStop(loop, f, r);
            return (t1 - t0) / 1e6;
        }
    }

    /** {@return ms from spawning the anchor's bare worker to its first response} */
    private static double bareWorker(Path anchorJar) throws IOException, InterruptedException {
        List<String> cmd = List.of(javaExecutable(), "-cp", anchorJar.toString(), "anchors.FunctionWorker");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 65536));
        DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream(), 65536));
        out.writeInt(12);
        out.writeInt(0);
        out.writeInt(1);
        out.writeInt(2);
        out.flush();
        int len = in.readInt();
        in.readInt();
        int v = in.readInt();
        long t1 = System.nanoTime();
        if (len != 8 || v != 3) {
            throw new IllegalStateException("bad response from the bare worker");
        }
        out.close();
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return (t1 - t0) / 1e6;
    }

    private static void spare(int rounds) throws IOException {
        double[] ms = new double[rounds];
        double[] addMs = new double[rounds];
        double[] addCpuMs = new double[rounds];
        try (Loop loop = Loop.create("select")) {
            Routine.keepSpareProcesses(1);
            warmUpSpareStarts(loop, ADD);
            for (int i = 0; i < rounds; i++) {
                awaitSpare(loop);
                double[] parts = new double[2];
                ms[i] = spareStart(loop, ADD, parts);
                addMs[i] = parts[0];
                addCpuMs[i] = parts[1];
            }
            System.out.printf(Locale.ROOT, "# of which loop.add and the first call's issue (the parent's start"
                    + " path: setup encoded, command, spare taken, setup sent, reader and writer handed their work,"
                    + " call queued): median %.2f ms wall, %.2f ms CPU of the calling thread%n", median(addMs), median(addCpuMs));
            long overlapped = Arrays.stream(ms).filter(v -> v >= 250).count();
            System.out.println("# rounds of 250 ms or more, which overlapped with the replacement spare's start: "
                    + overlapped + " of " + rounds);
            awaitSpare(loop);
            long pid = Routine.spareProcessPids().get(0);
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS")) {
                    System.out.println("RESULT child_start_spare_rss=" + line.replaceAll("\\D+", "") + " kB");
                }
            }
            Routine.keepSpareProcesses(0);
        }
        result("child_start_spare_ioasync", ms, "ms");
    }

    /**
     * Unmeasured starts on spares before the measured ones: a program that keeps spares starts
     * routines again and again, and the parent's start path is compiled after a few (with 2, the
     * measured starts still ran much of it in the interpreter, which a user sees only at the first).
     */
    static final int SPARE_WARM_UP_STARTS = 6;

    /**
     * Starts {@link #SPARE_WARM_UP_STARTS} Functions on spares (each waits for an idle spare), then
     * waits for every child JVM that is not a spare to end: the ahead-of-time cache's training run,
     * which the first start begins, takes a core for seconds and changes the children's command
     * line when it is done (spares started before it then no longer match).
     *
     * @param loop the loop
     * @param code the function
     */
    static void warmUpSpareStarts(Loop loop, FunctionCode code) {
        for (int i = 0; i < SPARE_WARM_UP_STARTS; i++) {
            awaitSpare(loop);
            spareStart(loop, code);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> spares = Routine.spareProcessPids();
            List<ProcessHandle> others = ProcessHandle.current().children()
                    .filter(h -> h.isAlive() && !spares.contains(h.pid())).toList();
            if (others.isEmpty()) {
                return;
            }
            try {
                others.get(0).onExit().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.out.println("# child " + others.get(0).pid() + " still running: " + e);
                return;
            }
        }
    }

    /**
     * {@return ms from {@code loop.add} of a new PROCESS Function (one worker) to its first result}
     * The Function is stopped after, outside the time.
     *
     * @param loop the loop
     * @param code the function, {@code a + b}
     */
    static double spareStart(Loop loop, FunctionCode code) {
        return spareStart(loop, code, new double[2]);
    }

    /**
     * {@return ms from {@code loop.add} of a new PROCESS Function (one worker) to its first result}
     *
     * @param loop the loop
     * @param code the function, {@code a + b}
     * @param parts gets the ms of {@code loop.add} and the first call's issue, in which the worker
     *     starts: wall-clock, then this thread's CPU time
     */
    private static double spareStart(Loop loop, FunctionCode code, double[] parts) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Function f = new Function().model(RoutineModel.PROCESS).code(code).maxWorkers(1);
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        loop.add(f);
        dev.ioasync.Future<Object> first = f.call(1, 2); // the worker starts here, on this (the loop's) thread
        long ca = mx.getCurrentThreadCpuTime();
        parts[0] = (System.nanoTime() - t0) / 1e6;
        parts[1] = (ca - c0) / 1e6;
        Object r = first.get(WAIT);
        long t1 = System.nanoTime();
        checkAndStop(loop, f, r);
        return (t1 - t0) / 1e6;
    }

    /** Checks a start's first result (1 + 2) and stops its Function. */
    private static void checkAndStop(Loop loop, Function f, Object r) {
        if (!Integer.valueOf(3).equals(r)) {
            throw new IllegalStateException("bad first result " + r);
        }
        f.stop().get(WAIT);
        loop.remove(f);
    }

    /**
     * Waits (bounded) for a spare, then gives it 1.5 s to boot and warm up, as spares kept ahead of
     * need have, and then until it is idle (bounded by the same deadline).
     */
    static void awaitSpare(Loop loop) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Routine.spareProcessPids().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no spare child JVM started");
            }
            loop.loopOnce(Duration.ofMillis(10));
        }
        LockSupport.parkNanos(1_500_000_000L); // a policy, not a synchronisation: the spare's head start
        long pid = Routine.spareProcessPids().get(0);
        long last = cpuTicks(pid);
        int still = 0;
        while (still < 2 && System.nanoTime() < deadline) { // idle: no CPU tick in two 100 ms periods
            LockSupport.parkNanos(100_000_000L);
            long now = cpuTicks(pid);
            still = now == last ? still + 1 : 0;
            last = now;
        }
    }

    /** {@return the user and system CPU ticks of a process so far, from /proc; -1 when it is gone} */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Waits (bounded) until this JVM has no child process left, such as a training run of the AOT cache. */
    private static void awaitChildren() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ProcessHandle> left = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty()) {
            System.out.println("# waiting for " + left.size() + " child process(es) to end (the AOT cache's training)");
        }
        for (ProcessHandle h : left) {
            long rest = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                h.onExit().get(rest, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.out.println("# child " + h.pid() + " still running: " + e);
            }
        }
    }

    private static void result(String name, double[] values, String unit) {
        double[] s = values.clone();
        Arrays.sort(s);
        List<String> all = new ArrayList<>();
        for (double v : values) {
            all.add(String.format(Locale.ROOT, "%.1f", v));
        }
        for (double v : values) {
            System.out.printf(Locale.ROOT, "RESULT %s=%.3f %s%n", name, v, unit);
        }
        System.out.printf(Locale.ROOT, "# %s median=%.2f min=%.2f max=%.2f %s (n=%d: %s)%n", name, median(values),
                s[0], s[s.length - 1], unit, values.length, String.join(" ", all));
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseGet(() ->
                System.getProperty("java.home") + "/bin/java");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
