package dev.ioasync.routine.internal;

import java.io.DataInputStream;
import java.io.InputStream;

/**
 * A child JVM's stdin as frames are read from it: a {@link DataInputStream} over a
 * {@link BufferedPipeInput}, which {@link ChildInput} keeps at hand to tell what is already
 * buffered and how long ago the operating system was last asked (see {@link ChildInput#ready}).
 *
 * <p>Thread rules: as {@link DataInputStream}.
 */
final class PipeDataInput extends DataInputStream {

    private final BufferedPipeInput pipe;

    /**
     * Buffers a pipe.
     *
     * @param in the pipe
     * @param size the buffer's size
     */
    PipeDataInput(InputStream in, int size) {
        this(new BufferedPipeInput(in, size));
    }

    private PipeDataInput(BufferedPipeInput pipe) {
        super(pipe);
        this.pipe = pipe;
    }

    /** {@return the buffered stream below} */
    BufferedPipeInput pipe() {
        return pipe;
    }
}
