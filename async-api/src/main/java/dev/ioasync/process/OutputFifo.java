package dev.ioasync.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A named pipe (FIFO) that carries one output of one child, so that the JDK never holds that
 * output's pipe: the child's standard output or error is redirected to the FIFO
 * ({@link Redirect#to}), and our reader reads it to its real end of file, when every process that
 * held the write end (the child and any descendant) has closed it. The JDK's own output pipes are
 * closed by the JDK when the direct child exits, which would lose what a grandchild writes later.
 *
 * <p>Opening never blocks: we open the FIFO read-write first (a FIFO opened read-write does not
 * wait for a peer), then read-only for the reader (a writer exists), then the JDK opens it for
 * writing in {@link ProcessBuilder#start()} (a reader exists); after the start, {@link #release()}
 * drops our read-write handle and the FIFO's name, leaving the child the only writer. Used once.
 */
final class OutputFifo implements AutoCloseable {

    private final Path path;
    private final RandomAccessFile keeper;
    private final FileInputStream reader;

    private OutputFifo(Path path, RandomAccessFile keeper, FileInputStream reader) {
        this.path = path;
        this.keeper = keeper;
        this.reader = reader;
    }

    /**
     * Opens a fresh FIFO for one output.
     *
     * @param path a FIFO nobody has opened
     * @return the opened FIFO
     * @throws IOException when it cannot be opened
     */
    static OutputFifo open(Path path) throws IOException {
        RandomAccessFile keeper = new RandomAccessFile(path.toFile(), "rw");
        try {
            return new OutputFifo(path, keeper, new FileInputStream(path.toFile()));
        } catch (IOException e) {
            Pump.closeQuietly(keeper);
            throw e;
        }
    }

    /** {@return the redirect that gives the child this FIFO's write end} */
    Redirect redirect() {
        return Redirect.to(path.toFile());
    }

    /** {@return the read end, read to the real end of file} */
    InputStream reader() {
        return reader;
    }

    /** After the start (or its failure): drops our write end and the FIFO's name. */
    void release() {
        Pump.closeQuietly(keeper);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Pump.debug("cannot delete the used FIFO " + path, e);
        }
    }

    /** Releases the FIFO and closes its reader (when the child could not start). */
    @Override
    public void close() {
        release();
        Pump.closeQuietly(reader);
    }
}
