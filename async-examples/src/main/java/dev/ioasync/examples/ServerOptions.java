package dev.ioasync.examples;

import picocli.CommandLine.Option;

/**
 * The options of the server commands, a picocli mixin: {@code --port N} (required; 0 picks a
 * free port) and {@code --host H} (default 127.0.0.1).
 */
final class ServerOptions {

    @Option(names = "--port", required = true, paramLabel = "N",
            description = "the port to listen on, 0 to 65535 (0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String host;
}
