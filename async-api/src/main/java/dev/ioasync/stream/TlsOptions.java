package dev.ioasync.stream;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to speak TLS on a stream (what Perl users reach for in IO::Async::SSL): the JDK
 * {@link SSLContext} that holds the keys and the trusted certificates, the server name sent
 * for SNI and checked against the peer's certificate, and whether that check is made.
 *
 * @param context the context; {@link SSLContext#getDefault()} trusts the JDK's CA certificates
 * @param serverName the name to ask for (SNI) and to verify; {@code null} means the host the
 *     stream connected to
 * @param verifyHostname whether a client checks that the server's certificate names the server
 *     (on by default)
 */
public record TlsOptions(SSLContext context, String serverName, boolean verifyHostname) {

    /**
     * Checks the context is there.
     *
     * @param context the context
     * @param serverName the server name, or {@code null}
     * @param verifyHostname whether to verify it
     */
    public TlsOptions {
        Objects.requireNonNull(context, "context");
    }

    /**
     * {@return options with this context, the connected host as server name, hostname
     *     verification on}
     *
     * @param context the context
     */
    public static TlsOptions of(SSLContext context) {
        return new TlsOptions(context, null, true);
    }

    /**
     * {@return these options asking for and verifying another server name}
     *
     * @param name the name
     */
    public TlsOptions withServerName(String name) {
        return new TlsOptions(context, name, verifyHostname);
    }

    /**
     * {@return these options with hostname verification on or off}
     *
     * @param verify whether to verify
     */
    public TlsOptions withHostnameVerification(boolean verify) {
        return new TlsOptions(context, serverName, verify);
    }
}
