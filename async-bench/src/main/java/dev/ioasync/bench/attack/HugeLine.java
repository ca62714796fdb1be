package dev.ioasync.bench.attack;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.protocol.LineProtocol;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attack: a client sends a 200 MB "line" with no newline, first to a server reading it with
 * {@code readUntil("\n")}, then to one speaking {@link LineProtocol}. The stream's default read
 * limit (16 MiB) ends the first with category {@code read-limit}; the line protocol's maximum
 * line length (64 KiB) ends the second much sooner. The server's heap stays bounded and it goes on
 * serving. Loopback only; a few seconds.
 *
 * <p>Run: {@code java -cp <class path> dev.ioasync.bench.attack.HugeLine}.
 */
public final class HugeLine {

    private static final long LINE = 200L << 20;

    private HugeLine() {
    }

    /**
     * Runs both attacks and prints what happened.
     *
     * @param args none
     * @throws Exception on set-up failure
     */
    public static void main(String[] args) throws Exception {
        try (Loop loop = Loop.create()) {
            System.out.println("backend: " + loop.backend());
            List<Future<String>> reads = new ArrayList<>();
            List<Stream> streams = new ArrayList<>();
            Listener plain = loop.listen("127.0.0.1", 0, s -> {
                streams.add(s);
                reads.add(s.readUntil("\n"));
                s.onError((e, src) -> System.out.println("server: error event: " + e.getMessage()));
            }).get();
            attack(loop, plain.port(), "readUntil(\"\\n\")", () -> !reads.isEmpty() && reads.get(0).isReady());
            Future<String> f = reads.get(0);
            System.out.println("server: the read ended " + (f.isFailed() ? "with category " + f.failure().category()
                    + ": " + f.failure().getMessage() : "with " + f.get().length() + " characters"));

            List<String> lines = new ArrayList<>();
            List<Stream> transports = new ArrayList<>();
            Listener proto = loop.listen("127.0.0.1", 0, s -> {
                LineProtocol p = new LineProtocol().onLine(lines::add);
                s.onReadError(e -> System.out.println("server: line protocol transport failed: " + e.getMessage()));
                p.transport(s);
                transports.add(s);
                loop.add(p);
            }).get();
            attack(loop, proto.port(), "LineProtocol", () -> !transports.isEmpty() && transports.get(0).isClosed());
            System.out.println("server: lines delivered: " + lines.size());
        }
    }

    private static void attack(Loop loop, int port, String what, java.util.function.BooleanSupplier over)
            throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        Thread attacker = Thread.ofPlatform().name("attacker").start(() -> {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                while (sent.get() < LINE) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
                System.out.println("attacker: sent all " + (LINE >> 20) + " MB (the server took it all!)");
            } catch (IOException e) {
                System.out.println("attacker: connection dropped after " + (sent.get() >> 20) + " MB: " + e.getMessage());
            }
        });
        long peakHeap = heapBefore;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((!over.getAsBoolean() || attacker.isAlive()) && System.nanoTime() < deadline) {
            loop.loopOnce(Duration.ofMillis(20));
            peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        }
        attacker.join(5000);
        System.out.printf("%s: attacker sent %d MB of a %d MB line; over after %d ms; server heap %d MB before,"
                + " peak %d MB%n", what, sent.get() >> 20, LINE >> 20, (System.nanoTime() - t0) / 1_000_000,
                heapBefore >> 20, peakHeap >> 20);
    }
}
