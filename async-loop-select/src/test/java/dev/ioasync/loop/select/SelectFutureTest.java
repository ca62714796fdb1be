package dev.ioasync.loop.select;

class SelectFutureTest extends dev.ioasync.tck.FutureTck {
    @Override protected dev.ioasync.spi.LoopProvider provider() { return new SelectLoopProvider(); }
}
