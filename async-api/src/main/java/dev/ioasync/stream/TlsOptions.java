package dev.ioasync.stream;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to speak TLS on a stream (what Perl users reach for in IO::Async::SSL): the JDK
 * {@link SSLContext} that holds the keys and the trusted certificates, the server name sent
 * for SNI and checked against the peer's certificate, whether that check is made, and how long
 * a handshake may take.
 *
 * @param context the context; {@link SSLContext#getDefault()} trusts the JDK's CA certificates
 * @param serverName the name to ask for (SNI) and to verify; {@code null} means the host the
 *     stream connected to
 * @param verifyHostname whether a client checks that the server's certificate names the server
 *     (on by default)
 * @param handshakeTimeout how long a handshake may take before it fails with category
 *     {@code tls} and the message {@code handshake timed out} and the socket is closed
 *     ({@link #DEFAULT_HANDSHAKE_TIMEOUT}, 10 s, by default); {@link Duration#ZERO} means no limit
 */
public record TlsOptions(SSLContext context, String serverName, boolean verifyHostname, Duration handshakeTimeout) {

    /** The default handshake deadline: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks the context and the timeout.
     *
     * @param context the context
     * @param serverName the server name, or {@code null}
     * @param verifyHostname whether to verify it
     * @param handshakeTimeout the handshake deadline, zero for none
     */
    public TlsOptions {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("the TLS handshake timeout must not be negative: " + handshakeTimeout);
        }
    }

    /**
     * Options with the default handshake deadline.
     *
     * @param context the context
     * @param serverName the server name, or {@code null}
     * @param verifyHostname whether to verify it
     */
    public TlsOptions(SSLContext context, String serverName, boolean verifyHostname) {
        this(context, serverName, verifyHostname, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * {@return options with this context, the connected host as server name, hostname
     *     verification on, the default handshake deadline}
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
        return new TlsOptions(context, name, verifyHostname, handshakeTimeout);
    }

    /**
     * {@return these options with hostname verification on or off}
     *
     * @param verify whether to verify
     */
    public TlsOptions withHostnameVerification(boolean verify) {
        return new TlsOptions(context, serverName, verify, handshakeTimeout);
    }

    /**
     * {@return these options with another handshake deadline}
     *
     * @param timeout how long a handshake may take; {@link Duration#ZERO} for no limit
     */
    public TlsOptions withHandshakeTimeout(Duration timeout) {
        return new TlsOptions(context, serverName, verifyHostname, timeout);
    }
}
