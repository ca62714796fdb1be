package dev.ioasync.net;

import dev.ioasync.stream.TlsOptions;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * Options for {@link dev.ioasync.Loop#connect(String, String, ConnectOptions)}.
 *
 * @param timeout the most the whole connect may take (resolving the name, every address tried, and
 *     with TLS the handshake), or {@code null} or {@link Duration#ZERO} for none (IO::Async's
 *     behaviour, where only the kernel's SYN retries, about two minutes on Linux, end a connect
 *     toward a host that drops packets); {@link #DEFAULTS} has {@link #DEFAULT_TIMEOUT}
 * @param family only addresses of this family, or {@code null} for any
 * @param tcpNoDelay whether to set {@code TCP_NODELAY} on the socket
 * @param tls speak TLS over the connection (the handshake is part of the connect), or {@code null}
 */
public record ConnectOptions(Duration timeout, StandardProtocolFamily family, boolean tcpNoDelay, TlsOptions tls) {

    /**
     * The timeout of {@link #DEFAULTS}, and so of {@code loop.connect(host, port)}: {@value} s,
     * Netty's default {@code CONNECT_TIMEOUT_MILLIS}. A peer that never answers cannot hold a
     * connect, and whatever waits on it, longer than this.
     */
    public static final long DEFAULT_TIMEOUT_SECONDS = 30;

    /** {@link #DEFAULT_TIMEOUT_SECONDS} as a duration. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    /** A {@value #DEFAULT_TIMEOUT_SECONDS} s timeout, any family, Nagle's algorithm on, no TLS. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(DEFAULT_TIMEOUT, null, false, null);

    /**
     * {@return these options with a timeout}
     *
     * @param t the timeout; {@code null} or {@link Duration#ZERO} for none
     */
    public ConnectOptions withTimeout(Duration t) {
        return new ConnectOptions(t, family, tcpNoDelay, tls);
    }

    /**
     * {@return these options restricted to one address family}
     *
     * @param f the family
     */
    public ConnectOptions withFamily(StandardProtocolFamily f) {
        return new ConnectOptions(timeout, f, tcpNoDelay, tls);
    }

    /**
     * {@return these options with {@code TCP_NODELAY} set or not}
     *
     * @param on whether to set it
     */
    public ConnectOptions withTcpNoDelay(boolean on) {
        return new ConnectOptions(timeout, family, on, tls);
    }

    /**
     * {@return these options speaking TLS: the connect completes after the handshake, and fails
     *     with category {@code tls} when the handshake does}
     *
     * @param options the TLS options
     */
    public ConnectOptions withTls(TlsOptions options) {
        return new ConnectOptions(timeout, family, tcpNoDelay, options);
    }
}
