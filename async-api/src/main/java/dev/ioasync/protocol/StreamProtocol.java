package dev.ioasync.protocol;

import dev.ioasync.Future;
import dev.ioasync.stream.ReadBuffer;
import dev.ioasync.stream.ReadHandler;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;

/**
 * A protocol over a {@link Stream} transport (IO::Async::Protocol::Stream): the stream's reads
 * come to {@link #onRead(ReadBuffer, boolean)} (or the handler given to
 * {@link #onRead(ReadHandler)}), and {@link #write(String)} goes to the current stream. The data
 * an old stream had buffered stays with it when the transport is replaced.
 */
public class StreamProtocol extends Protocol<Stream> {

    private ReadHandler handler;

    /** Creates a protocol with no transport yet. */
    public StreamProtocol() {
    }

    /**
     * Sets the read handler used by the default {@link #onRead(ReadBuffer, boolean)}.
     *
     * @param handler the handler
     * @return this
     */
    public StreamProtocol onRead(ReadHandler handler) {
        this.handler = handler;
        return this;
    }

    /**
     * Handles the transport's data; by default calls the handler given to
     * {@link #onRead(ReadHandler)}.
     *
     * @param buffer the transport's read buffer
     * @param eof whether the transport reached end of file
     * @return what to do next, as for a {@link ReadHandler}
     */
    protected ReadResult onRead(ReadBuffer buffer, boolean eof) {
        return handler == null ? ReadResult.WAIT : handler.onRead(transport(), buffer, eof);
    }

    /**
     * Writes text to the current transport.
     *
     * @param text the text
     * @return the write's future; failed with category {@code closed} when there is no transport
     */
    public Future<Void> write(String text) {
        Stream t = transport();
        return t == null ? this.<Void>newFuture().fail("no transport to write to", "closed") : t.write(text);
    }

    /**
     * Writes bytes to the current transport.
     *
     * @param bytes the bytes
     * @return the write's future; failed with category {@code closed} when there is no transport
     */
    public Future<Void> write(byte[] bytes) {
        Stream t = transport();
        return t == null ? this.<Void>newFuture().fail("no transport to write to", "closed") : t.write(bytes);
    }

    @Override
    protected void attach(Stream t) {
        t.onRead((s, buf, eof) -> onRead(buf, eof));
    }

    @Override
    protected void detach(Stream t) {
        t.onRead(null);
    }
}
