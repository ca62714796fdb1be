package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java twin of {@code echo_pingpong.pl} and {@code echo_throughput.pl}: the same work, the
 * same {@code RESULT name=value unit} lines, so the two can be read side by side.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.EchoHarness pingpong BACKEND [seconds=2] [msgsize=1]
 * java -cp benchmarks.jar dev.ioasync.bench.EchoHarness throughput BACKEND [seconds=3] [conns=100] [owned|bytes|both]
 * </pre>
 *
 * <p>{@code pingpong}: one echo server (listener + stream writing back what it reads) and one
 * client stream, {@code TCP_NODELAY} on both ends; the client sends {@code msgsize} bytes, waits
 * for all of them, repeats. {@code 1proc} runs both on one loop; {@code 2proc} runs the server in
 * a child JVM with its own loop. {@code throughput}: each writer keeps four 64 KiB chunks queued
 * (refilled from {@code on_outgoing_empty}), 64 KiB reads; {@code oneway} counts bytes the server
 * received, {@code echo} bytes echoed back to the client; MB = 10^6 bytes. The writers hand the
 * stream read-only duplicates of one shared direct 64 KiB chunk ({@code Stream.writeOwned}, no
 * copy: what the Netty ceiling does with {@code ByteBuf.duplicate()}) and the echo server moves
 * what it read to its write queue with {@code Stream.writeFrom} (no copy: the direct buffer the
 * socket was read into is handed over, as Netty echoes the buffer it received); the rows ending in
 * {@code _bytes} write the same chunk as a {@code byte[]} ({@code Stream.write(byte[])}, copied
 * once into a pooled direct buffer) and echo with {@code write(buf.takeAll())}, the IO::Async
 * idiom (two copies). The last argument picks which rows run (both by default).
 * {@code TCP_NODELAY} is on at both ends, as Netty has it by default. Every case first runs
 * {@value #WARMUP_SECONDS} s unmeasured.
 */
public final class EchoHarness {

    private static final PrintStream OUT = System.out;
    /** The chunk the owned-buffer writers send: one direct 64 KiB buffer, handed over as read-only duplicates. */
    private static final ByteBuffer CHUNK = ByteBuffer.allocateDirect(65536).asReadOnlyBuffer();
    /** Each case first runs this long unmeasured, so that the JIT has compiled its path. */
    static final double WARMUP_SECONDS = 0.5;

    private EchoHarness() {
    }

    /**
     * Runs one benchmark.
     *
     * @param args see the class comment
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EchoHarness pingpong|throughput|server BACKEND [seconds] [size-or-conns]");
            System.exit(2);
        }
        String backend = args[1];
        switch (args[0]) {
            case "pingpong" -> pingpong(backend, arg(args, 2, 2.0), (int) arg(args, 3, 1));
            case "throughput" -> throughput(backend, arg(args, 2, 3.0), (int) arg(args, 3, 100),
                    args.length > 4 ? args[4] : "both");
            case "server" -> serveForever(backend);
            default -> {
                System.err.println("unknown benchmark " + args[0]);
                System.exit(2);
            }
        }
    }

    private static double arg(String[] args, int i, double dflt) {
        return args.length > i ? Double.parseDouble(args[i]) : dflt;
    }

    private static void nodelay(Stream s) {
        try {
            ((SocketHandle) s.readHandle()).setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An echo server on 127.0.0.1, any port. */
    private static Listener echoServer(Loop loop) {
        return loop.await(loop.listen("127.0.0.1", 0, stream -> {
            nodelay(stream);
            stream.onRead((s, buf, eof) -> {
                if (!buf.isEmpty()) {
                    s.writeFrom(buf, buf.size());
                }
                if (eof) {
                    s.closeWhenEmpty();
                }
                return ReadResult.WAIT;
            });
        })).get();
    }

    private static double runClient(Loop loop, int port, double seconds, int msgSize) {
        Stream client = loop.await(loop.connect("127.0.0.1", Integer.toString(port),
                ConnectOptions.DEFAULTS.withTcpNoDelay(true))).get();
        byte[] msg = "x".repeat(msgSize).getBytes(StandardCharsets.US_ASCII);
        long[] count = {0};
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        client.onRead((s, buf, eof) -> {
            if (buf.size() < msgSize) {
                return ReadResult.WAIT;
            }
            buf.skip(msgSize);
            count[0]++;
            if ((count[0] & 63) == 0 && System.nanoTime() >= deadline) {
                loop.stop();
                return ReadResult.WAIT;
            }
            s.write(msg);
            return ReadResult.AGAIN;
        });
        loop.add(client);
        client.write(msg);
        loop.run();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        client.closeNow();
        return count[0] / elapsed;
    }

    private static void pingpong(String backend, double seconds, int msgSize) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Listener server = echoServer(loop);
            runClient(loop, server.port(), WARMUP_SECONDS, msgSize);
            double rate = runClient(loop, server.port(), seconds, msgSize);
            result("echo_pingpong_%s_1proc_msg%d".formatted(backend, msgSize), rate, "roundtrips/s");
        }
        Process child = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), EchoHarness.class.getName(), "server", backend))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Loop loop = Loop.create(backend)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(r.readLine().trim());
            runClient(loop, port, WARMUP_SECONDS, msgSize);
            double rate = runClient(loop, port, seconds, msgSize);
            result("echo_pingpong_%s_2proc_msg%d".formatted(backend, msgSize), rate, "roundtrips/s");
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static void serveForever(String backend) {
        try (Loop loop = Loop.create(backend)) {
            Listener server = echoServer(loop);
            OUT.println(server.port());
            OUT.flush();
            loop.watchTimeAfter(Duration.ofMinutes(5), () -> loop.stop());
            loop.run();
        }
    }

    private static void throughput(String backend, double seconds, int conns, String writers) {
        if (!List.of("owned", "bytes", "both").contains(writers)) {
            throw new IllegalArgumentException("writers must be owned, bytes or both, not " + writers);
        }
        for (boolean owned : new boolean[] {true, false}) {
            if (writers.equals(owned ? "bytes" : "owned")) {
                continue;
            }
            String suffix = owned ? "" : "_bytes";
            throughputCase(backend, "oneway_1conn" + suffix, 1, false, owned, seconds);
            throughputCase(backend, "echo_1conn" + suffix, 1, true, owned, seconds);
            throughputCase(backend, "oneway_" + conns + "conn" + suffix, conns, false, owned, seconds);
        }
    }

    private static void throughputCase(String backend, String name, int conns, boolean echo, boolean owned,
            double seconds) {
        throughputRun(backend, conns, echo, owned, WARMUP_SECONDS);
        result("echo_throughput_%s_%s".formatted(backend, name), throughputRun(backend, conns, echo, owned, seconds),
                "MB/s");
    }

    /** One streaming run on a fresh loop; returns MB/s. */
    private static double throughputRun(String backend, int conns, boolean echo, boolean owned, double seconds) {
        byte[] chunk = new byte[65536];
        try (Loop loop = Loop.create(backend)) {
            long[] received = {0};
            boolean[] running = {true};
            List<Stream> servers = new ArrayList<>();
            Listener listener = loop.await(loop.listen("127.0.0.1", 0, stream -> {
                servers.add(stream);
                nodelay(stream);
                stream.readWatermarks(0, 0);
                stream.onReadError(e -> { });
                stream.onWriteError(e -> { });
                stream.onRead((s, buf, eof) -> {
                    if (echo) {
                        if (buf.isEmpty()) {
                            return ReadResult.WAIT;
                        } else if (owned) {
                            s.writeFrom(buf, buf.size());
                        } else {
                            s.write(buf.takeAll());
                        }
                    } else {
                        received[0] += buf.size();
                        buf.clear();
                    }
                    return ReadResult.WAIT;
                });
            })).get();
            List<Stream> clients = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                Stream c = loop.await(loop.connect("127.0.0.1", Integer.toString(listener.port()),
                        ConnectOptions.DEFAULTS.withTcpNoDelay(true))).get();
                c.onRead((s, buf, eof) -> {
                    received[0] += buf.size();
                    buf.clear();
                    return ReadResult.WAIT;
                });
                c.onOutgoingEmpty(() -> {
                    if (running[0]) {
                        fill(c, owned, chunk);
                    }
                });
                c.onReadError(e -> { });
                c.onWriteError(e -> { });
                loop.add(c);
                clients.add(c);
            }
            while (servers.size() < conns) {
                loop.loopOnce(Duration.ofMillis(100));
            }
            long t0 = System.nanoTime();
            for (Stream c : clients) {
                fill(c, owned, chunk);
            }
            loop.watchTimeAfter(Duration.ofNanos((long) (seconds * 1e9)), () -> {
                running[0] = false;
                loop.stop();
            });
            received[0] = 0;
            loop.run();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long bytes = received[0];
            clients.forEach(Stream::closeNow);
            servers.forEach(Stream::closeNow);
            return bytes / elapsed / 1e6;
        }
    }

    /** Queues four 64 KiB chunks: handed over without a copy, or as a {@code byte[]} the stream copies. */
    private static void fill(Stream c, boolean owned, byte[] chunk) {
        for (int k = 0; k < 4; k++) {
            if (owned) {
                c.writeOwned(CHUNK.duplicate());
            } else {
                c.write(chunk);
            }
        }
    }

    private static void result(String name, double value, String unit) {
        ResultPrinter.PLAIN.put(name, value, unit);
    }
}
