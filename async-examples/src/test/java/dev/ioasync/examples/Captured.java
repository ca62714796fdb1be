package dev.ioasync.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A command's two output streams, captured, and its exit status. */
final class Captured {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private InputStream in = new ByteArrayInputStream(new byte[0]);

    /** Runs the whole command line through {@link Main#run}, with an empty standard input. */
    static Captured main(String... args) {
        Captured c = new Captured();
        c.status = Main.run(args, c.in, c.out, c.err);
        return c;
    }

    /** Runs the whole command line through {@link Main#run}, with {@code stdin} as standard input. */
    static Captured mainWithInput(byte[] stdin, String... args) {
        Captured c = new Captured();
        c.in = new ByteArrayInputStream(stdin);
        c.status = Main.run(args, c.in, c.out, c.err);
        return c;
    }

    /** {@return where a command made for this capture reads and writes} */
    CommandIo io() {
        return new CommandIo(in, out, err);
    }

    /**
     * Runs {@code ioasync args} through picocli with {@code command} (made with {@link #io()})
     * instead of the default command of its name, and keeps the status.
     */
    Captured execute(Object command, String... args) {
        status = Main.commandLine(io(), command).execute(args);
        return this;
    }

    int status = -1;

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    List<String> outLines() {
        return out().lines().toList();
    }

    List<String> errLines() {
        return err().lines().toList();
    }
}
