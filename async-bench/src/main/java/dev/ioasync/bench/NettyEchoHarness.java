package dev.ioasync.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
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
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.NettyEchoHarness pingpong [seconds=2] [msgsize=1] [epoll|io_uring]
 * java -cp benchmarks.jar dev.ioasync.bench.NettyEchoHarness throughput [seconds=3] [conns=100] [epoll|io_uring]
 * </pre>
 */
public final class NettyEchoHarness {

    private static final PrintStream OUT = System.out;

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
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private static Channel echoServer(EventLoopGroup group, ChannelInboundHandlerAdapter handler) throws Exception {
        return new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handler == null ? new Echo() : handler);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    private static int port(Channel server) {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** The ping-pong client: sends msgsize bytes, waits for all of them, repeats. */
    private static final class PingPong extends ChannelInboundHandlerAdapter {
        final byte[] msg;
        final long deadline;
        final CountDownLatch done = new CountDownLatch(1);
        long count;
        int pending;

        PingPong(int size, double seconds) {
            msg = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
            deadline = System.nanoTime() + (long) (seconds * 1e9);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(ctx.alloc().buffer(msg.length).writeBytes(msg));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object m) {
            ByteBuf b = (ByteBuf) m;
            pending += b.readableBytes();
            b.release();
            while (pending >= msg.length) {
                pending -= msg.length;
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
            Channel server = echoServer(group, null);
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
        Channel server = echoServer(group, null);
        OUT.println(port(server));
        OUT.flush();
        server.closeFuture().await(5, TimeUnit.MINUTES);
        group.shutdownGracefully();
    }

    /** Counts bytes read (the measured path) on the loop thread. */
    private static final class Counter extends ChannelInboundHandlerAdapter {
        long bytes;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            bytes += b.readableBytes();
            b.release();
        }
    }

    /** A writer keeping four 64 KiB chunks in flight while running. */
    private static final class Writer extends ChannelInboundHandlerAdapter {
        final Counter received;
        volatile boolean running = true;

        Writer(Counter received) {
            this.received = received;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.channelRead(ctx, msg);
        }

        void write(Channel ch) {
            if (running && ch.isActive()) {
                ByteBuf chunk = ch.alloc().buffer(65536).writeZero(65536);
                ch.writeAndFlush(chunk).addListener((ChannelFuture f) -> write(f.channel()));
            }
        }
    }

    private static void throughput(String name, int conns, boolean echo, double seconds) throws Exception {
        throughputRun(conns, echo, EchoHarness.WARMUP_SECONDS);
        result("echo_throughput_%s_%s".formatted(system, name), throughputRun(conns, echo, seconds), "MB/s");
    }

    /** One streaming run on a fresh event loop; returns MB/s. */
    private static double throughputRun(int conns, boolean echo, double seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.factory());
        try {
            Counter serverBytes = new Counter();
            Counter clientBytes = new Counter();
            Channel server = echoServer(group, echo ? null : new ChannelInboundHandlerAdapter() {
                @Override
                public boolean isSharable() {
                    return true;
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    serverBytes.channelRead(ctx, msg);
                }
            });
            List<Channel> clients = new ArrayList<>();
            List<Writer> writers = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                Writer w = new Writer(clientBytes);
                writers.add(w);
                clients.add(new Bootstrap().group(group).channel(transport.channel()).handler(w)
                        .connect("127.0.0.1", port(server)).sync().channel());
            }
            CountDownLatch done = new CountDownLatch(1);
            long[] measured = new long[1];
            long t0 = System.nanoTime();
            group.next().execute(() -> {
                serverBytes.bytes = 0;
                clientBytes.bytes = 0;
                for (int i = 0; i < clients.size(); i++) {
                    for (int k = 0; k < 4; k++) {
                        writers.get(i).write(clients.get(i));
                    }
                }
                group.next().schedule(() -> {
                    writers.forEach(w -> w.running = false);
                    measured[0] = echo ? clientBytes.bytes : serverBytes.bytes;
                    done.countDown();
                }, (long) (seconds * 1e9), TimeUnit.NANOSECONDS);
            });
            done.await();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            for (Channel c : clients) {
                c.close().sync();
            }
            server.close().sync();
            return measured[0] / elapsed / 1e6;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void result(String name, double value, String unit) {
        ResultPrinter.PLAIN.put(name, value, unit);
    }
}
