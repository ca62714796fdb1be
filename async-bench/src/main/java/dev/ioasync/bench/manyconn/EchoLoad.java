package dev.ioasync.bench.manyconn;

import java.io.IOException;
import java.net.InetAddress;
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
 * The client side of the many-connection runs: plain NIO on one thread (so it is the same for
 * every server, Java or Perl), N connections held open, each message 16 bytes (the send time, then
 * eight bytes of padding), every echo timed. Two ways to send: {@link #run open loop} at a fixed total rate
 * (the 10 000-connection run), or {@link #runClosedLoop closed loop}, each connection sending its
 * next message as soon as the previous one is echoed (the echo-scaling curve).
 */
final class EchoLoad implements AutoCloseable {

    private static final int MSG = 16;
    private static final long DRAIN_NS = 5_000_000_000L;

    /**
     * What one run measured.
     *
     * @param seconds the sending time
     * @param sent messages sent
     * @param received echoes received
     * @param closed connections the server closed
     * @param latenciesNs every round trip, sorted
     * @param echoesPerSecond echoes received in each whole second of the sending time
     */
    record Outcome(double seconds, long sent, long received, int closed, long[] latenciesNs, long[] echoesPerSecond) {

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
    private final ByteBuffer out = ByteBuffer.allocate(MSG);
    private long[] lat = new long[1 << 16];
    private int nLat;
    private long received;
    private int closed;
    private long[] perSecond = new long[0];
    private long t0;
    private long measureFrom;

    /**
     * Opens the connections, one after another.
     *
     * @param server the echo server
     * @param conns how many
     * @throws IOException when a connection fails
     */
    EchoLoad(InetSocketAddress server, int conns) throws IOException {
        this(server, conns, List.of());
    }

    /**
     * Opens the connections, one after another, connection {@code i} from source address
     * {@code sources[i % sources.size()]} (several 127.0.0.x addresses pass the limit of about
     * 28 000 ephemeral ports a source address has towards one server port).
     *
     * @param server the echo server
     * @param conns how many
     * @param sources the local addresses to bind, in turn; empty to let the kernel choose
     * @throws IOException when a connection fails
     */
    EchoLoad(InetSocketAddress server, int conns, List<InetAddress> sources) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < conns; i++) {
            SocketChannel c;
            if (sources.isEmpty()) {
                c = SocketChannel.open(server);
            } else {
                c = SocketChannel.open();
                try {
                    c.bind(new InetSocketAddress(sources.get(i % sources.size()), 0));
                    c.connect(server);
                } catch (IOException e) {
                    c.close();
                    throw new IOException("connection " + i + " of " + conns + " from "
                            + sources.get(i % sources.size()) + ": " + e.getMessage(), e);
                }
            }
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(4096));
            channels.add(c);
        }
    }

    /**
     * Open loop: sends for the given time at a fixed total rate, then waits up to 5 s for the last
     * echoes.
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
        long sent = 0;
        boolean midwayDone = false;
        start(0, seconds);
        long end = t0 + (long) (seconds * 1e9);
        while (true) {
            long now = System.nanoTime();
            if (now >= end && received >= sent || now >= end + DRAIN_NS) {
                break;
            }
            if (!midwayDone && now - t0 >= (end - t0) / 2) {
                midwayDone = true;
                midway.run();
            }
            while (now < end && t0 + (long) (sent * interval) <= now) {
                send(channels.get((int) (sent % n)));
                sent++;
            }
            selector.select(1);
            for (SelectionKey k : selector.selectedKeys()) {
                receive(k);
            }
            selector.selectedKeys().clear();
        }
        return outcome(seconds, sent);
    }

    /**
     * Closed loop: every connection keeps one message in flight, sending the next as soon as the
     * echo of the last one is in, for a warm-up and then the measured time; then waits up to 5 s
     * for the last echoes. Round trips and echoes per second count from the end of the warm-up.
     *
     * @param warmupSeconds how long to send before measuring
     * @param seconds how long to send and measure
     * @return what was measured
     * @throws IOException when a socket fails
     */
    Outcome runClosedLoop(double warmupSeconds, double seconds) throws IOException {
        start(warmupSeconds, seconds);
        long end = measureFrom + (long) (seconds * 1e9);
        long sent = 0;
        for (SocketChannel c : channels) {
            send(c);
            sent++;
        }
        while (true) {
            long now = System.nanoTime();
            if (now >= end && received >= sent || now >= end + DRAIN_NS) {
                break;
            }
            selector.select(1);
            for (SelectionKey k : selector.selectedKeys()) {
                int echoes = receive(k);
                if (echoes > 0 && System.nanoTime() < end && k.channel().isOpen()) {
                    for (int i = 0; i < echoes; i++) {
                        send((SocketChannel) k.channel());
                        sent++;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        return outcome(seconds, sent);
    }

    private void start(double warmupSeconds, double seconds) {
        nLat = 0;
        received = 0;
        closed = 0;
        perSecond = new long[Math.max(1, (int) seconds)];
        t0 = System.nanoTime();
        measureFrom = t0 + (long) (warmupSeconds * 1e9);
    }

    private void send(SocketChannel c) throws IOException {
        out.clear().putLong(System.nanoTime()).putLong(0).flip();
        if (c.isOpen()) {
            while (out.hasRemaining()) {
                c.write(out);
            }
        }
    }

    /** Reads what one ready connection has; returns the echoes it completed (0 when it closed). */
    private int receive(SelectionKey k) throws IOException {
        ByteBuffer in = (ByteBuffer) k.attachment();
        SocketChannel c = (SocketChannel) k.channel();
        if (c.read(in) < 0) {
            closed++;
            k.cancel();
            c.close();
            return 0;
        }
        in.flip();
        long at = System.nanoTime();
        boolean measured = at >= measureFrom;
        int second = (int) ((at - measureFrom) / 1_000_000_000L);
        int echoes = 0;
        while (in.remaining() >= MSG) {
            long sentAt = in.getLong();
            in.getLong(); // padding
            if (measured) {
                if (nLat == lat.length) {
                    lat = Arrays.copyOf(lat, nLat * 2);
                }
                lat[nLat++] = at - sentAt;
            }
            echoes++;
        }
        in.compact();
        received += echoes;
        if (measured && second < perSecond.length) {
            perSecond[second] += echoes;
        }
        return echoes;
    }

    private Outcome outcome(double seconds, long sent) {
        long[] sorted = Arrays.copyOf(lat, nLat);
        Arrays.sort(sorted);
        return new Outcome(seconds, sent, received, closed, sorted, perSecond.clone());
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel c : channels) {
            c.close();
        }
        selector.close();
    }
}
