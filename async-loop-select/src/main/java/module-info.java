/**
 * The portable backend on {@link java.nio.channels.Selector} (IO::Async::Loop::Select), found by
 * {@code Loop.create()} through the service it provides.
 */
module dev.ioasync.loop.select {
    requires transitive dev.ioasync;

    exports dev.ioasync.loop.select;

    provides dev.ioasync.spi.LoopProvider with dev.ioasync.loop.select.SelectLoopProvider;
}
