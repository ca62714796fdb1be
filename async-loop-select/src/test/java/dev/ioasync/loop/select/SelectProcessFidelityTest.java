package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ProcessFidelityTck;

/** Runs {@link ProcessFidelityTck} on the select backend. */
class SelectProcessFidelityTest extends ProcessFidelityTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
