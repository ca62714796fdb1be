package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code echo-server} and {@code chat-server} share: parse {@code --port}/{@code --host},
 * listen (a port in use is a clear message and status 1), say where, and run until stopped.
 */
abstract class ServerCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Loop> onListening;

    /**
     * Creates the command.
     *
     * @param out where progress goes
     * @param err where errors go
     * @param onListening told the loop once listening (tests stop it through {@code loop.stop()})
     */
    ServerCommand(PrintStream out, PrintStream err, Consumer<Loop> onListening) {
        this.out = out;
        this.err = err;
        this.onListening = onListening;
    }

    /** {@return the command's name} */
    abstract String name();

    /**
     * Serves one accepted connection.
     *
     * @param loop the loop
     * @param stream the connection, not yet in the loop (the listener adopts it unless this adds
     *     it somewhere)
     * @param out where to log
     */
    abstract void serve(Loop loop, Stream stream, PrintStream out);

    /**
     * Runs the server until the loop is stopped.
     *
     * @param args the arguments after the command name
     * @return the exit status
     */
    int run(List<String> args) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(name(), args);
        } catch (IllegalArgumentException e) {
            return HelpCommand.usageError(err, e.getMessage());
        }
        try (Loop loop = Loop.create()) {
            Future<Listener> listening = loop.listen(options.host(), options.port(), s -> serve(loop, s, out));
            loop.await(listening);
            if (!listening.isDone()) {
                FutureFailure why = listening.failure();
                String inUse = why.getMessage().contains("in use") ? " (port " + options.port() + " is in use)" : "";
                err.println("ioasync: " + name() + ": " + why.getMessage() + inUse);
                return Main.FAILED;
            }
            Listener l = listening.get();
            out.println(name() + " listening on " + options.host() + ":" + l.port() + " (loop backend " + loop.backend()
                    + "); stop it with Ctrl-C");
            out.flush();
            onListening.accept(loop);
            loop.run();
            return Main.OK;
        }
    }
}
