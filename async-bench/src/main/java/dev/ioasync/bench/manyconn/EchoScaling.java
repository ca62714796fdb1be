package dev.ioasync.bench.manyconn;

import dev.ioasync.bench.ResultPrinter;
import java.util.Map;

/**
 * One point of the echo-scaling curve: an echo server in a process of its own (an ioasync
 * backend, or Perl IO::Async with {@code perl}; see {@link EchoServerProcess}) and N loopback
 * connections from this JVM, each keeping one 16-byte message in flight ({@link
 * EchoLoad#runClosedLoop closed loop}) for a second of warm-up and then the given time. Prints {@code
 * RESULT echo_scaling_SERVER_Nconn_...} lines: echoes/s (one sample per second), p50/p99 round
 * trip, the server's resident set before connecting and with every connection open, the
 * difference per connection, the Java server's heap after GC, messages dropped and connections
 * closed.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.EchoScaling select|epoll|perl [conns=1000] [seconds=3]
 * </pre>
 */
public final class EchoScaling {

    private static final double WARMUP_SECONDS = 1;

    private EchoScaling() {
    }

    /**
     * Measures one point.
     *
     * @param args server, then optionally connections and seconds
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String server = args[0];
        int conns = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        try (EchoServerProcess p = new EchoServerProcess(server)) {
            double rssBefore = p.stats().getOrDefault("rssKb", Double.NaN);
            EchoLoad.Outcome o;
            Map<String, Double> with;
            try (EchoLoad load = new EchoLoad(p.address(), conns)) {
                o = load.runClosedLoop(WARMUP_SECONDS, seconds);
                with = p.stats();
            }
            ResultPrinter r = new ResultPrinter("echo_scaling_" + server + "_" + conns + "conn_");
            for (long n : o.echoesPerSecond()) {
                r.put("throughput", n, "echoes/s");
            }
            r.put("p50", o.percentileUs(50), "us");
            r.put("p99", o.percentileUs(99), "us");
            double rss = with.getOrDefault("rssKb", Double.NaN);
            r.put("rss_before", rssBefore / 1024, "MB");
            r.put("rss", rss / 1024, "MB");
            r.put("rss_per_conn", (rss - rssBefore) * 1024 / conns, "bytes");
            if (with.containsKey("heapKb")) {
                r.put("heap", with.get("heapKb") / 1024, "MB");
            }
            r.put("dropped", o.sent() - o.received(), "msgs");
            r.put("closed", o.closed(), "connections");
        }
    }
}
