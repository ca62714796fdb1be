package dev.ioasync.bench.manyconn;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw Netty 4.2 ceiling of {@link ManyConnServer} and {@link GroupManyConnServer}: a
 * {@code ServerBootstrap} on a {@code MultiThreadIoEventLoopGroup} of N threads of
 * {@code EpollIoHandler} or {@code IoUringIoHandler} (Netty's usual arrangement: the server channel
 * accepts on one of them and registers each connection on the group's threads in turn),
 * {@code TCP_NODELAY}, each read written back with the void promise and flushed once per read
 * burst. It speaks the same {@link ServerControl} protocol on standard input and output, so that
 * {@link ManyConnHarness} and {@link EchoScaling} run it as server {@code netty-epoll},
 * {@code netty-io_uring} or {@code netty-epoll-2}. Linux only.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.NettyManyConnServer epoll|io_uring [THREADS]
 * </pre>
 */
public final class NettyManyConnServer {

    private static final PrintStream OUT = System.out;

    private NettyManyConnServer() {
    }

    /** Writes back what it reads and keeps the count of open connections. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        final AtomicInteger open = new AtomicInteger();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            open.incrementAndGet();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Serves until told to quit.
     *
     * @param args the transport ({@code epoll} or {@code io_uring}) and optionally the number of
     *             event loop threads (default 1)
     * @throws Exception when it cannot listen or standard input fails
     */
    public static void main(String[] args) throws Exception {
        IoHandlerFactory factory;
        Class<? extends ServerChannel> serverChannel;
        switch (args[0]) {
            case "io_uring" -> {
                factory = IoUringIoHandler.newFactory();
                serverChannel = IoUringServerSocketChannel.class;
            }
            case "epoll" -> {
                factory = EpollIoHandler.newFactory();
                serverChannel = EpollServerSocketChannel.class;
            }
            default -> throw new IllegalArgumentException("unknown Netty transport " + args[0] + " (io_uring, epoll)");
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, factory);
        try {
            Echo echo = new Echo();
            Channel server = new ServerBootstrap().group(group).channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(echo).bind("127.0.0.1", 0).sync().channel();
            OUT.println(((InetSocketAddress) server.localAddress()).getPort());
            OUT.flush();
            ServerControl.answer(OUT, echo.open::get);
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
