package dev.ioasync.bench.manyconn;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw Netty 4.2 ceiling for the group echo: a {@code ServerBootstrap} on a
 * {@code MultiThreadIoEventLoopGroup} of N epoll threads (Netty's usual arrangement: the server
 * channel accepts on one of them and registers each connection on the group's threads in turn),
 * writing back each read and flushing once per read burst. Same {@link ServerControl} protocol as
 * the ioasync servers. Linux only.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.manyconn.NettyManyConnServer THREADS
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
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /**
     * Serves until told to quit.
     *
     * @param args the number of event loop threads
     * @throws InterruptedException when interrupted while binding
     */
    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        Echo echo = new Echo();
        try {
            Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(echo);
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            OUT.println(((InetSocketAddress) server.localAddress()).getPort());
            OUT.flush();
            ServerControl.answer(OUT, echo.open::get);
            server.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }
}
