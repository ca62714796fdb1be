package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code echo-server} and {@code chat-server} share: the {@code --port}/{@code --host}
 * options, listening (a port in use is a clear message and status 1), saying where, and running
 * until Ctrl-C (status 130) or until the loop is stopped (status 0).
 */
abstract class ServerCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Loop> onListening;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options = new ServerOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /**
     * Creates the command.
     *
     * @param io where progress and errors go
     * @param onListening told the loop once listening (tests stop it through {@code loop.stop()})
     */
    ServerCommand(CommandIo io, Consumer<Loop> onListening) {
        this.out = io.out();
        this.err = io.err();
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
     * Runs the server until Ctrl-C or until the loop is stopped.
     *
     * @return {@link Main#OK}, {@link Main#INTERRUPTED} after Ctrl-C, {@link Main#FAILED} when
     *     it cannot listen
     * @throws ParameterException for a port out of range
     */
    @Override
    public Integer call() {
        if (options.port < 0 || options.port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "--port takes a number from 0 to 65535, not " + options.port);
        }
        try (Loop loop = Loop.create()) {
            Future<Listener> listening = loop.listen(options.host, options.port, s -> serve(loop, s, out));
            loop.await(listening);
            if (!listening.isDone()) {
                FutureFailure why = listening.failure();
                String inUse = why.getMessage().contains("in use") ? " (port " + options.port + " is in use)" : "";
                err.println("ioasync " + name() + ": " + why.getMessage() + inUse);
                return Main.FAILED;
            }
            Listener l = listening.get();
            try (Interrupt interrupt = Interrupt.stopping(loop)) {
                out.println(name() + " listening on " + options.host + ":" + l.port() + " (loop backend "
                        + loop.backend() + "); stop it with Ctrl-C");
                out.flush();
                onListening.accept(loop);
                loop.run();
                return interrupt.status();
            }
        }
    }
}
