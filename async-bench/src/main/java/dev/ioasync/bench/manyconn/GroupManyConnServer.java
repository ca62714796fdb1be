package dev.ioasync.bench.manyconn;

import dev.ioasync.group.GroupListener;
import dev.ioasync.group.LoopGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ManyConnServer}'s echo on a {@link LoopGroup} of N loops, in its own JVM: it prints its
 * port and its accept mode on standard error, then follows {@link ServerControl}'s protocol; at the
 * end it prints how many connections each loop got on standard error.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.GroupManyConnServer BACKEND LOOPS
 * </pre>
 */
public final class GroupManyConnServer {

    private static final PrintStream OUT = System.out;

    private GroupManyConnServer() {
    }

    /**
     * Serves until told to quit.
     *
     * @param args the backend and the number of loops
     */
    public static void main(String[] args) {
        int loops = Integer.parseInt(args[1]);
        AtomicInteger open = new AtomicInteger();
        try (LoopGroup group = LoopGroup.builder().backend(args[0]).loops(loops).build()) {
            GroupListener listener = group.listen("127.0.0.1", 0, stream -> {
                open.incrementAndGet();
                EchoConnection.serve(stream, open::decrementAndGet);
            }).toCompletableFuture().join();
            OUT.println(listener.port());
            OUT.flush();
            System.err.println("group server: " + loops + " x " + args[0] + ", mode " + listener.mode());
            ServerControl.answer(OUT, open::get);
            System.err.println("group server: connections per loop " + listener.acceptedPerLoop());
            group.shutdownGracefully(Duration.ZERO, Duration.ofSeconds(5)).join();
        }
    }
}
