package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pipe between threads: another thread writes lines into the write end of
 * {@code loop.pipe()} and closes it; the loop watches the read end with {@code watchIo}, prints
 * each whole line as it arrives, and stops at end of stream.
 *
 * <p>Thread rules at work: the writer thread alone uses the write end; the loop thread alone uses
 * the read end and prints; the writer is joined, with a bound, before the example returns.
 */
public final class PipeExample implements Example {

    /** The lines the writer thread sends. */
    static final List<String> LINES = List.of("first line from the writer thread", "second line", "third and last line");

    /** Creates the example. */
    public PipeExample() {
    }

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public String summary() {
        return "another thread writes lines into loop.pipe(); the loop reads them with watchIo until EOF";
    }

    @Override
    public void run(Loop loop, PrintStream out) throws IOException, InterruptedException {
        try (PipePair pipe = loop.pipe()) {
            IoHandle reader = pipe.reader();
            Future<Integer> eof = loop.newFuture();
            ByteBuffer buffer = ByteBuffer.allocate(16); // small on purpose: lines arrive in pieces
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int[] lines = {0};
            loop.watchIo(reader, () -> {
                buffer.clear();
                int n;
                try {
                    n = reader.read(buffer);
                } catch (IOException e) {
                    loop.unwatchIo(reader);
                    eof.fail("reading the pipe failed: " + e, "io", e);
                    return;
                }
                if (n < 0) {
                    loop.unwatchIo(reader);
                    if (line.size() > 0) {
                        out.println("  read (no newline before EOF): " + line.toString(StandardCharsets.UTF_8));
                        lines[0]++;
                    }
                    out.println("  EOF: the writer closed its end after " + lines[0] + " lines");
                    eof.done(lines[0]);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        out.println("  read: " + line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        lines[0]++;
                    } else {
                        line.write(b);
                    }
                }
            }, null);

            out.println("  a writer thread writes " + LINES.size() + " lines into the pipe, then closes it");
            AtomicReference<Throwable> writerError = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().name("demo-pipe-writer").daemon(true)
                    .start(() -> writeLines(pipe.writer(), writerError));

            int read = Waits.get(loop, eof);
            if (!writer.join(Duration.ofSeconds(2))) {
                throw new IllegalStateException("the writer thread did not finish within 2 s");
            }
            if (writerError.get() != null) {
                throw new IllegalStateException("the writer thread failed: " + writerError.get(), writerError.get());
            }
            out.println("  done: " + read + " lines through the pipe");
        }
    }

    /** The writer thread's body: writes every line, then closes the write end. */
    private static void writeLines(IoHandle writer, AtomicReference<Throwable> error) {
        try (writer) {
            for (String text : LINES) {
                ByteBuffer bytes = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    if (writer.write(bytes) == 0) {
                        Thread.onSpinWait(); // the pipe is full: the loop is draining it
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            error.set(e);
        }
    }
}
