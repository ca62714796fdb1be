package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Echo clients for the group conformance tests: each connects on the test's loop, sends one line
 * ({@code client N}), half-closes and reads the echo to end of file. Used on the test's thread only.
 */
final class EchoClients {

    private EchoClients() {
    }

    /**
     * Runs {@code n} clients against {@code port} on {@code loop} until all are done (bounded by
     * {@link AbstractLoopTck#WAIT}); asserts every one connected and got its own line back.
     *
     * @return the replies, in the order they ended
     */
    static List<String> run(Loop loop, int port, int n) {
        List<String> replies = new CopyOnWriteArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            String line = "client " + i + "\n";
            loop.connect("127.0.0.1", port).onReady(f -> {
                if (!f.isDone()) {
                    failed.incrementAndGet();
                    return;
                }
                Stream c = f.value();
                c.onRead((s, buf, eof) -> {
                    if (eof) {
                        replies.add(new String(buf.takeAll(), StandardCharsets.UTF_8));
                        s.close();
                    }
                    return ReadResult.WAIT;
                });
                loop.add(c);
                c.write(line);
                c.shutdownWriteWhenEmpty();
            });
        }
        AbstractLoopTck.runUntil(loop, () -> replies.size() + failed.get() == n, n + " echo clients to finish");
        assertThat(failed).as("clients that could not connect").hasValue(0);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add("client " + i + "\n");
        }
        assertThat(replies).containsExactlyInAnyOrderElementsOf(expected);
        return replies;
    }
}
