/**
 * The Linux backend on Netty's native io_uring (opt-in: {@code -Dioasync.loop=io_uring}), found by
 * {@code Loop.create()} through the service it provides. Netty's native jar is required, so on the
 * module path it is resolved without {@code --add-modules}. Netty 4.2.18 names the module of both
 * its Linux jars {@code io.netty.transport.io_uring.linux.x86_64} (the aarch64 jar too), so the
 * module path keeps the first of the two it meets: on aarch64 put the {@code linux-aarch_64} jar
 * first (or use the class path). Native access is granted with
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
    // resources only (the JNI library); required so that the module path resolves it. Netty names
    // the module of its aarch64 jar the same (see above).
    requires io.netty.transport.io_uring.linux.x86_64;

    exports dev.ioasync.loop.iouring;

    provides dev.ioasync.spi.LoopProvider with dev.ioasync.loop.iouring.IoUringLoopProvider;
}
