package dev.ioasync.io;

import java.io.IOException;
import java.util.Objects;

/**
 * The two ends of a non-blocking pipe: bytes written to {@link #writer()} come out of
 * {@link #reader()}. Made by {@link dev.ioasync.Loop#pipe()} (IO::Async's {@code pipepair}).
 *
 * @param reader the read end
 * @param writer the write end
 */
public record PipePair(IoHandle reader, IoHandle writer) implements AutoCloseable {

    /**
     * Checks that both ends are present.
     *
     * @param reader the read end
     * @param writer the write end
     */
    public PipePair {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }

    /**
     * Closes both ends.
     *
     * @throws IOException when closing either end fails; both are closed either way
     */
    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            reader.close();
        }
    }
}
