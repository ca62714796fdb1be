package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The IO::Async synopsis: connect to a line server, print {@code Received a line ...} for each
 * line, and write an initial line. The demo starts its own server on 127.0.0.1, which answers
 * the initial line with three lines and closes.
 */
final class SynopsisExample implements Example {

    @Override
    public String name() {
        return "synopsis";
    }

    @Override
    public String summary() {
        return "the IO::Async synopsis: connect, print each line received, write a line";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        Listener server = Waits.get(loop, loop.listen("127.0.0.1", 0, stream -> stream.onRead((s, buf, eof) -> {
            String line = buf.takeLine(StandardCharsets.UTF_8);
            if (line != null) {
                s.write("Hello, you sent: " + line);
                s.write("Here is another line\n");
                s.write("And a third\n");
                s.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        })));
        out.println("  server listening on 127.0.0.1:" + server.port());

        Stream stream = Waits.get(loop, loop.connect("127.0.0.1", server.port()));
        stream.onRead((self, buffer, eof) -> {
            String line;
            while ((line = buffer.takeLine(StandardCharsets.UTF_8)) != null) {
                out.print("  Received a line " + line);
            }
            return ReadResult.WAIT;
        });
        stream.onClosed(() -> loop.stop());
        stream.write("An initial line here\n");
        loop.add(stream);
        Waits.run(loop, "the server's three lines and close");
        loop.remove(server);
        server.close();
    }
}
