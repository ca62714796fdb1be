/**
 * ioasync-java's API and loop core: {@link dev.ioasync.Loop}, notifiers, timers, futures, streams,
 * networking, signals, processes and file watches, and the backends' SPI ({@code dev.ioasync.spi}).
 * Backends are found with {@link java.util.ServiceLoader}: on the module path a backend module that
 * {@code provides dev.ioasync.spi.LoopProvider} is resolved by service binding, so
 * {@code Loop.create()} finds it without {@code --add-modules}.
 */
module dev.ioasync {
    // sun.misc.Signal, looked up by name for POSIX signal delivery (dev.ioasync.signal).
    requires jdk.unsupported;
    // JFR events and the loop MBean (dev.ioasync.observe).
    requires transitive jdk.jfr;
    requires transitive java.management;

    // API
    exports dev.ioasync;
    exports dev.ioasync.file;
    exports dev.ioasync.flow;
    exports dev.ioasync.group;
    exports dev.ioasync.io;
    exports dev.ioasync.net;
    exports dev.ioasync.observe;
    exports dev.ioasync.process;
    exports dev.ioasync.protocol;
    exports dev.ioasync.signal;
    exports dev.ioasync.stream;
    exports dev.ioasync.timer;

    // SPI: what a backend implements
    exports dev.ioasync.spi;

    uses dev.ioasync.spi.LoopProvider;
}
