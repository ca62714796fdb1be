package dev.ioasync.spi;

import dev.ioasync.io.PipePair;
import java.io.IOException;

/**
 * Makes the handles a backend can watch. Pipes now; stream sockets, listeners and datagram
 * sockets come with the networking work.
 */
public interface IoHandleFactory {

    /**
     * Opens a non-blocking pipe.
     *
     * @return its two ends
     * @throws IOException when the operating system refuses (for example no file descriptors left)
     */
    PipePair pipe() throws IOException;
}
