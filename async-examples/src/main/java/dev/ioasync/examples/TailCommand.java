package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.file.FileStream;
import dev.ioasync.signal.SignalWatch;
import dev.ioasync.stream.ReadResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ioasync tail [--from-start] [--interval MS] FILE}: follows a growing file with a
 * {@link FileStream}, like {@code tail -f}, printing each new line, until Ctrl-C (SIGINT).
 * Truncation and rotation are followed and said on stderr.
 */
final class TailCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Loop> onFollowing;

    /**
     * Creates the command.
     *
     * @param out where lines go
     * @param err where errors and notes go
     * @param onFollowing told the loop once the file is followed (tests use it to stop the loop)
     */
    TailCommand(PrintStream out, PrintStream err, Consumer<Loop> onFollowing) {
        this.out = out;
        this.err = err;
        this.onFollowing = onFollowing;
    }

    /**
     * Follows the file until SIGINT.
     *
     * @param args the arguments after {@code tail}
     * @return the exit status
     */
    int run(List<String> args) {
        boolean fromStart = false;
        Duration interval = Duration.ofMillis(500);
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--from-start")) {
                fromStart = true;
            } else if (a.equals("--interval") && i + 1 < args.size()) {
                try {
                    interval = Duration.ofMillis(Long.parseLong(args.get(++i)));
                } catch (NumberFormatException e) {
                    return HelpCommand.usageError(err, "tail: --interval takes milliseconds, not '" + args.get(i) + "'");
                }
            } else if (a.startsWith("-") || file != null) {
                return HelpCommand.usageError(err, "tail: unexpected argument '" + a + "'");
            } else {
                file = a;
            }
        }
        if (file == null) {
            return HelpCommand.usageError(err, "tail: no file given");
        }
        String name = file;
        try (Loop loop = Loop.create()) {
            FileStream stream;
            try {
                stream = new FileStream(Path.of(file));
            } catch (UncheckedIOException e) {
                err.println("ioasync: tail: " + e.getMessage());
                return Main.FAILED;
            }
            boolean seekToEnd = !fromStart;
            stream.interval(interval).onInitial(size -> {
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
            }).onTruncated(() -> err.println("ioasync: tail: " + name + " was truncated; reading from its start"))
                    .onRotated(() -> err.println("ioasync: tail: " + name + " was rotated; following the new file"));
            SignalWatch interrupt = loop.watchSignal("INT", loop::stop);
            try {
                loop.add(stream);
                onFollowing.accept(loop);
                loop.run();
            } finally {
                loop.unwatchSignal(interrupt);
                stream.close();
            }
            return Main.OK;
        }
    }
}
