package dev.ioasync.bench.manyconn;

import dev.ioasync.bench.ResultPrinter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The many-connection run: an ioasync echo server ({@link ManyConnServer}) in a child JVM on the
 * chosen backend, and N loopback connections held open from this JVM ({@link EchoLoad}), each
 * echoing a 16-byte message at a modest rate. Prints {@code RESULT manyconn_BACKEND_...} lines:
 * connections, throughput, p50/p99 round trip, messages dropped, connections closed, the server's
 * resident set, heap after GC and open file descriptors (taken when sending has ended, every
 * connection still open, so that the collections do not stall the echoes), and this JVM's file
 * descriptors. Each process holds about N sockets; the per-process limit here is 20 000.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.ManyConnHarness SERVER [conns=10000] [seconds=60] [msgs/s per conn=1] [sources=0]
 * </pre>
 *
 * <p>SERVER is a backend name, {@code group-BACKEND-N} or {@code netty-epoll-N} (see
 * {@link EchoServerProcess}); {@code sources} &gt; 0 binds the connections in turn to 127.0.0.2,
 * 127.0.0.3, ... (Linux routes all of 127/8 to loopback), past the ephemeral ports of one source
 * address (100 000 connections need 4 or more).
 */
public final class ManyConnHarness {

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
        int nSources = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        List<InetAddress> sources = new ArrayList<>();
        for (int i = 0; i < nSources; i++) {
            sources.add(InetAddress.getByName("127.0.0." + (2 + i)));
        }
        try (EchoServerProcess server = new EchoServerProcess(backend)) {
            EchoLoad.Outcome o;
            Map<String, Double> stats;
            long clientFds;
            long clientRss;
            long connectStart = System.nanoTime();
            try (EchoLoad load = new EchoLoad(server.address(), conns, sources)) {
                double connectSecs = (System.nanoTime() - connectStart) / 1e9;
                System.err.printf("manyconn %s: %d connections open in %.1f s%n", backend, conns, connectSecs);
                o = load.run(seconds, rate, () -> { });
                stats = server.stats();   // after the last echo, every connection still open
                clientFds = ProcessStats.openFds();
                clientRss = ProcessStats.rssKb();
                ResultPrinter r = new ResultPrinter("manyconn_" + backend + "_");
                r.put("conns", conns, "connections");
                r.put("connect_time", connectSecs, "s");
                r.put("throughput", o.received() / o.seconds(), "msgs/s");
                r.put("p50", o.percentileUs(50), "us");
                r.put("p99", o.percentileUs(99), "us");
                r.put("sent", o.sent(), "msgs");
                r.put("dropped", o.sent() - o.received(), "msgs");
                r.put("closed", o.closed(), "connections");
                r.put("server_rss", stats.getOrDefault("rssKb", Double.NaN) / 1024.0, "MB");
                r.put("server_heap", stats.getOrDefault("heapKb", Double.NaN) / 1024.0, "MB");
                r.put("server_fds", stats.getOrDefault("fds", Double.NaN), "fds");
                r.put("server_conns", stats.getOrDefault("conns", Double.NaN), "connections");
                r.put("client_fds", clientFds, "fds");
                r.put("client_rss", clientRss / 1024.0, "MB");
            }
        }
    }
}
