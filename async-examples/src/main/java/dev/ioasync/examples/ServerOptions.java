package dev.ioasync.examples;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the server commands, a picocli mixin: {@code --port N} (required; 0 picks a
 * free port), {@code --host H} (default 127.0.0.1), {@code --loops N} (default 1; 0 for one loop
 * per core) and {@code --stats INTERVAL} (a status line every INTERVAL).
 */
final class ServerOptions {

    @Option(names = "--port", required = true, paramLabel = "N",
            description = "the port to listen on, 0 to 65535 (0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "1",
            description = "serve on a LoopGroup of N loops, N threads (0: one per core; default: ${DEFAULT-VALUE})")
    int loops;

    @Option(names = "--stats", paramLabel = "INTERVAL", converter = DurationOption.class,
            description = "print a status line to stderr every INTERVAL (e.g. 5s, 500ms): connections, "
                    + "callbacks/s, loop utilisation, timer lateness p99")
    Duration stats;
}
