package dev.ioasync.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling for {@link EchoHarness}: the same ping-pong and streaming work on raw Netty 4.2
 * (its own {@code EpollIoHandler} or {@code IoUringIoHandler} event loop, a {@code ServerBootstrap}
 * and a {@code Bootstrap}), printing the same {@code RESULT} lines with backend {@code netty-epoll}
 * or {@code netty-io_uring}, after the same unmeasured warm-up of each case. Linux only.
 *
 * <p>Written as the independent anchors ({@code ../shared/anchors/java}, {@code NettyPingPong} and
 * {@code NettyThroughput}) write it, so that the in-project ceiling agrees with them: the echo
 * handler writes with the void promise and flushes once per read burst; the ping-pong message is
 * one unreleasable direct buffer sent as duplicates; a streaming writer queues four duplicates of
 * one unreleasable direct 64 KiB chunk with one flush and queues four more when the last has been
 * written (no allocation, no zeroing, one flush per four chunks); both sides read with a fixed
 * 64 KiB receive buffer; the warm-up and the measured window are taken on the event loop in one
 * run. (The first version allocated and zeroed a new 64 KiB buffer per chunk, flushed every chunk
 * on its own and read with the adaptive allocator: 2.5 times less than the anchors.)
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.NettyEchoHarness pingpong [seconds=2] [msgsize=1] [epoll|io_uring]
 * java -cp benchmarks.jar dev.ioasync.bench.NettyEchoHarness throughput [seconds=3] [conns=100] [epoll|io_uring]
 * </pre>
 */
public final class NettyEchoHarness {

    private static final PrintStream OUT = System.out;
    /** Bytes per chunk written and per read, as {@link EchoHarness} (Perl's {@code read_len}). */
    private static final int CHUNK_SIZE = 65536;
    /** Chunks each writer keeps queued. */
    private static final int IN_FLIGHT = 4;

    /** Netty's native transport under test: its event loop and channel classes. */
    private record Transport(String name, IoHandlerFactory factory, Class<? extends ServerChannel> serverChannel,
            Class<? extends Channel> channel) {

        static Transport named(String name) {
            return switch (name) {
                case "epoll" -> new Transport(name, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                        EpollSocketChannel.class);
                case "io_uring", "iouring" -> new Transport("io_uring", IoUringIoHandler.newFactory(),
                        IoUringServerSocketChannel.class, IoUringSocketChannel.class);
                default -> throw new IllegalArgumentException("unknown Netty transport " + name + " (epoll, io_uring)");
            };
        }
    }

    private static Transport transport = Transport.named("epoll");
    /** The system name in the RESULT lines: {@code netty-epoll} or {@code netty-io_uring}. */
    private static String system = "netty-epoll";

    private NettyEchoHarness() {
    }

    /**
     * Runs one benchmark.
     *
     * @param args see the class comment
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "pingpong";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : (what.equals("throughput") ? 3 : 2);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : (what.equals("throughput") ? 100 : 1);
        transport = Transport.named(args.length > 3 ? args[3] : "epoll");
        system = "netty-" + transport.name();
        switch (what) {
            case "pingpong" -> pingpong(seconds, n);
            case "throughput" -> {
                throughput("oneway_1conn", 1, false, seconds);
                throughput("echo_1conn", 1, true, seconds);
                throughput("oneway_" + n + "conn", n, false, seconds);
            }
            case "server" -> serve();
            default -> throw new IllegalArgumentException("unknown benchmark " + what);
        }
    }

    /** Writes back what it reads; flushes once per read burst. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private static Channel echoServer(EventLoopGroup group) throws Exception {
        return new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Echo());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    private static int port(Channel server) {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** The ping-pong client: sends msgsize bytes, waits for all of them, repeats. */
    private static final class PingPong extends ChannelInboundHandlerAdapter {
        final ByteBuf msg;
        final int size;
        final long deadline;
        final CountDownLatch done = new CountDownLatch(1);
        long count;
        int pending;

        PingPong(int size, double seconds) {
            this.size = size;
            msg = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size, size)
                    .writeBytes("x".repeat(size).getBytes(StandardCharsets.US_ASCII)));
            deadline = System.nanoTime() + (long) (seconds * 1e9);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(msg.duplicate(), ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object m) {
            ByteBuf b = (ByteBuf) m;
            pending += b.readableBytes();
            b.release();
            while (pending >= size) {
                pending -= size;
                count++;
                if ((count & 63) == 0 && System.nanoTime() >= deadline) {
                    done.countDown();
                    ctx.close();
                    return;
                }
                send(ctx);
            }
        }
    }

    private static double client(EventLoopGroup group, int port, double seconds, int size) throws Exception {
        clientRun(group, port, EchoHarness.WARMUP_SECONDS, size);
        return clientRun(group, port, seconds, size);
    }

    private static double clientRun(EventLoopGroup group, int port, double seconds, int size) throws Exception {
        PingPong p = new PingPong(size, seconds);
        long t0 = System.nanoTime();
        new Bootstrap().group(group).channel(transport.channel()).option(ChannelOption.TCP_NODELAY, true)
                .handler(p).connect("127.0.0.1", port).sync();
        p.done.await();
        return p.count / ((System.nanoTime() - t0) / 1e9);
    }

    private static void pingpong(double seconds, int size) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.factory());
        try {
            Channel server = echoServer(group);
            result("echo_pingpong_%s_1proc_msg%d".formatted(system, size), client(group, port(server), seconds, size),
                    "roundtrips/s");
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        Process child = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                NettyEchoHarness.class.getName(), "server", "0", "0", transport.name())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, transport.factory());
        try {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8)).readLine().trim());
            result("echo_pingpong_%s_2proc_msg%d".formatted(system, size), client(clientGroup, port, seconds, size),
                    "roundtrips/s");
        } finally {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            child.destroy();
            child.waitFor();
        }
    }

    private static void serve() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.factory());
        Channel server = echoServer(group);
        OUT.println(port(server));
        OUT.flush();
        server.closeFuture().await(5, TimeUnit.MINUTES);
        group.shutdownGracefully();
    }

    /** The chunk every writer sends: one unreleasable direct 64 KiB buffer, written as duplicates. */
    private static final ByteBuf CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(CHUNK_SIZE, CHUNK_SIZE).writeZero(CHUNK_SIZE));

    /** Loop-thread state of one streaming run. */
    private static final class Streaming {
        final List<Channel> channels = new ArrayList<>();
        boolean running;
        long bytes;
    }

    /**
     * Keeps {@value #IN_FLIGHT} chunks queued on a channel: writes them with one flush and writes
     * the next ones when the last has left the outbound buffer, as {@link EchoHarness}'s writers do
     * from {@code on_outgoing_empty}.
     */
    private static void refill(Streaming st, Channel c) {
        if (!st.running || !c.isActive()) {
            return;
        }
        for (int i = 0; i < IN_FLIGHT - 1; i++) {
            c.write(CHUNK.duplicate(), c.voidPromise());
        }
        c.writeAndFlush(CHUNK.duplicate()).addListener(f -> {
            if (f.isSuccess()) {
                refill(st, c);
            }
        });
    }

    /** The server side: counts what it reads (one-way) or writes it back (echo). */
    @ChannelHandler.Sharable
    private static final class StreamServer extends ChannelInboundHandlerAdapter {
        final Streaming st;
        final boolean echo;

        StreamServer(Streaming st, boolean echo) {
            this.st = st;
            this.echo = echo;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (echo) {
                ctx.write(msg, ctx.voidPromise());
            } else {
                st.bytes += ((ByteBuf) msg).readableBytes();
                ((ByteBuf) msg).release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (echo) {
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The client side: counts what is echoed back (nothing comes back one-way). */
    @ChannelHandler.Sharable
    private static final class StreamClient extends ChannelInboundHandlerAdapter {
        final Streaming st;

        StreamClient(Streaming st) {
            this.st = st;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            st.bytes += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static void throughput(String name, int conns, boolean echo, double seconds) throws Exception {
        result("echo_throughput_%s_%s".formatted(system, name),
                throughputRun(conns, echo, EchoHarness.WARMUP_SECONDS, seconds), "MB/s");
    }

    /**
     * One streaming run on a fresh event loop: every channel on its one thread, {@code warmup}
     * seconds of traffic unmeasured, then {@code seconds} measured; returns MB/s. The fixed 64 KiB
     * receive buffer is set with {@code RCVBUF_ALLOCATOR}, deprecated in Netty 4.2 but still what
     * the anchor uses.
     */
    @SuppressWarnings("deprecation")
    private static double throughputRun(int conns, boolean echo, double warmup, double seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.factory());
        try {
            Streaming st = new Streaming();
            FixedRecvByteBufAllocator readLen = new FixedRecvByteBufAllocator(CHUNK_SIZE);
            CountDownLatch accepted = new CountDownLatch(conns);
            StreamServer serverHandler = new StreamServer(st, echo);
            Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, readLen)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            st.channels.add(ch);
                            ch.pipeline().addLast(serverHandler);
                            accepted.countDown();
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            Bootstrap b = new Bootstrap().group(group).channel(transport.channel())
                    .option(ChannelOption.RCVBUF_ALLOCATOR, readLen).handler(new StreamClient(st));
            List<Channel> clients = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                clients.add(b.connect("127.0.0.1", port(server)).sync().channel());
            }
            if (!accepted.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not accept " + conns + " connections");
            }
            CountDownLatch done = new CountDownLatch(1);
            long[] window = new long[4];   // bytes and time at the start and the end of the measured part
            EventLoop loop = group.next();
            loop.execute(() -> {
                st.channels.addAll(clients);
                st.running = true;
                clients.forEach(c -> refill(st, c));
                loop.schedule(() -> {
                    window[0] = st.bytes;
                    window[1] = System.nanoTime();
                }, (long) (warmup * 1e9), TimeUnit.NANOSECONDS);
                loop.schedule(() -> {
                    window[2] = st.bytes;
                    window[3] = System.nanoTime();
                    st.running = false;
                    st.channels.forEach(Channel::close);
                    done.countDown();
                }, (long) ((warmup + seconds) * 1e9), TimeUnit.NANOSECONDS);
            });
            if (!done.await((long) (warmup + seconds + 30), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the streaming run did not end");
            }
            server.close().sync();
            return (window[2] - window[0]) * 1e3 / (window[3] - window[1]);   // bytes/ns -> MB/s
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void result(String name, double value, String unit) {
        ResultPrinter.PLAIN.put(name, value, unit);
    }
}
