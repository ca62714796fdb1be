/**
 * The macOS/BSD backend on Netty's native kqueue (IO::Async::Loop::KQueue), found by
 * {@code Loop.create()} through the service it provides. Netty loads its JNI library from the
 * {@code netty-transport-native-kqueue} jar of this machine's architecture: on the module path that
 * jar's module ({@code io.netty.transport.kqueue.osx.x86_64} or {@code ...osx.aarch_64}) is added
 * with {@code --add-modules}, and native access is granted with
 * {@code --enable-native-access=io.netty.common}.
 */
module dev.ioasync.loop.kqueue {
    requires transitive dev.ioasync;
    requires dev.ioasync.loop.unix;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.kqueue;

    exports dev.ioasync.loop.kqueue;

    provides dev.ioasync.spi.LoopProvider with dev.ioasync.loop.kqueue.KQueueLoopProvider;
}
