package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ProcessSoakTck;

/** Runs {@link ProcessSoakTck} on the select backend. */
class SelectProcessSoakTest extends ProcessSoakTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
