package dev.ioasync.bench.attack;

import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.TlsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * Attack: many TLS clients connect and never say a word, against a server whose process may open
 * only {@value #FD_LIMIT} file descriptors ({@code ulimit -n}, in a child JVM). Without a handshake
 * deadline they would hold every descriptor for ever and no real client would get in. With the
 * default deadline (shortened to {@value #DEADLINE_MS} ms here) the server drops them, logs the
 * descriptor shortage once when it starts and once when it ends, and a real client that comes
 * after them completes its handshake and is served.
 *
 * <p>Run: {@code java -cp <class path> dev.ioasync.bench.attack.SilentTlsClients}. Linux or macOS
 * (it needs {@code /bin/sh} for {@code ulimit}); loopback only; at most about a minute. The same
 * attack, with its outcome checked, runs in every {@code mvn verify} as the conformance test
 * {@code dev.ioasync.tck.TlsFdLimitTck} (on each backend).
 */
public final class SilentTlsClients {

    static final int FD_LIMIT = 256;
    static final int SILENT = Integer.getInteger("attack.silent", 320);
    static final long DEADLINE_MS = 2000;

    private SilentTlsClients() {
    }

    /**
     * Runs the attack, or with {@code --server <keystore> <deadline ms>} the server side.
     *
     * @param args none, or the server's arguments
     * @throws Exception on set-up failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--server")) {
            server(Path.of(args[1]), Duration.ofMillis(Long.parseLong(args[2])));
        } else {
            attack();
        }
    }

    private static void server(Path keystore, Duration deadline) throws Exception {
        // one line per dropped handshake would drown the shortage messages this scenario shows
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger(Listener.class.getName());
        quiet.setLevel(java.util.logging.Level.parse(System.getProperty("attack.log", "WARNING")));
        // Logging's first message opens the time-zone database: do it now, while descriptors are
        // to be had, or the first warning about running out of them fails for want of one.
        quiet.warning("server starting (this line loads what logging needs before descriptors run short)");
        try (Loop loop = Loop.create()) {
            TlsOptions tls = TlsOptions.of(AttackCertificate.server(keystore));
            Listener l = loop.listen("127.0.0.1", "0", h -> new Listener(h).tls(tls).tlsHandshakeTimeout(deadline)
                    .onStream(SilentTlsClients::echo), 0).get();
            System.out.println("PORT " + l.port());
            System.out.flush();
            report(loop, l);
            loop.watchTimeAfter(Duration.ofSeconds(60), loop::stop);
            loop.run();
            System.out.println("server: stops");
        }
    }

    private static void report(Loop loop, Listener l) {
        loop.watchTimeAfter(Duration.ofSeconds(1), () -> {
            System.out.println("server: accepted " + l.acceptedCount() + ", handshakes under way "
                    + l.pendingHandshakes() + ", out of descriptors now: " + l.isOutOfFileDescriptors()
                    + ", pauses so far " + l.pauseCount());
            System.out.flush();
            report(loop, l);
        });
    }

    private static void echo(Stream s) {
        s.onRead((st, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                st.write(line);
            }
            return ReadResult.WAIT;
        });
    }

    private static void attack() throws Exception {
        Path dir = Files.createTempDirectory("ioasync-attack");
        Path keystore = AttackCertificate.make(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -n " + FD_LIMIT + " && exec '" + java + "' -Dattack.log=" + System.getProperty("attack.log", "WARNING") + " -cp '" + System.getProperty("java.class.path")
                + "' " + SilentTlsClients.class.getName() + " --server '" + keystore + "' " + DEADLINE_MS;
        System.out.println("starting the server with at most " + FD_LIMIT + " file descriptors, TLS handshake"
                + " deadline " + DEADLINE_MS + " ms");
        Process server = new ProcessBuilder("/bin/sh", "-c", cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("PORT ")) {
                throw new IOException("the server did not start: " + first);
            }
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring(5)));
            threads.submit(() -> {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println(line);
                }
                return null;
            });
            run(at, keystore, threads);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            threads.shutdownNow();
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(InetSocketAddress at, Path keystore, ExecutorService threads) throws Exception {
        javax.net.ssl.SSLSocketFactory tls = AttackCertificate.client(keystore).getSocketFactory();
        realClient(at, tls, "real client before the attack (warms up both sides' TLS code)");
        long t0 = System.nanoTime();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<Long> droppedAfterMs = new ConcurrentLinkedQueue<>();
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < SILENT; i++) {
            Socket s = new Socket();
            try {
                s.connect(at, 3000);
            } catch (IOException e) {
                refused.incrementAndGet();
                s.close();
                continue;
            }
            connected.incrementAndGet();
            silent.add(s);
            long opened = System.nanoTime();
            threads.submit(() -> {
                try {
                    s.setSoTimeout(45_000);
                    s.getInputStream().read(); // says nothing; waits to be dropped
                } catch (IOException dropped) {
                    // a reset is a drop too
                }
                droppedAfterMs.add((System.nanoTime() - opened) / 1_000_000);
                return null;
            });
        }
        System.out.printf("attacker: %d silent connections open (%d connects failed) after %d ms%n", connected.get(),
                refused.get(), ms(t0));

        realClient(at, tls, "real client during the attack");

        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (droppedAfterMs.size() < connected.get() && System.nanoTime() < waitUntil) {
            Thread.sleep(100); // a demo's progress poll, not synchronisation in a test
        }
        List<Long> times = new ArrayList<>(droppedAfterMs);
        times.sort(null);
        System.out.printf("attacker: %d of %d silent connections dropped by the server", times.size(), connected.get());
        if (!times.isEmpty()) {
            System.out.printf(", each %d..%d ms after it connected (deadline %d ms; the later ones waited in the"
                    + " backlog while descriptors were short)", times.get(0), times.get(times.size() - 1), DEADLINE_MS);
        }
        System.out.println();
        for (Socket s : silent) {
            s.close();
        }
    }

    private static void realClient(InetSocketAddress at, javax.net.ssl.SSLSocketFactory tls, String who) {
        long r0 = System.nanoTime();
        try (SSLSocket real = (SSLSocket) tls.createSocket()) {
            real.connect(at, 30_000);
            real.setSoTimeout(30_000);
            real.startHandshake();
            OutputStream o = real.getOutputStream();
            o.write("hello from a real client\n".getBytes(StandardCharsets.UTF_8));
            o.flush();
            String echo = new BufferedReader(new InputStreamReader(real.getInputStream(), StandardCharsets.UTF_8)).readLine();
            System.out.printf("%s: %s handshake and echo '%s' done %d ms after it started%n", who,
                    real.getSession().getProtocol(), echo, ms(r0));
        } catch (IOException e) {
            System.out.printf("%s: FAILED after %d ms: %s%n", who, ms(r0), e);
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
