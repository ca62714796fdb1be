package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.util.function.Consumer;
import picocli.CommandLine.Command;

/** {@code ioasync echo-server --port N}: writes back whatever each client sends. */
@Command(name = "echo-server", description = {"write back whatever each client sends (try: nc 127.0.0.1 N)"})
final class EchoServerCommand extends ServerCommand {

    EchoServerCommand(CommandIo io, Consumer<Loop> onListening) {
        super(io, onListening);
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
