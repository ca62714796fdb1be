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
     * @param server {@code perl}, {@code netty-io_uring} or {@code netty-epoll} (raw Netty,
     *     {@link NettyManyConnServer}), or an ioasync backend name
     * @throws IOException when it does not start
     */
    EchoServerProcess(String server) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        List<String> cmd = server.equals("perl")
                ? List.of("perl", perlScript().toString())
                : server.startsWith("netty-")
                ? List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, NettyManyConnServer.class.getName(),
                        server.substring("netty-".length()))
                : List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, ManyConnServer.class.getName(), server);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        to = process.outputWriter(StandardCharsets.UTF_8);
        String first = from.readLine();
        if (first == null) {
            throw new IOException("the " + server + " echo server ended before printing its port: " + cmd);
        }
        port = Integer.parseInt(first.trim());
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
