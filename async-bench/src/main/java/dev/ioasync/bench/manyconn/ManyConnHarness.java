package dev.ioasync.bench.manyconn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The many-connection run: an ioasync echo server ({@link ManyConnServer}) in a child JVM on the
 * chosen backend, and N loopback connections held open from this JVM ({@link EchoLoad}), each
 * echoing a 16-byte message at a modest rate. Prints {@code RESULT manyconn_BACKEND_...} lines:
 * connections, throughput, p50/p99 round trip, messages dropped, connections closed, the server's
 * heap after GC and open file descriptors (taken when sending has ended, every connection still
 * open, so that the collections do not stall the echoes), and this JVM's file descriptors. Each process holds about N sockets; the per-process limit here is 20 000.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.ManyConnHarness BACKEND [conns=10000] [seconds=60] [msgs/s per conn=1]
 * </pre>
 */
public final class ManyConnHarness {

    private static final PrintStream OUT = System.out;

    private ManyConnHarness() {
    }

    /**
     * Runs it.
     *
     * @param args backend, then optionally connections, seconds, messages per second per connection
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String backend = args[0];
        int conns = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 60;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        Process server = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ManyConnServer.class.getName(), backend))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader from = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                Writer to = server.outputWriter(StandardCharsets.UTF_8)) {
            int port = Integer.parseInt(from.readLine().trim());
            String[] stats = {""};
            long[] clientFds = {0};
            EchoLoad.Outcome o;
            try (EchoLoad load = new EchoLoad(new InetSocketAddress("127.0.0.1", port), conns)) {
                o = load.run(seconds, rate, () -> { });
                to.write("stats\n");   // after the last echo, every connection still open
                to.flush();
                stats[0] = from.readLine();
                clientFds[0] = ProcessStats.openFds();
            }
            to.write("quit\n");
            to.flush();
            String p = "manyconn_" + backend + "_";
            result(p + "conns", conns, "connections");
            result(p + "throughput", o.received() / o.seconds(), "msgs/s");
            result(p + "p50", o.percentileUs(50), "us");
            result(p + "p99", o.percentileUs(99), "us");
            result(p + "dropped", o.sent() - o.received(), "msgs");
            result(p + "closed", o.closed(), "connections");
            result(p + "server_heap", field(stats[0], "heapKb") / 1024.0, "MB");
            result(p + "server_fds", field(stats[0], "fds"), "fds");
            result(p + "server_conns", field(stats[0], "conns"), "connections");
            result(p + "client_fds", clientFds[0], "fds");
        } finally {
            server.waitFor();
        }
    }

    private static double field(String stats, String name) {
        for (String kv : stats.split(" ")) {
            if (kv.startsWith(name + "=")) {
                return Double.parseDouble(kv.substring(name.length() + 1));
            }
        }
        return Double.NaN;
    }

    private static void result(String name, double value, String unit) {
        OUT.printf(Locale.ROOT, "RESULT %s=%.1f %s%n", name, value, unit);
    }
}
