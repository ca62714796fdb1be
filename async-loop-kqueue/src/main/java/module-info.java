/**
 * The macOS/BSD backend on Netty's native kqueue (IO::Async::Loop::KQueue), found by
 * {@code Loop.create()} through the service it provides. Netty loads its JNI library from the
 * {@code netty-transport-native-kqueue} jar of this machine's architecture; this module requires the
 * jars of both macOS architectures ({@code io.netty.transport.kqueue.osx.x86_64} and
 * {@code ...osx.aarch_64}, resources only), so on the module path they are resolved without
 * {@code --add-modules}, and native access is granted with
 * {@code --enable-native-access=io.netty.common}.
 */
module dev.ioasync.loop.kqueue {
    requires transitive dev.ioasync;
    requires dev.ioasync.loop.unix;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.kqueue;
    // resources only (the JNI library); required so that the module path resolves them
    requires io.netty.transport.kqueue.osx.x86_64;
    requires io.netty.transport.kqueue.osx.aarch_64;

    exports dev.ioasync.loop.kqueue;

    provides dev.ioasync.spi.LoopProvider with dev.ioasync.loop.kqueue.KQueueLoopProvider;
}
