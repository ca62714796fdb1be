/**
 * The Linux backend on Netty's native epoll (IO::Async::Loop::Epoll), found by {@code Loop.create()}
 * through the service it provides. Netty loads its JNI library from the
 * {@code netty-transport-native-epoll} jar of this machine's architecture; this module requires the
 * jars of both Linux architectures ({@code io.netty.transport.epoll.linux.x86_64} and
 * {@code ...linux.aarch_64}, resources only), so on the module path they are resolved without
 * {@code --add-modules}. Native access is granted with
 * {@code --enable-native-access=io.netty.common} (Netty loads the library from there; JDK 22+ warns otherwise).
 */
module dev.ioasync.loop.epoll {
    requires transitive dev.ioasync;
    requires dev.ioasync.loop.unix;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    // resources only (the JNI library); required so that the module path resolves them
    requires io.netty.transport.epoll.linux.x86_64;
    requires io.netty.transport.epoll.linux.aarch_64;

    exports dev.ioasync.loop.epoll;

    provides dev.ioasync.spi.LoopProvider with dev.ioasync.loop.epoll.EpollLoopProvider;
}
