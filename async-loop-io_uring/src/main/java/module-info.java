/**
 * The Linux backend on Netty's native io_uring (opt-in: {@code -Dioasync.loop=io_uring}), found by
 * {@code Loop.create()} through the service it provides. On the module path Netty's native jar
 * ({@code io.netty.transport.io_uring.linux.x86_64} or {@code ...linux.aarch_64}) is added with
 * {@code --add-modules}, native access is granted with
 * {@code --enable-native-access=io.netty.common}, and a loop may move between threads only with
 * {@code --add-opens io.netty.transport.classes.io_uring/io.netty.channel.uring=dev.ioasync.loop.iouring}
 * (without it the loop stays on the thread that created it, and says so once).
 */
module dev.ioasync.loop.iouring {
    requires transitive dev.ioasync;
    requires dev.ioasync.loop.unix;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.io_uring;

    exports dev.ioasync.loop.iouring;

    provides dev.ioasync.spi.LoopProvider with dev.ioasync.loop.iouring.IoUringLoopProvider;
}
