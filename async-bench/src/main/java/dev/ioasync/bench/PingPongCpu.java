package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One-process 1-byte ping-pong measured by what it costs, not by how fast the shared machine let
 * it run: a fixed number of round trips on one loop (echo server and client on the same loop
 * thread, {@code TCP_NODELAY}), reporting the loop thread's CPU time per round trip (user and
 * system: on loopback the kernel's delivery runs in the sending thread's system call) beside the
 * same time split into user space (the JVM: ioasync's own code) and the kernel (the system calls,
 * which both builds make alike), the wall-clock rate and the share of the run the thread spent waiting for a CPU
 * ({@code /proc/thread-self/schedstat}).
 *
 * <p>It uses only API that every build since the first ping-pong benchmark has, so that
 * {@code run-before-after.sh} can run it against an older {@code benchmarks.jar} (put the older
 * jar first on the class path and this one after it): the echo server writes back
 * {@code buf.takeAll()}, the client writes a {@code byte[]}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.PingPongCpu BACKEND [roundtrips=200000]
 * </pre>
 */
public final class PingPongCpu {

    private static final int WARMUP = 100_000;

    private PingPongCpu() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args backend, then optionally the number of measured round trips
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "epoll";
        long n = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Loop loop = Loop.create(backend)) {
            Listener server = loop.await(loop.listen("127.0.0.1", 0, stream -> {
                nodelay(stream);
                stream.onRead((s, buf, eof) -> {
                    if (!buf.isEmpty()) {
                        s.write(buf.takeAll());
                    }
                    if (eof) {
                        s.closeWhenEmpty();
                    }
                    return ReadResult.WAIT;
                });
            })).get();
            roundTrips(loop, server.port(), WARMUP);
            long[] sched0 = schedstat();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long user0 = threads.getCurrentThreadUserTime();
            long t0 = System.nanoTime();
            roundTrips(loop, server.port(), n);
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long user = threads.getCurrentThreadUserTime() - user0;
            long[] sched1 = schedstat();
            String name = "pingpong_cpu_%s_1proc".formatted(backend);
            result(name + "_ns_per_rt", (double) cpu / n, "ns/roundtrip");
            result(name + "_user_ns_per_rt", (double) user / n, "ns/roundtrip");
            result(name + "_kernel_ns_per_rt", (double) (cpu - user) / n, "ns/roundtrip");
            result(name + "_rate", n / (wall / 1e9), "roundtrips/s");
            result(name + "_on_cpu", 100.0 * cpu / wall, "%");
            if (sched0 != null && sched1 != null) {
                result(name + "_runqueue_wait", 100.0 * (sched1[1] - sched0[1]) / wall, "%");
            }
        }
    }

    private static void roundTrips(Loop loop, int port, long n) {
        Stream client = loop.await(loop.connect("127.0.0.1", Integer.toString(port),
                ConnectOptions.DEFAULTS.withTcpNoDelay(true))).get();
        byte[] msg = "x".getBytes(StandardCharsets.US_ASCII);
        long[] count = {0};
        client.onRead((s, buf, eof) -> {
            if (buf.isEmpty()) {
                return ReadResult.WAIT;
            }
            buf.skip(1);
            if (++count[0] == n) {
                loop.stop();
                return ReadResult.WAIT;
            }
            s.write(msg);
            return ReadResult.AGAIN;
        });
        loop.add(client);
        client.write(msg);
        loop.run();
        client.closeNow();
    }

    private static void nodelay(Stream s) {
        try {
            ((SocketHandle) s.readHandle()).setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return this thread's run time and run-queue wait in ns, or null where Linux's schedstat is absent} */
    private static long[] schedstat() {
        try {
            String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void result(String name, double value, String unit) {
        System.out.printf("RESULT %s=%.1f %s%n", name, value, unit);
    }
}
