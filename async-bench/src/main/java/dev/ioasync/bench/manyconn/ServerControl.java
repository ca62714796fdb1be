package dev.ioasync.bench.manyconn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The standard-input protocol of the echo servers that {@link EchoServerProcess} starts, for the
 * servers that are not one loop ({@link GroupManyConnServer}, {@link NettyManyConnServer}):
 * {@code stats} prints {@code STATS conns=N rssKb=R heapKb=K fds=F}, {@code quit} or the end of
 * input returns.
 */
final class ServerControl {

    private ServerControl() {
    }

    /**
     * Answers commands on standard input until {@code quit} or its end; blocks the calling thread.
     *
     * @param out where the answers go (the process's standard output)
     * @param conns counts the open connections (any thread)
     */
    static void answer(PrintStream out, IntSupplier conns) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    int n = conns.getAsInt();
                    long rss = ProcessStats.rssKb();   // before the collections below
                    out.printf("STATS conns=%d rssKb=%d heapKb=%d fds=%d%n", n, rss, ProcessStats.heapAfterGcKb(),
                            ProcessStats.openFds());
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
