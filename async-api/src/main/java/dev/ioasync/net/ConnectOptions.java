package dev.ioasync.net;

import dev.ioasync.stream.TlsOptions;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * Options for {@link dev.ioasync.Loop#connect(String, String, ConnectOptions)}.
 *
 * @param timeout the most the whole connect may take (all addresses), or {@code null} for none
 * @param family only addresses of this family, or {@code null} for any
 * @param tcpNoDelay whether to set {@code TCP_NODELAY} on the socket
 * @param tls speak TLS over the connection (the handshake is part of the connect), or {@code null}
 */
public record ConnectOptions(Duration timeout, StandardProtocolFamily family, boolean tcpNoDelay, TlsOptions tls) {

    /** No timeout, any family, Nagle's algorithm on, no TLS. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, false, null);

    /**
     * {@return these options with a timeout}
     *
     * @param t the timeout
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
