package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.file.FileStream;
import dev.ioasync.stream.ReadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ioasync tail [--from-start] [--interval MS] FILE}: follows a growing file with a
 * {@link FileStream}, like {@code tail -f}, printing each new line, until Ctrl-C (status 130).
 * Truncation and rotation are followed and said on stderr. A missing file, a directory or an
 * unreadable file is a failure (status 1) that says which; an interval under 1 ms is a usage
 * error (status 2).
 */
@Command(name = "tail", description = {"print the lines appended to FILE, like tail -f, until Ctrl-C",
    "(follows truncation and rotation)"})
final class TailCommand implements Callable<Integer> {

    /** The longest poll interval accepted: an hour. */
    static final long MAX_INTERVAL_MS = 3_600_000;

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Loop> onFollowing;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--from-start", description = "print the lines already in FILE first")
    boolean fromStart;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "500",
            description = "how often to look at FILE, in milliseconds, 1 to 3600000 (default: ${DEFAULT-VALUE})")
    long intervalMs;

    @Parameters(paramLabel = "FILE", description = "the file to follow")
    Path file;

    /**
     * Creates the command.
     *
     * @param io where lines go (out), and errors and notes (err)
     * @param onFollowing told the loop once the file is followed (tests use it to stop the loop)
     */
    TailCommand(CommandIo io, Consumer<Loop> onFollowing) {
        this.out = io.out();
        this.err = io.err();
        this.onFollowing = onFollowing;
    }

    /**
     * Follows the file until SIGINT or until the loop is stopped.
     *
     * @return {@link Main#INTERRUPTED} after Ctrl-C, {@link Main#OK} when the loop was stopped,
     *     {@link Main#FAILED} when the file cannot be followed
     * @throws ParameterException for an interval out of range
     */
    @Override
    public Integer call() {
        if (intervalMs < 1 || intervalMs > MAX_INTERVAL_MS) {
            throw new ParameterException(spec.commandLine(),
                    "--interval takes milliseconds from 1 to " + MAX_INTERVAL_MS + ", not " + intervalMs);
        }
        Optional<String> problem = FileProblems.whyNotFollowable(file);
        if (problem.isPresent()) {
            err.println("ioasync tail: " + problem.get());
            return Main.FAILED;
        }
        try (Loop loop = Loop.create()) {
            FileStream stream;
            try {
                stream = new FileStream(file);
            } catch (UncheckedIOException e) {
                IOException cause = e.getCause();
                err.println("ioasync tail: " + FileProblems.describe(file, cause));
                return Main.FAILED;
            }
            boolean seekToEnd = !fromStart;
            stream.interval(Duration.ofMillis(intervalMs)).onInitial(size -> {
                if (seekToEnd) {
                    stream.seekToEnd();
                }
            }).onRead((s, buf, eof) -> {
                String line;
                while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                    out.print(line);
                    out.flush();
                }
                return ReadResult.WAIT;
            }).onTruncated(() -> err.println("ioasync tail: " + file + " was truncated; reading from its start"))
                    .onRotated(() -> err.println("ioasync tail: " + file + " was rotated; following the new file"));
            try (Interrupt interrupt = Interrupt.stopping(loop)) {
                loop.add(stream);
                onFollowing.accept(loop);
                loop.run();
                return interrupt.status();
            } finally {
                stream.close();
            }
        }
    }
}
