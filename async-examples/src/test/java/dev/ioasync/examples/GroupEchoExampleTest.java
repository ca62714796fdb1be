package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GroupEchoExample}: every client gets its echo, from both loops, and the group ends. */
class GroupEchoExampleTest {

    @Test
    void repliesComeFromBothLoopsAndTheGroupShutsDown() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Loop loop = Loop.create(); PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new GroupEchoExample().run(loop, out);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("  listening on port ").endsWith(" with 2 loops");
        for (int i = 0; i < 4; i++) {
            // which loop served which client depends on the order the kernel completed the connects
            assertThat(lines.get(1 + i)).matches("  reply: hello " + i + " \\(served by group-echo-[01]\\)");
        }
        assertThat(lines.subList(5, lines.size())).containsExactly(
                "  connections per loop: [2, 2]",
                "  group shut down gracefully");
    }
}
