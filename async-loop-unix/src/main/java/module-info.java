/**
 * Internal: the native handles, watch and poller shared by the Netty-based backends. Exported only
 * to them; not an API. (They are built after this module, so the compiler cannot see them yet.)
 */
@SuppressWarnings("module")
module dev.ioasync.loop.unix {
    requires transitive dev.ioasync;
    requires transitive io.netty.transport;
    requires transitive io.netty.transport.unix.common;
    requires io.netty.common;
    requires io.netty.buffer;

    exports dev.ioasync.loop.unix to
            dev.ioasync.loop.epoll,
            dev.ioasync.loop.iouring,
            dev.ioasync.loop.kqueue;
}
