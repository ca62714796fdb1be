package dev.ioasync.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scaling curves of one run, from the files run-all.sh's sweep writes: in {@code scaling/},
 * {@code timers-BACKEND-N.txt}, {@code perl-timers-N.txt}, {@code echoscale-SERVER-CONNS.txt}
 * (SERVER: select, epoll, io_uring, netty-io_uring or perl), {@code perl-coro-N.txt}, {@code function-workers.json}; and in the
 * run folder {@code coromemN.txt} and {@code perl-function.txt}.
 */
public final class ScalingData {

    private static final List<String> BACKENDS = List.of("select", "epoll");
    private static final List<String> SERVERS = List.of("select", "epoll", "io_uring", "netty-io_uring", "perl");

    private final Path dir;

    /**
     * The curves of one run.
     *
     * @param dir the run folder ({@code $OUT} of run-all.sh)
     */
    public ScalingData(Path dir) {
        this.dir = dir;
    }

    /** @return every plot, those without data included (with no curves) */
    public List<Chart> charts() {
        return List.of(timers(), echo(), echoMemory(), coroMemory(), coroSwitch(), function());
    }

    /** @return schedule+fire cost per timer against the number of timers */
    public Chart timers() {
        List<Curve> cs = new ArrayList<>();
        for (String b : BACKENDS) {
            cs.add(curve(b, "scaling", "timers-" + b + "-(\\d+)\\.txt",
                    (n, m) -> med(m, "timers_scaling_" + b + "_n" + n)));
        }
        cs.add(curve("Perl (Heap::Fibonacci)", "scaling", "perl-timers-(\\d+)\\.txt", (n, m) -> {
            Optional<Double> s = med(m, "timers_heap_watch_time_schedule");
            Optional<Double> f = med(m, "timers_heap_watch_time_fire");
            return s.isPresent() && f.isPresent() ? Optional.of(1e9 / s.get() + 1e9 / f.get()) : Optional.empty();
        }));
        return new Chart("timers", "Timers: schedule + fire cost per timer", "timers scheduled at once",
                "ns per timer (schedule loop + firing loop)", true, cs);
    }

    /** @return closed-loop echoes/s against the number of connections, the server in its own process */
    public Chart echo() {
        List<Curve> cs = new ArrayList<>();
        for (String server : SERVERS) {
            cs.add(echoCurve(server, "throughput"));
        }
        return new Chart("echo", "Echo over N connections, one 16-byte message in flight on each", "concurrent connections",
                "echoes/s (all connections)", true, cs);
    }

    /** @return the echo server's resident set (and the Java servers' heap after GC) against the number of connections */
    public Chart echoMemory() {
        List<Curve> cs = new ArrayList<>();
        for (String server : SERVERS) {
            cs.add(echoCurve(server, "rss").named(label(server) + ": resident set"));
        }
        for (String server : BACKENDS) {
            cs.add(echoCurve(server, "heap").named(server + ": heap after GC"));
        }
        return new Chart("echo-memory", "Echo server memory with N connections open", "concurrent connections", "MB",
                true, cs);
    }

    private Curve echoCurve(String server, String what) {
        return curve(label(server), "scaling", "echoscale-" + server + "-(\\d+)\\.txt",
                (n, m) -> med(m, "echo_scaling_" + server + "_" + n + "conn_" + what));
    }

    private static String label(String server) {
        return server.equals("perl") ? "Perl (Epoll)" : server.equals("netty-io_uring") ? "raw Netty io_uring" : server;
    }

    /** @return memory per idle coro against the number of coros */
    public Chart coroMemory() {
        return new Chart("coro-memory", "Memory per idle coro (blocked on a semaphore)", "coros",
                "bytes per coro (Java: heap after GC; Perl: RSS)", true, List.of(
                        curve("ioasync-java", ".", "coromem(\\d+)\\.txt", (n, m) -> med(m, "coro_idle_memory_heap")),
                        curve("Perl Coro", "scaling", "perl-coro-(\\d+)\\.txt", (n, m) -> med(m, "coro_idle_memory"))));
    }

    /** @return the cost of waking, finishing and joining a blocked coro against the number of coros */
    public Chart coroSwitch() {
        BiFunction<Long, Map<String, Measure>, Optional<Double>> ns = (n, m) -> med(m, "coro_idle_wake_join").map(r -> 1e9 / r);
        return new Chart("coro-switch", "Wake + finish + join of N blocked coros, cost per coro", "coros",
                "ns per coro", true, List.of(
                        curve("ioasync-java", ".", "coromem(\\d+)\\.txt", ns),
                        curve("Perl Coro", "scaling", "perl-coro-(\\d+)\\.txt", ns)));
    }

    /** @return Function throughput with 200 calls in flight against the number of workers */
    public Chart function() {
        Results r = new Results();
        Path json = dir.resolve("scaling/function-workers.json");
        if (Files.isRegularFile(json)) {
            r.add("jmh", JmhJson.parse(read(json)));
        }
        Path perl = dir.resolve("perl-function.txt");
        if (Files.isRegularFile(perl)) {
            r.add("perl", ResultLines.parse(read(perl)));
        }
        List<Curve> cs = new ArrayList<>();
        for (String model : List.of("THREAD", "VIRTUAL", "PROCESS")) {
            cs.add(workers(model, w -> r.get("jmh:FunctionBench.pipelined{model=" + model + ",workers=" + w + "}")));
        }
        cs.add(workers("ThreadPoolExecutor", w -> r.get("jmh:FunctionBench.executorPipelined{workers=" + w + "}")));
        cs.add(workers("Perl fork", w -> r.get("perl:function_w" + w + "_pipelined200")));
        return new Chart("function-workers", "Function: calls/s with 200 in flight", "workers", "calls/s", true, cs);
    }

    private static Curve workers(String name, java.util.function.IntFunction<Optional<Measure>> at) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int w = 1; w <= 64; w *= 2) {
            Optional<Measure> m = at.apply(w);
            if (m.isPresent()) {
                xs.add((double) w);
                ys.add(m.get().median());
            }
        }
        return new Curve(name, xs, ys);
    }

    private Curve curve(String name, String sub, String fileRegex,
            BiFunction<Long, Map<String, Measure>, Optional<Double>> y) {
        Pattern p = Pattern.compile(fileRegex);
        TreeMap<Long, Double> points = new TreeMap<>();
        Path d = dir.resolve(sub);
        if (Files.isDirectory(d)) {
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.toList()) {
                    Matcher m = p.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        long n = Long.parseLong(m.group(1));
                        y.apply(n, ResultLines.parse(read(f))).ifPresent(v -> points.put(n, v));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Curve(name, points.keySet().stream().map(Long::doubleValue).toList(), List.copyOf(points.values()));
    }

    private static Optional<Double> med(Map<String, Measure> m, String key) {
        return Optional.ofNullable(m.get(key)).map(Measure::median);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
