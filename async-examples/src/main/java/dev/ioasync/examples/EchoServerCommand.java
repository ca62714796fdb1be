package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.util.function.Consumer;

/** {@code ioasync echo-server --port N}: writes back whatever each client sends. */
final class EchoServerCommand extends ServerCommand {

    EchoServerCommand(PrintStream out, PrintStream err, Consumer<Loop> onListening) {
        super(out, err, onListening);
    }

    @Override
    String name() {
        return "echo-server";
    }

    @Override
    void serve(Loop loop, Stream stream, PrintStream out) {
        stream.onRead((s, buf, eof) -> {
            if (!buf.isEmpty()) {
                s.write(buf.takeAll());
            }
            return ReadResult.WAIT;
        });
    }
}
