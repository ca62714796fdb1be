package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ioasync.Loop;
import dev.ioasync.process.ProcessSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ioasync tail} and {@code ioasync run}, with real files, processes and SIGINT. */
class TailAndRunCommandTest {

    @TempDir
    Path dir;

    /** Whether SIGINT reaches this JVM's handlers: a JVM started with it ignored cannot watch it. */
    private static boolean sigintHandled() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).strip();
        return (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) == 0; // bit 1 is SIGINT (signal 2)
    }

    /** Every {@code 20 ms} checks {@code condition}; when it holds runs {@code then}; stops the loop after 10 s. */
    private static void when(Loop loop, BooleanSupplier condition, Runnable then) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (condition.getAsBoolean()) {
                then.run();
            } else if (System.nanoTime() > deadline) {
                loop.stop();
            } else {
                loop.watchTimeAfter(Duration.ofMillis(20), check[0]);
            }
        };
        loop.watchTimeAfter(Duration.ZERO, check[0]);
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void tailPrintsAppendedLinesUntilSigint() throws Exception {
        assumeTrue(sigintHandled(), "SIGINT is ignored in this JVM (started in the background), so Ctrl-C cannot be tested");
        Path log = Files.writeString(dir.resolve("app.log"), "old line, skipped\n");
        Captured c = new Captured();
        int status = new TailCommand(c.out, c.err, loop -> {
            append(log, "first new line\n");
            when(loop, () -> c.out().contains("first new line"), () -> {
                append(log, "second\n");
                when(loop, () -> c.out().contains("second"),
                        () -> ProcessSignals.send(loop, ProcessHandle.current(), "INT"));
            });
        }).run(List.of("--interval", "50", log.toString()));
        assertThat(status).isZero();
        assertThat(c.out()).isEqualTo("first new line\nsecond\n");
    }

    @Test
    void tailFromStartFollowsTruncation() {
        Path log;
        try {
            log = Files.writeString(dir.resolve("app.log"), "a long existing line\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Captured c = new Captured();
        Loop[] theLoop = new Loop[1];
        int status = new TailCommand(c.out, c.err, loop -> {
            theLoop[0] = loop;
            when(loop, () -> c.out().contains("existing"), () -> {
                try {
                    Files.writeString(log, "short\n", StandardOpenOption.TRUNCATE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                when(loop, () -> c.out().contains("short"), loop::stop);
            });
        }).run(List.of("--from-start", "--interval", "50", log.toString()));
        assertThat(status).isZero();
        assertThat(c.out()).isEqualTo("a long existing line\nshort\n");
        assertThat(c.err()).contains("was truncated");
    }

    @Test
    void tailOfAMissingFileFails() {
        Captured c = Captured.main("tail", dir.resolve("missing").toString());
        assertThat(c.status).isEqualTo(Main.FAILED);
        assertThat(c.err()).contains("ioasync: tail: cannot open").contains("missing");
        assertThat(Captured.main("tail").status).isEqualTo(Main.USAGE);
    }

    @Test
    void runPrintsOutputAndExitStatus() {
        Captured c = Captured.main("run", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(c.status).isEqualTo(Main.FAILED);
        assertThat(c.outLines()).containsExactly("out", "[sh -c echo out; echo err >&2; exit 3: exit 3]");
        assertThat(c.err()).isEqualTo("err\n");

        Captured ok = Captured.main("run", "--", "echo", "hello", "world");
        assertThat(ok.status).isZero();
        assertThat(ok.outLines()).containsExactly("hello world", "[echo hello world: exit 0]");
    }

    @Test
    void runOfAMissingProgramFails() {
        Captured c = Captured.main("run", "--", dir.resolve("no-such-program").toString());
        assertThat(c.status).isEqualTo(Main.FAILED);
        assertThat(c.err()).contains("ioasync: run: cannot start").contains("No such file");
        assertThat(Captured.main("run").status).isEqualTo(Main.USAGE);
    }

    @Test
    void runForwardsSigintToTheChild() throws Exception {
        assumeTrue(sigintHandled(), "SIGINT is ignored in this JVM (started in the background), so Ctrl-C cannot be tested");
        Captured c = new Captured();
        int status = new RunCommand(c.out, c.err, p -> ProcessSignals.send(p.loop(), ProcessHandle.current(), "INT"))
                .run(List.of("--", "sleep", "30"));
        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(c.err()).contains("forwarding SIGINT to process");
        assertThat(c.outLines()).containsExactly("[sleep 30: killed by signal 2]");
    }
}
