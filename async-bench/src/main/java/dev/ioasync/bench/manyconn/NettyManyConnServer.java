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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling of {@link ManyConnServer}: the same echo server on raw Netty 4.2, one event loop
 * thread ({@code IoUringIoHandler} or {@code EpollIoHandler}) holding the listener and every
 * connection, {@code TCP_NODELAY}, the echo written with the void promise and flushed once per
 * read burst. It speaks the same protocol on standard input and output (its port, then
 * {@code stats} and {@code quit}), so that {@link ManyConnHarness} runs it as server
 * {@code netty-io_uring} or {@code netty-epoll}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.NettyManyConnServer io_uring|epoll
 * </pre>
 */
public final class NettyManyConnServer {

    private static final PrintStream OUT = System.out;

    private NettyManyConnServer() {
    }

    /** Echoes what it reads and counts the open connections. */
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
     * @param args the transport: {@code io_uring} or {@code epoll}
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
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, factory);
        try {
            Echo echo = new Echo();
            Channel listener = new ServerBootstrap().group(group).channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(echo).bind("127.0.0.1", 0).sync().channel();
            OUT.println(((InetSocketAddress) listener.localAddress()).getPort());
            OUT.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    int n = echo.open.get();
                    long rss = ProcessStats.rssKb();   // before the collections below
                    OUT.printf("STATS conns=%d rssKb=%d heapKb=%d fds=%d%n", n, rss, ProcessStats.heapAfterGcKb(),
                            ProcessStats.openFds());
                    OUT.flush();
                }
            }
            listener.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
