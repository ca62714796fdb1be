package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.group.GroupListener;
import dev.ioasync.group.LoopGroup;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An echo server on a {@link LoopGroup} of two loops: the group's listener hands the connections
 * to the loops in turn, and each connection's callbacks run on its own loop's thread. Four clients
 * on the example's loop each send a line and print the reply, which names the loop thread that
 * served it; then the group shuts down gracefully. {@link #listen} is the server part alone, for
 * an {@code echo-server --loops N}.
 */
public final class GroupEchoExample implements Example {

    private static final int LOOPS = 2;
    private static final int CLIENTS = 4;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Creates the example. */
    public GroupEchoExample() {
    }

    @Override
    public String name() {
        return "group-echo";
    }

    @Override
    public String summary() {
        return "an echo server on a LoopGroup of 2 loops: connections spread over the loops";
    }

    /**
     * Starts an echo server on {@code group}: every line a client sends comes back followed by
     * {@code " (served by THREAD)"}, the name of the loop thread that owns the connection.
     *
     * @param group the loops to spread the connections over
     * @param host the address to listen on; {@code null} or empty for all
     * @param port the port, 0 for any free port
     * @return the listener, as {@link LoopGroup#listen(String, int, java.util.function.Consumer)} gives it
     */
    public static Future<GroupListener> listen(LoopGroup group, String host, int port) {
        return group.listen(host, port, GroupEchoExample::serve);
    }

    private static void serve(Stream stream) {
        String thread = Thread.currentThread().getName();
        stream.onRead((s, buf, eof) -> {
            int nl;
            while ((nl = buf.indexOf((byte) '\n')) >= 0) {
                String line = new String(buf.take(nl + 1), StandardCharsets.UTF_8).strip();
                s.write(line + " (served by " + thread + ")\n");
            }
            if (eof) {
                s.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        });
    }

    @Override
    public void run(Loop loop, PrintStream out) throws Exception {
        // the hand-off deals connections out in turn, so the demo shows both loops serving: with
        // SO_REUSEPORT (the default on Linux) the kernel's hash may give all four to one loop
        LoopGroup group = LoopGroup.builder().loops(LOOPS).backend(loop.backend()).threadNamePrefix("group-echo-")
                .reusePort(false).build();
        try {
            GroupListener server = listen(group, "127.0.0.1", 0).get(WAIT);
            out.println("  listening on port " + server.port() + " with " + group.size() + " loops");
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String line = "hello " + i + "\n";
                replies.add(loop.connect("127.0.0.1", server.port()).then(c -> {
                    loop.add(c);
                    c.write(line);
                    return c.readLine().transform(reply -> {
                        c.close();
                        return reply.strip();
                    });
                }));
            }
            List<String> lines = new ArrayList<>(Future.needsAll(replies).get(WAIT));
            Collections.sort(lines);
            lines.forEach(l -> out.println("  reply: " + l));
            out.println("  connections per loop: " + server.acceptedPerLoop());
        } finally {
            Future<Void> ended = Future.fromCompletionStage(group.shutdownGracefully(Duration.ZERO, WAIT), loop);
            ended.get(WAIT);
            out.println("  group shut down gracefully");
        }
    }
}
