package dev.ioasync.tck;

import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.spi.LoopProvider;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.TlsOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of {@link TlsFdLimitTck}, run in a child JVM under {@code ulimit -n}: a TLS
 * line-echo listener with a short handshake deadline on the backend the test names. It prints
 * {@code PORT <n>} once it listens, and ends when its standard input closes (the test is done or
 * gone), printing {@code ACCEPTED <n> PAUSES <n>}: how many connections it accepted and how many
 * times it paused accepting for lack of file descriptors.
 *
 * <p>Arguments: the {@link LoopProvider} class name, a PKCS12 key store (password
 * {@code changeit}) and the handshake deadline in milliseconds.
 */
public final class TlsFdLimitServer {

    private TlsFdLimitServer() {
    }

    /**
     * Runs the server.
     *
     * @param args provider class, key store, deadline in ms
     * @throws Exception on set-up failure (the test reports the child's standard error)
     */
    public static void main(String[] args) throws Exception {
        LoopProvider provider = (LoopProvider) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        SSLContext tls = serverContext(Path.of(args[1]));
        Duration deadline = Duration.ofMillis(Long.parseLong(args[2]));
        // Logging's first message loads what it needs (the time-zone data): do it while
        // descriptors are to be had, or the first warning about running short fails for want of one.
        System.getLogger(TlsFdLimitServer.class.getName()).log(System.Logger.Level.INFO, "starting");
        try (Loop loop = Loop.builder().provider(provider).build()) {
            Listener l = loop.listen("127.0.0.1", "0", h -> new Listener(h).tls(TlsOptions.of(tls))
                    .tlsHandshakeTimeout(deadline).onStream(s -> s.onRead((st, buf, eof) -> {
                        String line;
                        while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                            st.write(line);
                        }
                        return ReadResult.WAIT;
                    })), 0).get();
            System.out.println("PORT " + l.port());
            System.out.flush();
            Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent sends nothing: only the end matters
                    }
                } catch (java.io.IOException gone) {
                    // the parent is gone: stop as well
                }
                loop.later(loop::stop);
            });
            loop.run();
            System.out.println("ACCEPTED " + l.acceptedCount() + " PAUSES " + l.pauseCount());
            System.out.flush();
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }
}
