package dev.ioasync.examples;

import java.util.List;

/**
 * The options of the server commands: {@code --port N} (required; 0 picks a free port) and
 * {@code --host H} (default 127.0.0.1).
 *
 * @param host where to listen
 * @param port the port
 */
record ServerOptions(String host, int port) {

    /**
     * Parses the arguments after the command name.
     *
     * @param command the command, for messages
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException naming the bad option
     */
    static ServerOptions parse(String command, List<String> args) {
        String host = "127.0.0.1";
        Integer port = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--port", "--host" -> {
                    if (i + 1 == args.size()) {
                        throw new IllegalArgumentException(command + ": " + a + " needs a value");
                    }
                    String v = args.get(++i);
                    if (a.equals("--host")) {
                        host = v;
                    } else {
                        port = parsePort(command, v);
                    }
                }
                default -> throw new IllegalArgumentException(command + ": unknown option '" + a + "'");
            }
        }
        if (port == null) {
            throw new IllegalArgumentException(command + ": --port N is required (0 picks a free port)");
        }
        return new ServerOptions(host, port);
    }

    private static int parsePort(String command, String v) {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(command + ": --port takes a number from 0 to 65535, not '" + v + "'");
    }
}
