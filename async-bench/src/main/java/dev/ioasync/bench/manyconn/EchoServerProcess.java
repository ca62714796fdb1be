package dev.ioasync.bench.manyconn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An echo server in a process of its own, driven over its standard input: an ioasync one
 * ({@link ManyConnServer}, in a child JVM on the named backend) or Perl IO::Async's
 * ({@code async-bench/perl/echo_server.pl}, for {@code perl}). Both print their port, then
 * answer {@code stats} with a {@code STATS key=value ...} line and stop on {@code quit}.
 */
final class EchoServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader from;
    private final Writer to;
    private final int port;

    /**
     * Starts one and waits for its port.
     *
     * @param server {@code perl}, or an ioasync backend name
     * @throws IOException when it does not start
     */
    EchoServerProcess(String server) throws IOException {
        List<String> cmd = command(server);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        to = process.outputWriter(StandardCharsets.UTF_8);
        String first = from.readLine();
        if (first == null) {
            throw new IOException("the " + server + " echo server ended before printing its port: " + cmd);
        }
        port = Integer.parseInt(first.trim());
    }

    /**
     * The command line of a server: {@code perl}; an ioasync backend name (one loop,
     * {@link ManyConnServer}); {@code group-BACKEND-N} (a LoopGroup of N loops,
     * {@link GroupManyConnServer}); {@code netty-TRANSPORT[-N]} (raw Netty on epoll or io_uring with N threads,
     * default 1, {@link NettyManyConnServer}). The Java ones run with this JVM's java and class path, plus
     * the options in the environment variable {@code SERVER_JVM_OPTS} (e.g. {@code -Xmx1g}).
     */
    private static List<String> command(String server) {
        if (server.equals("perl")) {
            return List.of("perl", perlScript().toString());
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED"));
        String opts = System.getenv("SERVER_JVM_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        String[] parts = server.split("-");
        if (server.startsWith("group-") && parts.length == 3) {
            cmd.addAll(List.of(GroupManyConnServer.class.getName(), parts[1], parts[2]));
        } else if (server.startsWith("netty-")) {
            // netty-TRANSPORT or netty-TRANSPORT-N (N event loop threads, default 1); io_uring has a '_'
            String rest = server.substring("netty-".length());
            int dash = rest.lastIndexOf('-');
            boolean counted = dash > 0 && rest.substring(dash + 1).chars().allMatch(Character::isDigit);
            cmd.addAll(List.of(NettyManyConnServer.class.getName(), counted ? rest.substring(0, dash) : rest,
                    counted ? rest.substring(dash + 1) : "1"));
        } else {
            cmd.addAll(List.of(ManyConnServer.class.getName(), server));
        }
        return cmd;
    }

    /** @return the server's address on loopback */
    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** @return the operating system's process id of the server */
    long pid() {
        return process.pid();
    }

    /**
     * Asks for its statistics.
     *
     * @return key to value, e.g. {@code conns}, {@code rssKb}, {@code fds}, {@code heapKb} (Java only)
     * @throws IOException when it does not answer
     */
    Map<String, Double> stats() throws IOException {
        to.write("stats\n");
        to.flush();
        String line = from.readLine();
        if (line == null || !line.startsWith("STATS ")) {
            throw new IOException("the echo server answered " + line + " to stats");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String kv : line.substring(6).trim().split(" ")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
        }
        return out;
    }

    /** Tells it to quit and waits for it. */
    @Override
    public void close() throws IOException {
        try {
            to.write("quit\n");
            to.flush();
            to.close();
        } catch (IOException e) {
            // it has ended already
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code async-bench/perl/echo_server.pl}, found from where these classes were loaded (target/). */
    private static Path perlScript() {
        try {
            Path here = Path.of(EchoServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path script = here.getParent().getParent().resolve("perl/echo_server.pl");
            if (!Files.isRegularFile(script)) {
                throw new UncheckedIOException(new IOException("no Perl echo server at " + script));
            }
            return script;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
