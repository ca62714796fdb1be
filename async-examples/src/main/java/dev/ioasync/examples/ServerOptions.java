package dev.ioasync.examples;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the server commands, a picocli mixin: {@code --port N} (required; 0 picks a
 * free port), {@code --host H} (default 127.0.0.1), {@code --loops N} (default 0: one loop per
 * core; 1 for a single loop without a group) and {@code --stats INTERVAL} (a status line every INTERVAL).
 */
final class ServerOptions {

    @Option(names = "--port", required = true, paramLabel = "N",
            description = "the port to listen on, 0 to 65535 (0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "0",
            description = "serve on a LoopGroup of N loops, N threads (default 0: one per core; 1: a single loop)")
    int loops;

    @Option(names = "--stats", paramLabel = "INTERVAL", converter = DurationOption.class,
            description = "print a status line to stderr every INTERVAL (e.g. 5s, 500ms): connections, "
                    + "callbacks/s, loop utilisation, timer lateness p99")
    Duration stats;
}
