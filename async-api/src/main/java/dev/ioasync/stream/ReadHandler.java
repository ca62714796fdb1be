package dev.ioasync.stream;

/**
 * Consumes what a {@link Stream} has read: the {@code on_read} contract of IO::Async::Stream.
 *
 * <p>It is called with the stream, its {@link ReadBuffer} and whether the stream is at end of
 * file. It takes from the buffer what it can use, leaves the rest, and answers:
 * <ul>
 *   <li>{@link ReadResult#WAIT}: done for now; call again when more data arrives (Perl: 0);</li>
 *   <li>{@link ReadResult#AGAIN}: call again at once, while data remains (Perl: 1);</li>
 *   <li>{@link ReadResult#replaceWith(ReadHandler)}: use this handler instead, and call it now
 *       (Perl: a CODE reference);</li>
 *   <li>{@link ReadResult#POP}: a temporary handler is finished; return to the one before
 *       (Perl: undef).</li>
 * </ul>
 * At end of file the handler is called once more with {@code eof} true on the data that is left.
 */
@FunctionalInterface
public interface ReadHandler {

    /**
     * Consumes buffered data.
     *
     * @param stream the stream
     * @param buffer the unconsumed bytes
     * @param eof whether the stream has reached end of file
     * @return what to do next
     */
    ReadResult onRead(Stream stream, ReadBuffer buffer, boolean eof);
}
