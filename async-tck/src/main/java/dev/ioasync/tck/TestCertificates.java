package dev.ioasync.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} (and 127.0.0.1, ::1) made by the running JDK's
 * {@code keytool}, and the two {@link SSLContext}s the TLS tests need: a server's that holds the
 * key, and a client's that trusts only that certificate.
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCertificates instance;

    private final SSLContext server;
    private final SSLContext client;

    private TestCertificates(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", ks.getCertificate("localhost"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    /**
     * The certificates, made once per JVM.
     *
     * @return them
     * @throws Exception when keytool fails
     */
    public static synchronized TestCertificates get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("ioasync-tls");
            Path keystore = dir.resolve("localhost.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "localhost",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            instance = new TestCertificates(keystore);
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(dir);
        }
        return instance;
    }

    /** {@return a context holding the server's key and certificate} */
    public SSLContext server() {
        return server;
    }

    /** {@return a context that trusts only the test certificate} */
    public SSLContext client() {
        return client;
    }
}
