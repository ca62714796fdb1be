package dev.ioasync.net;

import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * Options for {@link dev.ioasync.Loop#connect(String, String, ConnectOptions)}.
 *
 * @param timeout the most the whole connect may take (all addresses), or {@code null} for none
 * @param family only addresses of this family, or {@code null} for any
 * @param tcpNoDelay whether to set {@code TCP_NODELAY} on the socket
 */
public record ConnectOptions(Duration timeout, StandardProtocolFamily family, boolean tcpNoDelay) {

    /** No timeout, any family, Nagle's algorithm on. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, false);

    /**
     * {@return these options with a timeout}
     *
     * @param t the timeout
     */
    public ConnectOptions withTimeout(Duration t) {
        return new ConnectOptions(t, family, tcpNoDelay);
    }

    /**
     * {@return these options restricted to one address family}
     *
     * @param f the family
     */
    public ConnectOptions withFamily(StandardProtocolFamily f) {
        return new ConnectOptions(timeout, f, tcpNoDelay);
    }

    /**
     * {@return these options with {@code TCP_NODELAY} set or not}
     *
     * @param on whether to set it
     */
    public ConnectOptions withTcpNoDelay(boolean on) {
        return new ConnectOptions(timeout, family, on);
    }
}
