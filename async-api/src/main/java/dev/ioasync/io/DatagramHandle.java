package dev.ioasync.io;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;

/**
 * A non-blocking datagram socket (UDP), as a backend made it. Read-readiness means a datagram
 * can be received; write-readiness means one can be sent.
 */
public interface DatagramHandle extends IoHandle {

    /**
     * Binds to a local address.
     *
     * @param local the address, port 0 for any port
     * @throws IOException when the address is taken or invalid
     */
    void bind(SocketAddress local) throws IOException;

    /**
     * Receives one datagram.
     *
     * @param dst where its bytes go (excess bytes are dropped, as with recvfrom)
     * @return the sender, or {@code null} when none is waiting
     * @throws IOException when receiving fails
     */
    SocketAddress receive(java.nio.ByteBuffer dst) throws IOException;

    /**
     * Sends one datagram.
     *
     * @param src the bytes
     * @param target where to
     * @return the number of bytes sent: all of them, or {@code 0} when the socket cannot send now
     * @throws IOException when sending fails
     */
    int send(java.nio.ByteBuffer src, SocketAddress target) throws IOException;

    /**
     * {@return the local address, or {@code null} when unbound}
     *
     * @throws IOException when it is closed
     */
    SocketAddress localAddress() throws IOException;

    /**
     * Sets a socket option.
     *
     * @param option the option
     * @param value its value
     * @param <T> the option's type
     * @throws IOException when the option cannot be set
     */
    <T> void setOption(SocketOption<T> option, T value) throws IOException;
}
