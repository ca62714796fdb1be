package dev.ioasync.io;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A non-blocking listening stream socket, as a backend made it. Read-readiness means a
 * connection can be accepted. {@link #read} and {@link #write} are not supported.
 */
public interface ListenerHandle extends IoHandle {

    /**
     * Accepts one pending connection.
     *
     * @return the new connection, non-blocking, or {@code null} when none is pending
     * @throws IOException when accepting fails (for example {@code Too many open files})
     */
    SocketHandle accept() throws IOException;

    /**
     * {@return the address it listens on, with the real port when it was bound to port 0}
     *
     * @throws IOException when it is closed
     */
    SocketAddress localAddress() throws IOException;
}
