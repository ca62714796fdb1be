package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.AdoptFutureTck;

/** Runs {@link AdoptFutureTck} on the select backend. */
class SelectAdoptFutureTest extends AdoptFutureTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
