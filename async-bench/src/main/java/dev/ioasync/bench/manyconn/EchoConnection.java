package dev.ioasync.bench.manyconn;

import dev.ioasync.io.SocketHandle;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;

/**
 * The echo every ioasync benchmark server gives a connection: {@code TCP_NODELAY}, each read
 * written back with {@code Stream.writeFrom} (the bytes move from the read buffer into a pooled
 * direct buffer, one copy, and go out in one gathering write per flush).
 */
final class EchoConnection {

    private EchoConnection() {
    }

    /**
     * Makes {@code stream} echo; on the loop thread, before the stream is added.
     *
     * @param stream the accepted stream
     * @param onEof  run once when the peer has closed (then the stream closes once written out)
     */
    static void serve(Stream stream, Runnable onEof) {
        try {
            ((SocketHandle) stream.readHandle()).setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stream.onRead((s, buf, eof) -> {
            if (!buf.isEmpty()) {
                s.writeFrom(buf, buf.size()); // one copy, into a pooled direct buffer
            }
            if (eof) {
                onEof.run();
                s.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        });
    }
}
