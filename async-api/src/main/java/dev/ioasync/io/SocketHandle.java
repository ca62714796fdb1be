package dev.ioasync.io;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;

/**
 * A non-blocking stream socket (TCP), as a backend made it. Connecting is asynchronous:
 * {@link #connect} starts it, write-readiness says it finished, and {@link #finishConnect()}
 * reports how.
 */
public interface SocketHandle extends IoHandle {

    /**
     * Starts connecting.
     *
     * @param remote where to
     * @return {@code true} when connected at once; else watch for write-readiness and call
     *     {@link #finishConnect()}
     * @throws IOException when the connect fails at once (for example the address is unreachable)
     */
    boolean connect(SocketAddress remote) throws IOException;

    /**
     * Completes a connect that {@link #connect} started.
     *
     * @return {@code true} when connected, {@code false} when still in progress
     * @throws IOException the reason the connect failed (for example connection refused)
     */
    boolean finishConnect() throws IOException;

    /** {@return whether the socket is connected} */
    boolean isConnected();

    /**
     * {@return the local address, or {@code null} when unbound}
     *
     * @throws IOException when the socket is closed
     */
    SocketAddress localAddress() throws IOException;

    /**
     * {@return the peer's address, or {@code null} when not connected}
     *
     * @throws IOException when the socket is closed
     */
    SocketAddress remoteAddress() throws IOException;

    /**
     * Half-closes: no more writes; the peer reads end of stream. Reading goes on.
     *
     * @throws IOException when the socket is closed or not connected
     */
    void shutdownOutput() throws IOException;

    /**
     * Sets a socket option ({@link java.net.StandardSocketOptions#TCP_NODELAY}, ...).
     *
     * @param option the option
     * @param value its value
     * @param <T> the option's type
     * @throws IOException when the option cannot be set
     */
    <T> void setOption(SocketOption<T> option, T value) throws IOException;

    /**
     * Reads a socket option.
     *
     * @param option the option
     * @param <T> its type
     * @return its value
     * @throws IOException when the option cannot be read
     */
    <T> T getOption(SocketOption<T> option) throws IOException;
}
