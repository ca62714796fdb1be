package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ProcessTck;

/** Runs {@link ProcessTck} on the select backend. */
class SelectProcessTest extends ProcessTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
