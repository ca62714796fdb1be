package dev.ioasync.bench.manyconn;

import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The server side of the many-connection run, in its own JVM: an ioasync echo server on the
 * chosen backend. It prints its port, then answers commands on standard input: {@code stats}
 * prints {@code STATS conns=N rssKb=R heapKb=K fds=F} (open connections, resident set size,
 * heap in use after GC, open file descriptors), {@code quit} (or the end of input) stops it.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.ManyConnServer BACKEND
 * </pre>
 */
public final class ManyConnServer {

    private static final PrintStream OUT = System.out;

    private ManyConnServer() {
    }

    /**
     * Serves until told to quit.
     *
     * @param args the backend
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        try (Loop loop = Loop.create(args[0])) {
            int[] open = {0};
            Listener listener = loop.await(loop.listen("127.0.0.1", 0, stream -> {
                open[0]++;
                EchoConnection.serve(stream, () -> open[0]--);
            })).get();
            OUT.println(listener.port());
            OUT.flush();
            Thread commands = Thread.ofPlatform().daemon().start(() -> commands(loop, open));
            loop.run();
            commands.interrupt();
        }
    }

    private static void commands(Loop loop, int[] open) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    CompletableFuture<Integer> conns = new CompletableFuture<>();
                    loop.later(() -> conns.complete(open[0]));
                    int n = conns.join();
                    long rss = ProcessStats.rssKb();   // before the collections below
                    OUT.printf("STATS conns=%d rssKb=%d heapKb=%d fds=%d%n", n, rss, ProcessStats.heapAfterGcKb(),
                            ProcessStats.openFds());
                    OUT.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            loop.later(loop::stop);
        }
    }
}
