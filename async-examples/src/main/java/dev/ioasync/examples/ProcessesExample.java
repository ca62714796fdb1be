package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import dev.ioasync.process.Process;
import dev.ioasync.process.ProcessSignals;
import dev.ioasync.signal.Signal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child processes and signals: runs {@code ls} on a fresh directory through a
 * {@link Process}, printing each line its stdout stream gives, then catches a {@code SIGUSR2}
 * that the program sends itself with {@code kill}. Everything prints on the loop thread.
 */
public final class ProcessesExample implements Example {

    /** The files the example lists. */
    static final List<String> FILES = List.of("alpha.txt", "beta.txt");

    /** Creates the example. */
    public ProcessesExample() {
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public String summary() {
        return "runs ls through a Process with its stdout as a Stream, and catches a SIGUSR2 sent to itself";
    }

    @Override
    public void run(Loop loop, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("ioasync-demo");
        List<Path> made = new ArrayList<>();
        try {
            for (String f : FILES) {
                made.add(Files.writeString(dir.resolve(f), f));
            }
            Process ls = new Process(Command.of("ls", dir.toString()));
            ls.stdout().onRead((s, buf, eof) -> {
                String line;
                while ((line = buf.takeLine(java.nio.charset.StandardCharsets.UTF_8)) != null) {
                    out.println("  ls: " + line.strip());
                }
                return dev.ioasync.stream.ReadResult.WAIT;
            });
            ls.onFinish(status -> out.println("  ls finished: " + status));
            loop.add(ls);
            ExitStatus status = Waits.get(loop, ls.exitFuture());
            if (!status.isSuccess()) {
                throw new IllegalStateException("ls failed: " + status);
            }

            Future<String> caught = loop.newFuture();
            Signal usr2 = new Signal("USR2", () -> {
                out.println("  caught SIGUSR2 on the loop thread");
                caught.done("USR2");
            });
            loop.add(usr2);
            try {
                out.println("  sending SIGUSR2 to this process with kill");
                Waits.get(loop, ProcessSignals.send(loop, ProcessHandle.current(), "USR2"));
                Waits.get(loop, caught);
            } finally {
                loop.remove(usr2);
            }
            out.println("  done: the previous SIGUSR2 handler is back");
        } finally {
            for (Path p : made) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }
}
