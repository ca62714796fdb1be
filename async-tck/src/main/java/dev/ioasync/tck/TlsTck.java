package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import dev.ioasync.stream.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS streams over the JDK's SSLEngine: real handshakes over loopback with a test certificate. */
public abstract class TlsTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected TlsTck() {
    }

    private TestCertificates certs;

    @BeforeEach
    void makeCertificates() throws Exception {
        certs = TestCertificates.get();
    }

    private Listener tlsServer(Consumer<Stream> onStream) {
        return awaitReady(loop.listen("127.0.0.1", "0",
                h -> new Listener(h).tls(TlsOptions.of(certs.server())).onStream(onStream), 0)).get();
    }

    private static void echoLines(Stream stream) {
        stream.onRead((s, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                s.write(line);
            }
            return ReadResult.WAIT;
        });
    }

    private Future<Stream> connectTls(int port, TlsOptions options) {
        return awaitReady(loop.connect("localhost", Integer.toString(port), ConnectOptions.DEFAULTS.withTls(options)));
    }

    @Test
    void tls_clientAndServerHandshakeSendSniAndEcho() throws Exception {
        List<Stream> serverSide = new ArrayList<>();
        Listener server = tlsServer(s -> {
            serverSide.add(s);
            echoLines(s);
        });
        Stream client = connectTls(server.port(), TlsOptions.of(certs.client())).get();
        loop.add(client);
        client.write("hello over tls\n");
        assertThat(awaitReady(client.readLine()).get()).isEqualTo("hello over tls\n");
        assertThat(client.tlsSession().getProtocol()).startsWith("TLS");
        ExtendedSSLSession session = (ExtendedSSLSession) serverSide.get(0).tlsSession();
        assertThat(session.getRequestedServerNames()).containsExactly(new SNIHostName("localhost"));
        client.closeNow();
    }

    @Test
    void tls_aNameTheCertificateDoesNotCoverFailsWithCategoryTls() {
        Listener server = tlsServer(TlsTck::echoLines);
        Future<Stream> f = connectTls(server.port(), TlsOptions.of(certs.client()).withServerName("wrong.example"));
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure().category()).isEqualTo("tls");
        assertThat(f.failure().getMessage()).contains("wrong.example");
    }

    @Test
    void tls_anUntrustedCertificateFailsWithCategoryTls() throws Exception {
        Listener server = tlsServer(TlsTck::echoLines);
        Future<Stream> f = connectTls(server.port(), TlsOptions.of(SSLContext.getDefault()));
        assertThat(f.failure().category()).isEqualTo("tls");
        assertThat(f.failure().getMessage()).containsIgnoringCase("certification path");
    }

    @Test
    void tls_hostnameVerificationCanBeTurnedOff() {
        Listener server = tlsServer(TlsTck::echoLines);
        Future<Stream> f = connectTls(server.port(),
                TlsOptions.of(certs.client()).withServerName("wrong.example").withHostnameVerification(false));
        assertThat(f.isDone()).isTrue();
        f.get().closeNow();
    }

    @Test
    void tls_aPeerThatDoesNotSpeakTlsFailsTheHandshake() {
        Listener plain = awaitReady(loop.listen("127.0.0.1", 0, s -> s.onRead((st, buf, eof) -> {
            if (!buf.isEmpty()) {
                st.write("this is not TLS\r\n\r\n".repeat(4));
                buf.clear();
                st.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        }))).get();
        Future<Stream> f = connectTls(plain.port(), TlsOptions.of(certs.client()));
        assertThat(f.failure().category()).isEqualTo("tls");
    }

    @Test
    void tls_anOpenPlainStreamCanBeUpgradedInPlace() {
        List<String> serverLines = new ArrayList<>();
        Listener server = awaitReady(loop.listen("127.0.0.1", 0, stream -> stream.onRead((s, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                serverLines.add(line.strip() + (s.tlsSession() == null ? " (plain)" : " (tls)"));
                if (line.equals("STARTTLS\n")) {
                    s.write("OK\n");
                    Tls.upgrade(s, TlsOptions.of(certs.server()), false, null);
                    return ReadResult.WAIT;
                }
                s.write("echo " + line);
            }
            return ReadResult.WAIT;
        }))).get();
        Stream client = awaitReady(loop.connect("127.0.0.1", server.port())).get();
        loop.add(client);
        client.write("STARTTLS\n");
        assertThat(awaitReady(client.readLine()).get()).isEqualTo("OK\n");
        Future<Stream> upgraded = awaitReady(Tls.upgrade(client, TlsOptions.of(certs.client()), true, "localhost"));
        assertThat(upgraded.get()).isSameAs(client);
        assertThat(client.tlsSession()).isNotNull();
        client.write("secret\n");
        assertThat(awaitReady(client.readLine()).get()).isEqualTo("echo secret\n");
        assertThat(serverLines).containsExactly("STARTTLS (plain)", "secret (tls)");
        client.closeNow();
    }

    @Test
    void tls_aMebibyteEachWayArrivesIntact() {
        tlsServer(s -> s.onRead((st, buf, eof) -> {
            if (!buf.isEmpty()) {
                st.write(buf.takeAll());
            }
            return ReadResult.WAIT;
        }));
        Listener server = (Listener) loop.notifiers().get(loop.notifiers().size() - 1);
        Stream client = connectTls(server.port(), TlsOptions.of(certs.client())).get();
        loop.add(client);
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 131 + (i >>> 9));
        }
        client.write(data);
        Future<byte[]> back = awaitReady(client.readExactly(data.length));
        assertThat(Arrays.equals(back.get(), data)).as("the echoed mebibyte matches").isTrue();
        client.closeNow();
    }

    @Test
    void tls_closingSendsCloseNotifyAndThePeerSeesEndOfStream() {
        List<String> received = new ArrayList<>();
        boolean[] eof = {false};
        Listener server = tlsServer(s -> {
            s.onRead((st, buf, atEof) -> {
                if (!buf.isEmpty()) {
                    received.add(buf.takeString(buf.size(), StandardCharsets.UTF_8));
                }
                return ReadResult.WAIT;
            });
            s.onReadEof(() -> eof[0] = true);
        });
        Stream client = connectTls(server.port(), TlsOptions.of(certs.client())).get();
        loop.add(client);
        client.write("last words");
        client.closeWhenEmpty();
        runUntil(loop, () -> eof[0], "the server to see end of stream");
        assertThat(String.join("", received)).isEqualTo("last words");
    }
}
