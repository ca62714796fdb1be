package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.group.GroupListener;
import dev.ioasync.group.LoopFutures;
import dev.ioasync.group.LoopGroup;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import dev.ioasync.timer.Periodic;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code echo-server} and {@code chat-server} share: the {@code --port}/{@code --host}
 * options, listening (a port in use is a clear message and status 1), saying where, running on
 * one loop or on a {@link LoopGroup} ({@code --loops}), a {@code --stats} line, and running
 * until Ctrl-C (status 130) or until the loop is stopped (status 0; with a group, the loop of
 * the command's own thread, after which the group shuts down gracefully).
 */
abstract class ServerCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Loop> onListening;
    private final AtomicLong accepted = new AtomicLong();

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
     * Told the loops that will serve, before listening: one loop, or the loops of the group.
     *
     * @param loops the loops; {@link #serve} is called on their threads
     */
    void serving(List<Loop> loops) {
    }

    /**
     * Runs the server until Ctrl-C or until the loop is stopped.
     *
     * @return {@link Main#OK}, {@link Main#INTERRUPTED} after Ctrl-C, {@link Main#FAILED} when
     *     it cannot listen
     * @throws ParameterException for a port out of range or a negative {@code --loops}
     */
    @Override
    public Integer call() {
        if (options.port < 0 || options.port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "--port takes a number from 0 to 65535, not " + options.port);
        }
        if (options.loops < 0) {
            throw new ParameterException(spec.commandLine(), "--loops takes 0 (one per core) or more, not " + options.loops);
        }
        int loops = options.loops == 0 ? Runtime.getRuntime().availableProcessors() : options.loops;
        return loops == 1 ? serveOnOneLoop() : serveOnAGroup(loops);
    }

    private Integer serveOnOneLoop() {
        try (Loop loop = Loop.create()) {
            serving(List.of(loop));
            Future<Listener> listening = loop.listen(options.host, options.port, s -> {
                accepted.incrementAndGet();
                serve(loop, s, out);
            });
            loop.await(listening);
            if (!listening.isDone()) {
                return cannotListen(listening.failure());
            }
            Listener l = listening.get();
            try (Interrupt interrupt = Interrupt.stopping(loop)) {
                out.println(name() + " listening on " + options.host + ":" + l.port() + " (loop backend "
                        + loop.backend() + "); stop it with Ctrl-C");
                out.flush();
                startStats(loop, List.of(loop));
                onListening.accept(loop);
                loop.run();
                return interrupt.status();
            }
        }
    }

    /**
     * Serves on a group of {@code loops} loops; this thread runs a loop of its own that waits for
     * Ctrl-C (or a stop) and prints the stats, then shuts the group down gracefully.
     */
    private Integer serveOnAGroup(int loops) {
        try (Loop control = Loop.create(); LoopGroup group = LoopGroup.builder().loops(loops).build()) {
            serving(group.loops());
            Future<GroupListener> listening = LoopFutures.on(group.listen(options.host, options.port, s -> {
                accepted.incrementAndGet();
                serve(group.currentLoop(), s, out);
            }), control);
            control.await(listening);
            if (!listening.isDone()) {
                return cannotListen(listening.failure());
            }
            try (Interrupt interrupt = Interrupt.stopping(control)) {
                GroupListener server = listening.get();
                out.println(name() + " listening on " + options.host + ":" + server.port() + " (" + loops
                        + " loops, backend " + control.backend() + ", " + (server.mode() == GroupListener.Mode.REUSE_PORT
                        ? "a SO_REUSEPORT socket per loop" : "one acceptor handing off") + "); stop it with Ctrl-C");
                out.flush();
                startStats(control, group.loops());
                onListening.accept(control);
                control.run();
                group.shutdownGracefully(Duration.ofMillis(100), Duration.ofSeconds(10)).join();
                return interrupt.status();
            }
        }
    }

    private int cannotListen(FutureFailure why) {
        String inUse = why.getMessage().contains("in use") ? " (port " + options.port + " is in use)" : "";
        err.println("ioasync " + name() + ": " + why.getMessage() + inUse);
        return Main.FAILED;
    }

    private void startStats(Loop loop, List<Loop> loops) {
        if (options.stats == null) {
            return;
        }
        ServerStats stats = new ServerStats(loops, accepted, err);
        Periodic tick = new Periodic(options.stats, stats::print);
        loop.add(tick);
        tick.start();
    }
}
