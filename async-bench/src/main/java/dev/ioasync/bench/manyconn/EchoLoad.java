package dev.ioasync.bench.manyconn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of the many-connection run: plain NIO (so it is the same for every server
 * backend), N connections held open, each sending a 16-byte message (send time, sequence) in
 * turn so that the whole sends {@code N × ratePerConn} messages a second, and timing each echo.
 */
final class EchoLoad implements AutoCloseable {

    private static final int MSG = 16;

    /**
     * What one run measured.
     *
     * @param seconds the sending time
     * @param sent messages sent
     * @param received echoes received
     * @param closed connections the server closed
     * @param latenciesNs every round trip, sorted
     */
    record Outcome(double seconds, long sent, long received, int closed, long[] latenciesNs) {

        /**
         * A percentile of the round trips.
         *
         * @param p the percentile, 0..100
         * @return it in microseconds, NaN without samples
         */
        double percentileUs(double p) {
            if (latenciesNs.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNs.length - 1, Math.ceil(p / 100 * latenciesNs.length) - 1);
            return latenciesNs[Math.max(0, i)] / 1e3;
        }
    }

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();

    /**
     * Opens the connections, one after another.
     *
     * @param server the echo server
     * @param conns how many
     * @throws IOException when a connection fails
     */
    EchoLoad(InetSocketAddress server, int conns) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < conns; i++) {
            SocketChannel c = SocketChannel.open(server);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(4096));
            channels.add(c);
        }
    }

    /**
     * Sends for the given time, then waits up to 5 s for the last echoes.
     *
     * @param seconds how long to send
     * @param ratePerConn messages per second per connection
     * @param midway called once halfway through, while everything is open and busy
     * @return what was measured
     * @throws IOException when a socket fails
     */
    Outcome run(double seconds, double ratePerConn, Runnable midway) throws IOException {
        int n = channels.size();
        double interval = 1e9 / (n * ratePerConn);
        long[] lat = new long[1 << 16];
        int nLat = 0;
        long sent = 0;
        long received = 0;
        int closed = 0;
        boolean[] midwayDone = {false};
        ByteBuffer out = ByteBuffer.allocate(MSG);
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long drainEnd = end + 5_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            if (now >= end && received >= sent || now >= drainEnd) {
                break;
            }
            if (!midwayDone[0] && now - t0 >= (end - t0) / 2) {
                midwayDone[0] = true;
                midway.run();
            }
            while (now < end && t0 + (long) (sent * interval) <= now) {
                SocketChannel c = channels.get((int) (sent % n));
                out.clear().putLong(System.nanoTime()).putLong(sent).flip();
                if (c.isOpen()) {
                    while (out.hasRemaining()) {
                        c.write(out);
                    }
                }
                sent++;
            }
            selector.select(1);
            for (SelectionKey k : selector.selectedKeys()) {
                ByteBuffer in = (ByteBuffer) k.attachment();
                SocketChannel c = (SocketChannel) k.channel();
                if (c.read(in) < 0) {
                    closed++;
                    k.cancel();
                    c.close();
                    continue;
                }
                in.flip();
                long at = System.nanoTime();
                while (in.remaining() >= MSG) {
                    long sentAt = in.getLong();
                    in.getLong();
                    if (nLat == lat.length) {
                        lat = Arrays.copyOf(lat, nLat * 2);
                    }
                    lat[nLat++] = at - sentAt;
                    received++;
                }
                in.compact();
            }
            selector.selectedKeys().clear();
        }
        long[] sorted = Arrays.copyOf(lat, nLat);
        Arrays.sort(sorted);
        return new Outcome(seconds, sent, received, closed, sorted);
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel c : channels) {
            c.close();
        }
        selector.close();
    }
}
