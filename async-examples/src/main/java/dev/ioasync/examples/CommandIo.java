package dev.ioasync.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command reads and writes: the three standard streams, as given to {@link Main#run}.
 *
 * @param in what a child started by {@code run} reads, or {@code null} for this process's own
 *     standard input (which the child then inherits)
 * @param out where normal output goes
 * @param err where errors and notes go
 */
record CommandIo(InputStream in, PrintStream out, PrintStream err) {

    CommandIo {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
