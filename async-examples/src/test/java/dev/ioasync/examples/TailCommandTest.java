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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ioasync tail}, with real files and a real SIGINT. */
class TailCommandTest {

    @TempDir
    Path dir;

    /**
     * Checks {@code condition} at each 20 ms tick of the loop; when it holds runs {@code then};
     * gives up after 10 s by stopping the loop (the test then fails on what was printed).
     */
    static void when(Loop loop, BooleanSupplier condition, Runnable then) {
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
    void tailPrintsAppendedLinesUntilCtrlCThenExits130() throws Exception {
        assumeTrue(Sigint.handled(), Sigint.IGNORED);
        Path log = Files.writeString(dir.resolve("app.log"), "old line, skipped\n");
        Captured c = new Captured();
        c.execute(new TailCommand(c.io(), loop -> {
            append(log, "first new line\n");
            when(loop, () -> c.out().contains("first new line"), () -> {
                append(log, "second\n");
                when(loop, () -> c.out().contains("second"),
                        () -> ProcessSignals.send(loop, ProcessHandle.current(), "INT"));
            });
        }), "tail", "--interval", "50", log.toString());
        assertThat(c.status).isEqualTo(Main.INTERRUPTED).isEqualTo(130);
        assertThat(c.out()).isEqualTo("first new line\nsecond\n");
        assertThat(c.err()).isEmpty();
    }

    @Test
    void tailFromStartFollowsTruncationAndEndsWith0WhenStopped() throws IOException {
        Path log = Files.writeString(dir.resolve("app.log"), "a long existing line\n");
        Captured c = new Captured();
        c.execute(new TailCommand(c.io(), loop ->
                when(loop, () -> c.out().contains("existing"), () -> {
                    try {
                        Files.writeString(log, "short\n", StandardOpenOption.TRUNCATE_EXISTING);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    when(loop, () -> c.out().contains("short"), loop::stop);
                })), "tail", "--from-start", "--interval=50", log.toString());
        assertThat(c.status).isZero();
        assertThat(c.out()).isEqualTo("a long existing line\nshort\n");
        assertThat(c.err()).contains("was truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "3600001"})
    void anIntervalOutOfRangeIsAUsageError(String interval) throws IOException {
        Path log = Files.writeString(dir.resolve("app.log"), "x\n");
        Captured c = Captured.main("tail", "--interval", interval, log.toString());
        MainTest.assertUsageError(c, "ioasync tail: --interval takes milliseconds from 1 to 3600000, not " + interval,
                "ioasync help tail");
    }

    @Test
    void anIntervalThatIsNoNumberIsAUsageError() throws IOException {
        Path log = Files.writeString(dir.resolve("app.log"), "x\n");
        Captured c = Captured.main("tail", "--interval", "fast", log.toString());
        MainTest.assertUsageError(c, "ioasync tail: ", "ioasync help tail");
        assertThat(c.errLines().get(0)).contains("--interval").contains("'fast'");
    }

    @Test
    void missingArgumentsAndUnknownOptionsAreUsageErrors() throws IOException {
        MainTest.assertUsageError(Captured.main("tail"), "ioasync tail: Missing required parameter: 'FILE'",
                "ioasync help tail");
        MainTest.assertUsageError(Captured.main("tail", "--interval"), "ioasync tail: ", "ioasync help tail");
        MainTest.assertUsageError(Captured.main("tail", "--follow", "x"), "ioasync tail: Unknown option: '--follow'",
                "ioasync help tail");
        MainTest.assertUsageError(Captured.main("tail", "a", "b"), "ioasync tail: ", "ioasync help tail");
    }

    @Test
    void aMissingFileFailsSayingWhy() {
        Path missing = dir.resolve("missing.log");
        Captured c = Captured.main("tail", missing.toString());
        assertThat(c.status).isEqualTo(Main.FAILED);
        assertThat(c.err()).isEqualTo("ioasync tail: cannot open " + missing + ": no such file\n");
        assertThat(c.out()).isEmpty();
    }

    @Test
    void aDirectoryFailsAtOnceInsteadOfHanging() {
        Captured c = Captured.main("tail", dir.toString());
        assertThat(c.status).isEqualTo(Main.FAILED);
        assertThat(c.err()).isEqualTo("ioasync tail: " + dir + " is a directory, not a file\n");
    }

    @Test
    void anUnreadableFileFailsSayingWhy() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.log"), "x\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: every file is readable");
        Captured c = Captured.main("tail", secret.toString());
        assertThat(c.status).isEqualTo(Main.FAILED);
        assertThat(c.err()).isEqualTo("ioasync tail: cannot open " + secret + ": permission denied\n");
    }
}
