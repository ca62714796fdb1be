package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silent TLS clients under a file-descriptor limit (issue 13's first attack): a TLS server in a
 * child JVM that may open only {@value #FD_LIMIT} descriptors ({@code ulimit -n}) gets more
 * silent connections than it can hold; they are dropped at its handshake deadline, the
 * listener pauses and resumes accepting, and real TLS clients that come meanwhile complete their
 * handshakes and are served. Real sockets, a real child process, a real limit; every wait is
 * bounded.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
public abstract class TlsFdLimitTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected TlsFdLimitTck() {
    }

    static final int FD_LIMIT = 256;
    private static final int SILENT = 300;
    private static final int REAL = 4;
    /** Short, yet long enough for a handshake on a loaded machine once both sides' TLS code is warm. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** A cold JSSE (both JVMs) may miss the deadline: warm-up clients until one gets through. */
    private static final int WARM_UP_TRIES = 5;
    /** The whole attack, start to end, must fit in this. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** How long the child JVM may take to listen (a loaded build machine starts JVMs slowly); not under test. */
    private static final Duration START = Duration.ofSeconds(60);
    private static final String PASSWORD = "changeit";

    /** Where the key store and the child's standard error go. */
    @TempDir
    protected Path dir;

    @Test
    void silentTlsClientsUnderAnFdLimitAreDroppedAtTheDeadlineWhileRealClientsComplete() throws Exception {
        Path keystore = makeKeystore();
        SSLContext client = clientContext(keystore);
        Path stderr = dir.resolve("server.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process server = new ProcessBuilder("bash", "-c", "ulimit -n " + FD_LIMIT + " && exec \"$0\" \"$@\"", java,
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classPath, TlsFdLimitServer.class.getName(),
                provider().getClass().getName(), keystore.toString(), Long.toString(DEADLINE.toMillis()))
                .redirectError(stderr.toFile()).start();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = within(threads.submit(out::readLine), START, "the server's PORT line", stderr);
            assertThat(first).as("the server's first line (its standard error: %s)", errorOf(stderr)).startsWith("PORT ");
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring(5)));
            int warmUps = warmUp(at, client);

            long start = System.nanoTime();
            List<CompletableFuture<Long>> dropped = new ArrayList<>();
            List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < SILENT; i++) {
                Socket s = new Socket();
                silent.add(s);
                CompletableFuture<Long> f = new CompletableFuture<>();
                dropped.add(f);
                threads.submit(() -> silentClient(s, at, f));
            }
            List<java.util.concurrent.Future<String>> real = new ArrayList<>();
            for (int i = 0; i < REAL; i++) {
                String hello = "real client " + i;
                real.add(threads.submit(() -> realClient(at, client, hello)));
            }
            for (int i = 0; i < REAL; i++) {
                assertThat(within(real.get(i), BOUND, "real client " + i, stderr))
                        .as("real client %d completed its handshake and was served", i).isEqualTo("real client " + i);
            }
            List<Long> afterMs = new ArrayList<>();
            for (CompletableFuture<Long> f : dropped) {
                afterMs.add(within(f, BOUND, "a silent client to be dropped", stderr));
            }
            long totalMs = (System.nanoTime() - start) / 1_000_000;
            for (Socket s : silent) {
                s.close();
            }
            assertThat(afterMs).as("each silent client dropped no sooner than the deadline (ms after it connected)")
                    .allMatch(ms -> ms >= DEADLINE.toMillis() - 50);
            assertThat(totalMs).as("the whole attack, in ms").isLessThan(BOUND.toMillis());

            server.getOutputStream().close(); // the server's signal to stop
            String last = within(threads.submit(out::readLine), WAIT, "the server's ACCEPTED line", stderr);
            assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the server ended").isTrue();
            assertThat(last).as("the server's last line").startsWith("ACCEPTED ");
            String[] words = last.split(" ");
            assertThat(Long.parseLong(words[1])).as("connections accepted: warm-up, silent ones, real ones")
                    .isEqualTo(warmUps + SILENT + REAL);
            assertThat(Long.parseLong(words[3])).as("times the server paused for want of descriptors: the limit"
                    + " was reached").isPositive();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
            server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            threads.shutdownNow();
        }
    }

    /** Real clients until one completes (the first may miss the deadline in cold JVMs); {@return how many tried} */
    private static int warmUp(InetSocketAddress at, SSLContext client) throws IOException {
        for (int i = 1;; i++) {
            try {
                assertThat(realClient(at, client, "warm-up")).isEqualTo("warm-up");
                return i;
            } catch (IOException coldAndLate) {
                if (i == WARM_UP_TRIES) {
                    throw coldAndLate;
                }
            }
        }
    }

    /** Connects and says nothing; completes {@code dropped} with the ms from connect to the server's close. */
    private static Void silentClient(Socket s, InetSocketAddress at, CompletableFuture<Long> dropped) {
        try {
            s.connect(at, (int) BOUND.toMillis());
            long connected = System.nanoTime();
            s.setSoTimeout((int) BOUND.toMillis());
            try {
                int got = s.getInputStream().read();
                if (got >= 0) {
                    dropped.completeExceptionally(new AssertionError("the server sent a byte to a silent client"));
                    return null;
                }
            } catch (java.net.SocketTimeoutException stillHeld) {
                dropped.completeExceptionally(new AssertionError("a silent client was held for " + BOUND));
                return null;
            } catch (IOException reset) {
                // a reset is a drop too
            }
            dropped.complete((System.nanoTime() - connected) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            dropped.completeExceptionally(e);
        }
        return null;
    }

    /** A TLS client that connects, says {@code hello} and reads the echo. */
    private static String realClient(InetSocketAddress at, SSLContext tls, String hello) throws IOException {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket()) {
            s.connect(at, (int) BOUND.toMillis());
            s.setSoTimeout((int) BOUND.toMillis());
            s.startHandshake();
            OutputStream o = s.getOutputStream();
            o.write((hello + "\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
            String echo = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return echo;
        }
    }

    private static <T> T within(java.util.concurrent.Future<T> f, Duration bound, String what, Path stderr)
            throws Exception {
        try {
            return f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + what + " within " + bound + "; the server's standard error: "
                    + errorOf(stderr), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " failed; the server's standard error: " + errorOf(stderr), e.getCause());
        }
    }

    private static String errorOf(Path stderr) {
        try {
            String all = Files.readString(stderr);
            return all.length() > 4000 ? all.substring(0, 4000) + "..." : all;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private Path makeKeystore() throws Exception {
        Path keystore = dir.resolve("localhost.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "localhost",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return keystore;
    }

    private static SSLContext clientContext(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", ks.getCertificate("localhost"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
